/**
 * The bad-input suite: every case in test/fixtures/invalid/ is validated by the command, run in
 * this process, and must give its expected message (and exit 1, or the exit its .expected.txt
 * names; test/e2e/cli.test.ts runs two as real processes). A case is a year
 * file (put in a folder beside a valid authority.yaml) or a whole authority folder. Then a fuzz
 * of the loader: any text ends in data or in located problems, never in an exception.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authoritySchema, yearSchema } from '../../src/load/schema.js';
import { decodeText, parseYaml, validateAgainst } from '../../src/load/yaml.js';
import { AUTHORITY_YAML, ROOT, runCli, tempDir } from '../helpers.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'invalid');
const cases = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.expected.txt'))
  .map((f) => f.replace(/\.expected\.txt$/, ''))
  .sort();

const validateCli = (cwd: string, target: string) => runCli(['validate', target], cwd);

/** A project holding the case: `data/example/` with the case's files. */
function projectFor(name: string): string {
  const dir = tempDir();
  const folder = join(dir, 'data', 'example');
  const source = join(FIXTURES, name);
  if (existsSync(source) && statSync(source).isDirectory()) {
    cpSync(source, folder, { recursive: true });
  } else {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'authority.yaml'), AUTHORITY_YAML);
    cpSync(`${source}.yaml`, join(folder, '2024-25.yaml'));
  }
  return dir;
}

describe.concurrent('broken datasets give their message', () => {
  it('has at least 40 cases', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  for (const name of cases) {
    it(name, async () => {
      const [fragment, exitLine] = readFileSync(join(FIXTURES, `${name}.expected.txt`), 'utf8').split('\n');
      const expectedExit = exitLine?.startsWith('exit: ') ? Number(exitLine.slice(6)) : 1;
      const result = await validateCli(projectFor(name), 'data/example');
      expect(result.stderr).toContain(fragment);
      expect(result.code, result.stderr).toBe(expectedExit);
      if (expectedExit === 1) expect(result.stderr).toMatch(/data\/example\/[\w.-]+\.yaml/);
    });
  }

  it('a 50 MB file is refused before it is parsed', async () => {
    const dir = projectFor('missing-year');
    const line = '# padding padding padding padding padding padding padding padding padding\n';
    writeFileSync(join(dir, 'data/example/2024-25.yaml'), `year: 2024-25\nauthor:\n  role: x\n${line.repeat(Math.ceil((50 * 1024 * 1024) / line.length))}`);
    const result = await validateCli(dir, 'data/example');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('data/example/2024-25.yaml  expected a dataset under 2 MB, found 50.0 MB');
  });
});

describe('large files', () => {
  it('a 2 MB file of unknown keys is validated in time linear in its size (it had taken minutes): fifty reported, the rest counted', async () => {
    const dir = projectFor('missing-year');
    const lines = ['year: 2024-25', 'author:', '  role: x'];
    for (let i = 0, size = 0; size < 2_000_000 - 40; i++) size += (lines[lines.push(`unknown_key_${i}: ${i}`) - 1]!.length + 1);
    writeFileSync(join(dir, 'data/example/2024-25.yaml'), `${lines.join('\n')}\n`);
    const result = await validateCli(dir, 'data/example');
    expect(result.code).toBe(0);
    expect(result.stderr.match(/warning: unknown field "unknown_key_\d+" is ignored/g)).toHaveLength(50);
    expect(result.stderr).toContain(`warning: and ${lines.length - 3 - 50} more unknown fields, each ignored`);
  });
});

describe('fuzzing the loader', () => {
  const load = (text: string) => {
    const decoded = decodeText('fuzz.yaml', new TextEncoder().encode(text));
    if (decoded.text === undefined) return decoded.problems;
    const parsed = parseYaml('fuzz.yaml', decoded.text);
    if (parsed.value === undefined) return parsed.problems;
    const year = validateAgainst(parsed.source, parsed.value, yearSchema);
    const authority = validateAgainst(parsed.source, parsed.value, authoritySchema);
    return [...parsed.problems, ...year.problems, ...authority.problems];
  };
  const located = (problems: ReturnType<typeof load>) =>
    problems.every((p) => p.file === 'fuzz.yaml' && p.message.length > 0 && (p.position === undefined || (p.position.line >= 1 && p.position.column >= 1)));

  it('any text ends in data or in located problems, never an exception', async () => {
    const yamlish = fc.stringMatching(/^[a-z0-9_:\-\[\]{}&*!|>'" #,.\n\t]{0,200}$/);
    fc.assert(
      fc.property(yamlish, (text) => located(load(text))),
      { numRuns: 400 },
    );
  });

  it('any nesting of maps, lists and scalars does too', async () => {
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.integer(),
        fc.double({ noNaN: true }),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(fc.constantFrom('year', 'author', 'role', 'children', 'placed', 'scorecard', 'a10', 'days', 'x'), tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        const text = JSON.stringify(v) ?? '';
        return located(load(text));
      }),
      { numRuns: 300 },
    );
  });
});
