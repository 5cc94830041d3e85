#!/bin/sh
# Runs a command and prints its wall time and the whole machine's busy CPU time meanwhile
# (Linux, from /proc/stat): unlike `time`, it counts Chromium's processes too. Run it on an
# otherwise idle machine:  test/machine-cpu.sh npm test
before=$(head -1 /proc/stat); start=$(date +%s.%N)
"$@"; status=$?
after=$(head -1 /proc/stat); end=$(date +%s.%N)
echo "$before" "$after" "$start" "$end" | awk '{
  for (i = 2; i <= 11; i++) { a += $i; b += $(i + 11) }
  idle = ($(16) + $(17)) - ($5 + $6)
  printf "wall %.1f s, machine busy %.1f core-seconds\n", $24 - $23, (b - a - idle) / 100
}' >&2
exit $status
