import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { yearSchema } from '../../src/load/schema.js';
import { decodeText, parseYaml, validateAgainst } from '../../src/load/yaml.js';
import { loadData, AUTHORITY_YAML, tempProject } from '../helpers.js';

const FILE = 'data/example-borough/2024-25.yaml';

function check(text: string) {
  const parsed = parseYaml(FILE, text);
  if (parsed.value === undefined) return parsed.problems;
  const result = validateAgainst(parsed.source, parsed.value, yearSchema);
  return [...parsed.problems, ...result.problems];
}

const MINIMAL = `year: 2024-25
author:
  role: Service Manager
`;

describe('schema violations at YAML positions', () => {
  it('reports a wrong type with file, line, column, path, what was expected and what was found', async () => {
    const problems = check(`${MINIMAL}scorecard:\n  a2:\n    days: 276 days\n`);
    expect(problems).toHaveLength(1);
    expect(formatProblem(problems[0]!).split('\n')[0]).toBe(`${FILE}:6:11  scorecard.a2.days  expected a number of days, found "276 days"`);
    expect(problems[0]!.frame).toContain('> 6 |     days: 276 days');
    expect(problems[0]!.frame).toContain('|           ^');
  });

  it('reports every problem at once', async () => {
    const problems = check(`year: 2024-25\nauthor:\n  role: Service Manager\nchildren:\n  placed: many\n  adoption_orders: -3\nadopters:\n  approvals: 2.5\n`);
    expect(problems.map((p) => [p.dataPath, p.position?.line])).toEqual([
      ['children.placed', 5],
      ['children.adoption_orders', 6],
      ['adopters.approvals', 8],
    ]);
    expect(problems[1]!.message).toBe('expected a whole number, 0 or more, found -3');
    expect(problems[2]!.message).toBe('expected a whole number, found 2.5');
  });

  it('reports a missing key at its parent', async () => {
    const problems = check(`year: 2024-25\nauthor:\n  date: May 2025\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.dataPath).toBe('author.role');
    expect(problems[0]!.position).toEqual({ line: 2, column: 1 });
    expect(problems[0]!.message).toContain('expected the author’s role, such as Service Manager, found nothing (add "role" here)');
  });

  it('finds values inside flow mappings and through aliases', async () => {
    const flow = check(`${MINIMAL}scorecard: { a10: { days: "x" } }\n`);
    expect(flow[0]!.position).toEqual({ line: 4, column: 27 });
    const alias = check(`${MINIMAL}panel: &p\n  meetings: lots\nchildren:\n  placed: 3\nsupport_fund: { families: 1 }\nadopters: { approvals: 1 }\n`);
    expect(alias[0]!.dataPath).toBe('panel.meetings');
    expect(alias[0]!.position?.line).toBe(5);
  });

  it('warns about an unknown field with "did you mean", and still accepts the rest', async () => {
    const parsed = parseYaml(FILE, `${MINIMAL}children:\n  adoption_order: 4\n  placed: 3\n`);
    const result = validateAgainst(parsed.source, parsed.value, yearSchema);
    expect(result.ok).toBe(true);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.severity).toBe('warning');
    expect(result.problems[0]!.message).toBe('unknown field "adoption_order" is ignored; did you mean "adoption_orders"?');
    expect(result.problems[0]!.position).toEqual({ line: 5, column: 3 });
    if (result.ok) expect(result.value.children?.placed).toBe(3);
  });

  it('rejects a year that is not a fiscal year', async () => {
    const problems = check(`year: 2024-26\nauthor:\n  role: Service Manager\n`);
    expect(problems[0]!.message).toContain('expected a fiscal year written yyyy-yy with consecutive years');
  });

  it('names an unknown comparator kind and lists the allowed ones', async () => {
    const problems = check(`${MINIMAL}scorecard:\n  a10:\n    days: 500\n    comparators:\n      - kind: national\n        days: 480\n        source: DfE\n`);
    expect(problems[0]!.dataPath).toBe('scorecard.a10.comparators[0].kind');
    expect(problems[0]!.message).toBe('expected one of england, statistical_neighbours, region, threshold, found "national"');
  });
});

describe('YAML syntax', () => {
  it('reports a duplicate key at the second one', async () => {
    const problems = check(`${MINIMAL}children:\n  placed: 3\n  placed: 4\n`);
    expect(problems[0]!.position?.line).toBe(6);
    expect(problems[0]!.message).toContain('written twice');
  });

  it('reports tab indentation', async () => {
    const problems = check(`${MINIMAL}children:\n\tplaced: 3\n`);
    expect(problems[0]!.message).toContain('tabs are not allowed');
    expect(problems[0]!.position?.line).toBe(5);
  });

  it('reports an empty file', async () => {
    expect(check('')[0]!.message).toBe('expected a YAML mapping of fields, found an empty file');
  });

  it('refuses an alias bomb instead of expanding it', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    const problems = check(bomb.join('\n'));
    expect(problems[0]!.message).toContain('aliases that expand too far');
  });

  it('reports invalid UTF-8 with its line', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('year: 2024-25\nauthor:\n  role: Serv'), 0xff, 0x0a]);
    const decoded = decodeText(FILE, bytes);
    expect(decoded.text).toBeUndefined();
    expect(decoded.problems[0]!.position).toEqual({ line: 3, column: 13 });
    expect(decoded.problems[0]!.message).toContain('UTF-8');
  });
});

describe('loading folders', () => {
  it('loads earlier years beside the current one, most recent first', async () => {
    const dir = tempProject({
      'data/example-borough/authority.yaml': AUTHORITY_YAML,
      'data/example-borough/2022-23.yaml': MINIMAL.replace('2024-25', '2022-23'),
      'data/example-borough/2023-24.yaml': MINIMAL.replace('2024-25', '2023-24'),
      'data/example-borough/2024-25.yaml': MINIMAL,
    });
    const { datasets, problems } = loadData(['data/example-borough/2024-25.yaml'], { dataDir: 'data', cwd: dir });
    expect(problems).toEqual([]);
    expect(datasets).toHaveLength(1);
    expect(datasets[0]!.earlier.map((y) => y.year.id)).toEqual(['2023-24', '2022-23']);
    expect(datasets[0]!.authority.serviceName).toBe('Example Borough Adoption Service');
  });

  it('requires the year inside the file to match its name', async () => {
    const dir = tempProject({
      'data/example-borough/authority.yaml': AUTHORITY_YAML,
      'data/example-borough/2024-25.yaml': MINIMAL.replace('2024-25', '2023-24'),
    });
    const { problems } = loadData([], { dataDir: 'data', cwd: dir });
    expect(formatProblem(problems[0]!)).toContain('data/example-borough/2024-25.yaml:1:7  year  expected year 2024-25 to match the file name, found 2023-24');
  });

  it('requires authority.yaml', async () => {
    const dir = tempProject({ 'data/example-borough/2024-25.yaml': MINIMAL });
    const { problems } = loadData([], { dataDir: 'data', cwd: dir });
    expect(problems[0]!.file).toBe(join('data', 'example-borough', 'authority.yaml'));
    expect(problems[0]!.message).toContain('expected authority.yaml');
  });

  it('refuses folder and file names that are not identifiers', async () => {
    const dir = tempProject({
      'data/Bad Name/authority.yaml': AUTHORITY_YAML,
      'data/example/authority.yaml': AUTHORITY_YAML,
      'data/example/2024.yaml': MINIMAL,
    });
    const messages = loadData([], { dataDir: 'data', cwd: dir }).problems.map((p) => p.message);
    expect(messages.some((m) => m.includes('expected an authority folder named with lower-case letters'))).toBe(true);
    expect(messages.some((m) => m.includes('expected a year file named like 2024-25.yaml'))).toBe(true);
  });

  it('refuses an accent colour too pale to read on white', async () => {
    const dir = tempProject({
      'data/example/authority.yaml': `${AUTHORITY_YAML}branding:\n  accent_colour: "#ffcc00"\n`,
      'data/example/2024-25.yaml': MINIMAL,
    });
    const { problems } = loadData([], { dataDir: 'data', cwd: dir });
    expect(problems[0]!.message).toMatch(/at least 4.5:1 contrast against white, found #ffcc00 at 1\.\d\d:1/);
    expect(problems[0]!.position?.line).toBe(6);
  });
});

describe('a text read again', () => {
  // A text no other test parses in this process.
  const unique = () => `# ${process.hrtime.bigint()}\n`;

  it('is parsed once: the same frozen data, its problems still placed at their lines', () => {
    const text = `${unique()}${MINIMAL}scorecard:\n  a2:\n    days: 276 days\n`;
    const first = parseYaml(FILE, text);
    const again = parseYaml('data/other/2024-25.yaml', text);
    expect(first.source.tree).not.toBeNull();
    expect(again.source.tree).toBeNull();
    expect(again.value).toBe(first.value);
    expect(Object.isFrozen((again.value as { author: object }).author)).toBe(true);
    const result = validateAgainst(again.source, again.value, yearSchema);
    expect(formatProblem(result.problems[0]!).split('\n')[0]).toBe('data/other/2024-25.yaml:7:11  scorecard.a2.days  expected a number of days, found "276 days"');
  });

  it('with a problem is parsed, and its problem reported, every time', () => {
    const text = `${unique()}${MINIMAL}year: 2023-24\n`;
    for (let i = 0; i < 2; i++) {
      const parsed = parseYaml(FILE, text);
      expect(parsed.source.tree).not.toBeNull();
      expect(parsed.problems.map((p) => p.position?.line)).toEqual([5]);
    }
  });
});
