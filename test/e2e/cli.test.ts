/** The installed command as its own process: what only a real process shows, its exit status and its error stream. */
import { describe, expect, it } from 'vitest';
import { AUTHORITY_YAML, spawnCli, tempProject } from '../helpers.js';

describe('annual-report as a process', () => {
  it('exits 1 on a broken dataset, with the problem at its line on stderr', async () => {
    const dir = tempProject({ 'data/example/authority.yaml': AUTHORITY_YAML, 'data/example/2024-25.yaml': 'year: 2024-25\nadopters:\n  approvals: -1\n' });
    const result = await spawnCli(['validate'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('data/example/2024-25.yaml:3:14  adopters.approvals  expected a whole number, 0 or more, found -1');
    expect(result.stdout).toBe('');
  });

  it('exits 2 on a usage error, with the reason on stderr, and 0 on --help, on stdout', async () => {
    const usage = await spawnCli(['build', '--years', 'none']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("option '--years <n>' argument 'none' is invalid");
    const help = await spawnCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: annual-report');
  });
});
