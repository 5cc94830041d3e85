/**
 * Writes the synthetic example authorities (made-up names, seeded records) into data/.
 * Run with `npm run examples`; the output is committed, so builds do not depend on it.
 */
import { join, resolve } from 'node:path';
import { nodeFiles } from './effects.js';
import { authorityYaml, EXAMPLE_AUTHORITIES, syntheticYears } from './synthetic.js';

const dataDir = resolve(process.argv[2] ?? 'data');
EXAMPLE_AUTHORITIES.forEach((authority, i) => {
  const folder = join(dataDir, authority.id);
  nodeFiles.write(join(folder, 'authority.yaml'), authorityYaml(authority));
  const years = syntheticYears(authority, { seed: 2024 + i, firstYear: 2022, years: 3, childrenPerYear: 30 + 8 * i, householdsPerYear: 25 + 6 * i });
  for (const [year, text] of years) nodeFiles.write(join(folder, `${year}.yaml`), text);
  process.stdout.write(`wrote ${folder} (${[...years.keys()].join(', ')})\n`);
});
