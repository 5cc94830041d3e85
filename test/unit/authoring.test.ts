/** A report author's tools: the JSON Schema for editors, `new`, progress output, chart files. (The preview is in test/e2e/preview.test.ts.) */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Ajv2020 from 'ajv/dist/2020.js';
import { isScalar, parse, parseDocument, visit } from 'yaml';
import { describe, expect, it } from 'vitest';
import { consoleLogger, consoleOptions } from '../../src/effects.js';
import { jsonSchemas, schemaText } from '../../src/json-schema.js';
import { authoritySchema, yearSchema } from '../../src/load/schema.js';
import { parseYaml, validateAgainst } from '../../src/load/yaml.js';
import { ROOT, runCli, tempDir, tempProject } from '../helpers.js';

const DATA = join(ROOT, 'data');
const exampleFiles = readdirSync(DATA).flatMap((a) =>
  readdirSync(join(DATA, a))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(DATA, a, f)),
);

describe('JSON Schema for editors', () => {
  const schemas = jsonSchemas();
  const ajv = new Ajv2020.default({ allErrors: true, strict: false });
  const dataset = ajv.compile(schemas['dataset.schema.json'] as object);
  const authority = ajv.compile(schemas['authority.schema.json'] as object);
  const agency = ajv.compile(schemas['agency.schema.json'] as object);
  const agencyYear = ajv.compile(schemas['agency-year.schema.json'] as object);
  /** The schema a file of the examples follows, by its name and folder. */
  const kindOf = (file: string) =>
    file.endsWith('authority.yaml')
      ? 'authority'
      : file.endsWith('agency.yaml')
        ? 'agency'
        : statSync(join(file, '..', 'agency.yaml'), { throwIfNoEntry: false })
          ? 'agency-year'
          : 'dataset';

  it('is generated from the zod schemas and committed in step (run `npm run schema` after changing them)', async () => {
    for (const [name, schema] of Object.entries(schemas)) expect(readFileSync(join(ROOT, 'schema', name), 'utf8')).toBe(schemaText(schema));
  });

  it('describes every field', async () => {
    const undescribed: string[] = [];
    const walk = (node: Record<string, unknown>, path: string) => {
      for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        if (!child.description) undescribed.push(`${path}${key}`);
        walk(child, `${path}${key}.`);
        if (child.items && typeof child.items === 'object') walk(child.items as Record<string, unknown>, `${path}${key}[].`);
      }
    };
    walk(schemas['dataset.schema.json'] as Record<string, unknown>, '');
    walk(schemas['authority.schema.json'] as Record<string, unknown>, 'authority:');
    walk(schemas['agency.schema.json'] as Record<string, unknown>, 'agency:');
    walk(schemas['agency-year.schema.json'] as Record<string, unknown>, 'agency-year:');
    expect(undescribed).toEqual([]);
    expect(JSON.stringify(schemas['dataset.schema.json'])).toContain(
      'A10: Average time between a child entering care and moving in with its adoptive family. Mean days from entering care',
    );
  });

  it('accepts every example, each of which names it on its first line', async () => {
    for (const file of exampleFiles) {
      const text = readFileSync(file, 'utf8');
      const kind = kindOf(file);
      expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=../../schema/${kind}.schema.json`);
      const validate = { authority, agency, 'agency-year': agencyYear, dataset }[kind];
      expect(validate(parse(text)), `${file}: ${JSON.stringify(validate.errors?.slice(0, 2))}`).toBe(true);
    }
  });

  it('rejects the broken datasets that zod rejects for their types and shape', async () => {
    const cases = [
      'days-with-unit',
      'days-negative',
      'count-fraction',
      'count-as-word',
      'count-empty',
      'comparator-unknown-kind',
      'comparator-without-source',
      'comparators-not-a-list',
      'record-unknown-status',
      'record-birth-month-13',
      'top-level-list',
      'missing-year',
      'author-role-empty',
      'recommendations-not-a-list',
      'money-with-symbols',
    ];
    for (const name of cases) {
      const text = readFileSync(join(ROOT, 'test/fixtures/invalid', `${name}.yaml`), 'utf8');
      const parsed = parseYaml(`${name}.yaml`, text);
      expect(validateAgainst(parsed.source, parsed.value, yearSchema).ok, `zod on ${name}`).toBe(false);
      expect(dataset(parse(text)), `JSON Schema on ${name}`).toBe(false);
    }
    const noContact = parse(readFileSync(join(ROOT, 'test/fixtures/invalid/authority-missing-contact/authority.yaml'), 'utf8'));
    expect(authority(noContact)).toBe(false);
    expect(authoritySchema.safeParse(noContact).success).toBe(false);
  });
});

describe('annual-report new', () => {
  it('starts next year from the latest: figures to fill in beside last year’s, recommendations as progress, dates moved on', async () => {
    const dir = tempProject();
    const run = await runCli(['new', 'leicestershire', '2025-26'], dir);
    expect(run.code, run.stderr).toBe(0);
    const text = readFileSync(join(dir, 'data/leicestershire/2025-26.yaml'), 'utf8');
    expect(text).toContain('year: 2025-26');
    expect(text).toContain('  placed: null # fill in (2024/25: 28)');
    expect(text).toContain('    days: null # fill in (2024/25: 682.61 days)');
    expect(text).toContain('  drawdown: null # fill in (2024/25: £1,622,481.01)');
    expect(text).toContain('  - recommendation: Keep developing our work with the regional adoption agency');
    expect(text).toContain('meeting_date: 2026-11-04');
    expect(text).toContain('approved: 2026-12-09');
    expect(text).not.toContain('commentary:');
    // A figure the year file names itself is to fill in too, never carried over as this year's.
    expect(text).toMatch(/life_story_books:\n {4}label: Life story books completed\n {4}value: null # fill in \(2024\/25: 25\)/);

    const validate = await runCli(['validate', 'data/leicestershire/2025-26.yaml'], dir);
    expect(validate.code).toBe(1);
    expect(validate.stderr).toMatch(/2025-26\.yaml:\d+:\d+ {2}children\.placed {2}expected a whole number, found an empty value/);

    // Filling in every figure makes it a valid dataset.
    writeFileSync(join(dir, 'data/leicestershire/2025-26.yaml'), text.replace(/null # fill in \(2024\/25: [^)]*\)/g, '7'));
    const filled = await runCli(['validate', 'data/leicestershire/2025-26.yaml'], dir);
    expect(filled.code, filled.stderr).toBe(0);
  });

  it('starts a regional agency’s next year from its latest, and its first year from a template; each validates once written', async () => {
    const dir = tempProject();
    expect((await runCli(['new', 'example-adoption-partnership', '2025-26'], dir)).code).toBe(0);
    const next = readFileSync(join(dir, 'data/example-adoption-partnership/2025-26.yaml'), 'utf8');
    expect(next.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schema/agency-year.schema.json');
    expect(next).toContain('    value: null # fill in (2024/25: 455)');
    expect(next).toContain('  - name: Family Finding\n    lead: Service Manager, Example City\n    text: |-\n      To write for 2025/26.');
    expect(next).toMatch(/for_partners: \|-?\n {2}To write for 2025\/26\./);
    const validate = await runCli(['validate', 'data/example-adoption-partnership/2025-26.yaml'], dir);
    expect(validate.code).toBe(1);
    expect(validate.stderr).toMatch(/2025-26\.yaml:\d+:\d+ {2}figures\.event_places_booked\.value {2}expected a number, found an empty value/);
    writeFileSync(join(dir, 'data/example-adoption-partnership/2025-26.yaml'), next.replace(/null # fill in \(2024\/25: [^)]*\)/g, '7'));
    const unwritten = await runCli(['validate', 'data/example-adoption-partnership/2025-26.yaml'], dir);
    expect(unwritten.stderr).toMatch(/2025-26\.yaml:\d+:\d+ {2}for_partners {2}warning: still to fill in: "To write for 2025\/26\."/);
    writeFileSync(join(dir, 'data/example-adoption-partnership/2025-26.yaml'), next.replace(/null # fill in \(2024\/25: [^)]*\)/g, '7').replace(/To write for 2025\/26\./g, 'Written.'));
    const filled = await runCli(['validate', 'data/example-adoption-partnership/2025-26.yaml'], dir);
    expect(filled.code, filled.stderr).toBe(0);

    const fresh = tempProject({ 'data/new-partnership/agency.yaml': 'name: New Partnership\nhost_authority: A Council\npartners: [example-town]\ncontact:\n  team: Hub\n', 'data/example-town/authority.yaml': 'name: Example Town Council\nshort_name: Example Town\nregional_agency: New Partnership\ncontact:\n  team: Adoption Service\n' });
    expect((await runCli(['new', 'new-partnership', '2025-26'], fresh)).code).toBe(0);
    const first = readFileSync(join(fresh, 'data/new-partnership/2025-26.yaml'), 'utf8');
    for (const section of ['background', 'governance', 'family_finding', 'plans']) expect(first).toContain(`  ${section}: |\n    To write for 2025/26.`);
    const template = await runCli(['validate', 'data/new-partnership'], fresh);
    expect(template.code, template.stderr).toBe(0);
    expect(template.stderr).toContain('still to fill in: "To write for 2025/26."');
  });

  it('never overwrites a file', async () => {
    const dir = tempProject();
    const before = readFileSync(join(dir, 'data/leicester/2023-24.yaml'));
    const run = await runCli(['new', 'leicester', '2023-24'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('data/leicester/2023-24.yaml already exists; `annual-report new` never overwrites a file');
    expect(readFileSync(join(dir, 'data/leicester/2023-24.yaml'))).toEqual(before);
  });

  it('gives a new authority a complete template that validates once filled', async () => {
    const dir = tempDir();
    expect((await runCli(['new', 'example-town', '2025-26'], dir)).code).toBe(0);
    const year = join(dir, 'data/example-town/2025-26.yaml');
    const auth = join(dir, 'data/example-town/authority.yaml');
    expect((await runCli(['validate'], dir)).code).toBe(1);
    // Fill every empty value as an author would: words where words go, figures elsewhere.
    const fill = (text: string) => {
      const doc = parseDocument(text);
      visit(doc, {
        Pair(_, pair) {
          if (isScalar(pair.value) && pair.value.value === null) {
            const key = String((pair.key as { value: unknown }).value);
            pair.value.value = /^(meeting_date|approved)$/.test(key)
              ? '2026-01-15'
              : key === 'next_review'
                ? '2027-01-14'
                : /^(date|source|region|regional_agency|email|phone)$/.test(key)
                ? 'Filled in'
                : 3;
          }
        },
      });
      return doc.toString();
    };
    writeFileSync(year, fill(readFileSync(year, 'utf8')));
    writeFileSync(auth, fill(readFileSync(auth, 'utf8')));
    const result = await runCli(['validate'], dir);
    expect(result.stderr).toContain('1 dataset valid: example-town 2025-26');
    expect(result.code).toBe(0);
    // Every section, the covering report and statement of purpose included, each still to write.
    const text = readFileSync(year, 'utf8');
    for (const group of ['scorecard:', 'adopter_timeliness:', 'complaints:', 'birth_records:', 'covering_report:', 'statement_of_purpose:']) expect(text).toContain(`\n${group}`);
    expect(result.stderr).toContain('covering_report.summary  warning: still to fill in: "To write."');
    expect(result.stderr).toContain('statement_of_purpose.aims_and_objectives  warning: still to fill in');
    // A year before A10 existed offers A1.
    const early = tempDir();
    expect((await runCli(['new', 'example-town', '2019-20'], early)).code).toBe(0);
    const earlyText = readFileSync(join(early, 'data/example-town/2019-20.yaml'), 'utf8');
    expect(earlyText).toContain('\n  a1:');
    expect(earlyText).not.toContain('a10');
  });
});

describe('progress and output', () => {
  const capture = () => {
    let text = '';
    const stream = new Writable({ write: (chunk, _e, done) => ((text += chunk), done()) }) as Writable & { isTTY?: boolean };
    return { stream, text: () => text };
  };

  it('writes a line a document when not on a terminal, and groups warnings by file at the end', async () => {
    const out = capture();
    const logger = consoleLogger(out.stream, consoleOptions(out.stream, {}, {}));
    logger.progress!(0, 2, 'a 2024-25 annual-report');
    logger.info('built a 2024-25 annual-report');
    logger.problem({ severity: 'warning', file: 'data/a/2024-25.yaml', message: 'first' });
    logger.problem({ severity: 'warning', file: 'data/b/2024-25.yaml', message: 'second' });
    logger.problem({ severity: 'warning', file: 'data/a/2024-25.yaml', message: 'third' });
    expect(out.text()).toBe('built a 2024-25 annual-report\n');
    logger.flush!();
    expect(out.text()).toBe(
      'built a 2024-25 annual-report\n\ndata/a/2024-25.yaml: 2 warnings\ndata/a/2024-25.yaml  warning: first\ndata/a/2024-25.yaml  warning: third\n\ndata/b/2024-25.yaml: 1 warning\ndata/b/2024-25.yaml  warning: second\n',
    );
  });

  it('shows a progress bar on a terminal, with colour only when NO_COLOR is not set', async () => {
    const tty = capture();
    tty.stream.isTTY = true;
    expect(consoleOptions(tty.stream, { NO_COLOR: '1' }, {}).color).toBe(false);
    expect(consoleOptions(tty.stream, {}, {}).color).toBe(true);
    expect(consoleOptions({ isTTY: false }, {}, {}).color).toBe(false);
    const logger = consoleLogger(tty.stream, { tty: true, color: false });
    logger.progress!(0, 3, 'x 2024-25 annual-report');
    logger.info('built x 2024-25 annual-report');
    logger.progress!(3, 3, null);
    expect(tty.text()).toContain('0/3 x 2024-25 annual-report');
    expect(tty.text()).not.toContain('built x');
    const quiet = capture();
    const silent = consoleLogger(quiet.stream, { quiet: true });
    silent.info('built y');
    expect(quiet.text()).toBe('');
  });
});

describe('charts as files', () => {
  it('writes each chart as SVG and its data as CSV beside the documents', async () => {
    const dir = tempProject();
    expect((await runCli(['build', '--no-pdf', '--only', 'annual-report', 'data/leicestershire/2024-25.yaml'], dir)).code).toBe(0);
    const charts = join(dir, 'out/leicestershire/2024-25/charts');
    const files = readdirSync(charts);
    expect(files).toContain('annual-report-provision-chart.svg');
    expect(readFileSync(join(charts, 'annual-report-provision-chart.svg'), 'utf8')).toMatch(/^<\?xml[^>]*>\n<svg [^>]*role="img"/);
    expect(readFileSync(join(charts, 'annual-report-provision-chart.csv'), 'utf8').split('\r\n').slice(0, 2)).toEqual([
      '\uFEFFMeasure,2023/24,2024/25',
      'In-house,not given,14',
    ]);
    expect(files.filter((f) => f.endsWith('.svg')).length).toBe(files.filter((f) => f.endsWith('.csv')).length);
    // The HTML links its other formats and every chart's data, with their sizes.
    const html = readFileSync(join(dir, 'out/leicestershire/2024-25/annual-report.html'), 'utf8');
    const word = statSync(join(dir, 'out/leicestershire/2024-25/annual-report.docx')).size;
    expect(html).toContain(`<a href="annual-report.docx" download>Word (${Math.round(word / 1024)} KB)</a>`);
    expect(html).not.toContain('annual-report.pdf'); // none was built
    for (const csv of files.filter((f) => f.endsWith('.csv'))) expect(html).toContain(`<a href="charts/${csv}" download>`);
    expect(html).toContain(`as CSV files (${files.filter((f) => f.endsWith('.csv')).length})`);
  });
});

describe('chart data as CSV', () => {
  it('makes text that a spreadsheet would run as a formula plain, and quotes what needs it', async () => {
    const { tableCsv } = await import('../../src/build.js');
    const csv = tableCsv({
      id: 't',
      caption: 'c',
      columns: [{ text: 'Authority', markdown: null, diff: null, numeric: false }, { text: 'In-house, 2024/25', markdown: null, diff: null, numeric: false }],
      rows: [
        { header: '=HYPERLINK("http://x","y")', cells: [{ text: '-3', markdown: null, diff: null, numeric: true }] },
        { header: '@SUM(A1)', cells: [{ text: '+44', markdown: null, diff: null, numeric: false }] },
      ],
      notes: [],
    });
    expect(csv).toBe('\uFEFFAuthority,"In-house, 2024/25"\r\n"\'=HYPERLINK(""http://x"",""y"")",-3\r\n\'@SUM(A1),\'+44\r\n');
  });
});
