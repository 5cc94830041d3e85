/** A council's own project: `init`, its settings file, the schema lines `new` writes, and its own look. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { ROOT, runCli, tempDir, tempProject } from '../helpers.js';

/** The schema a YAML file's first line points its editor at, resolved from the file's folder. */
function schemaOf(file: string): string {
  const line = readFileSync(file, 'utf8').split('\n')[0]!;
  const path = /^# yaml-language-server: \$schema=(.+)$/.exec(line)?.[1];
  expect(path, `${file} names its schema on its first line`).toBeDefined();
  return resolve(dirname(file), path!);
}

const yearFiles = (dataDir: string) =>
  readdirSync(dataDir).flatMap((a) =>
    readdirSync(join(dataDir, a))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => join(dataDir, a, f)),
  );

describe('annual-report init', () => {
  it('starts a project whose datasets’ schema lines resolve, and keeps what is there when run again', async () => {
    const dir = tempDir();
    const run = await runCli(['init', 'council'], dir);
    expect(run.code, run.stderr).toBe(0);
    const project = join(dir, 'council');
    for (const file of ['annual-report.config.yaml', '.gitignore', 'schema/dataset.schema.json', 'schema/authority.schema.json', 'schema/config.schema.json'])
      expect(existsSync(join(project, file)), file).toBe(true);
    expect(readFileSync(join(project, '.gitignore'), 'utf8')).toContain('out/');
    expect(schemaOf(join(project, 'annual-report.config.yaml'))).toBe(join(project, 'schema/config.schema.json'));
    // Every file `new` writes there points at a schema that exists: a first year, and the year after it.
    expect((await runCli(['new', 'example-town', '2024-25'], project)).code).toBe(0);
    writeFileSync(join(project, 'data/example-town/2024-25.yaml'), 'year: 2024-25\nchildren:\n  placed: 12\n');
    expect((await runCli(['new', 'example-town', '2025-26'], project)).code).toBe(0);
    for (const file of [...yearFiles(join(project, 'data')), join(project, 'data/example-town/authority.yaml')]) {
      if (file.endsWith('2024-25.yaml')) continue; // rewritten above
      expect(existsSync(schemaOf(file)), file).toBe(true);
    }
    // Again: nothing replaced.
    writeFileSync(join(project, '.gitignore'), 'mine\n');
    const again = await runCli(['init', 'council'], dir);
    expect(again.stderr).toContain('kept council/.gitignore: it already exists');
    expect(readFileSync(join(project, '.gitignore'), 'utf8')).toBe('mine\n');
  });

  it('and in this repository, every example names a schema that exists', () => {
    for (const file of yearFiles(join(ROOT, 'data'))) expect(existsSync(schemaOf(file)), file).toBe(true);
  });
});

describe('the settings file', () => {
  it('sets the defaults the command line overrides', async () => {
    const dir = tempProject();
    writeFileSync(join(dir, 'annual-report.config.yaml'), 'out: published\nyears: 2\n');
    expect((await runCli(['build', '--no-pdf', '--only', 'annual-report', 'data/leicester/2023-24.yaml'], dir)).code).toBe(0);
    const html = readFileSync(join(dir, 'published/leicester/2023-24/annual-report.html'), 'utf8');
    expect(html).toContain('2022/23 to 2023/24');
    expect(html).not.toContain('2021/22 to 2023/24');
    expect((await runCli(['build', '--no-pdf', '--only', 'annual-report', '--out', 'elsewhere', 'data/leicester/2023-24.yaml'], dir)).code).toBe(0);
    expect(existsSync(join(dir, 'elsewhere/leicester/2023-24/annual-report.html'))).toBe(true);
  });

  it('is checked like a dataset, its problems at their lines', async () => {
    const dir = tempProject();
    writeFileSync(join(dir, 'annual-report.config.yaml'), 'years: 0\nout: out\n');
    const run = await runCli(['validate'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('annual-report.config.yaml:1:8  years  expected a number of years, 1 or more, found 0');
    writeFileSync(join(dir, 'annual-report.config.yaml'), 'look:\n  stylesheet: nowhere.css\n');
    expect((await runCli(['build', '--no-pdf'], dir)).stderr).toContain('annual-report.config.yaml:2:15  look.stylesheet  expected a stylesheet at nowhere.css');
  });
});

describe('a council’s own look', () => {
  it('replaces the package’s partials it names and adds its stylesheet, the rest as the package has them', async () => {
    const dir = tempProject();
    mkdirSync(join(dir, 'look/templates'), { recursive: true });
    const cover = readFileSync(join(ROOT, 'templates/partials/cover.hbs'), 'utf8').replace('<p class="cover-service">', '<p class="council-wording">Presented by the Corporate Parenting Board</p>\n  <p class="cover-service">');
    writeFileSync(join(dir, 'look/templates/cover.hbs'), cover);
    writeFileSync(join(dir, 'look/report.css'), '.council-wording { color: #00502f; }\n');
    writeFileSync(join(dir, 'annual-report.config.yaml'), 'look:\n  templates: look/templates\n  stylesheet: look/report.css\n');
    expect((await runCli(['build', '--no-pdf', '--only', 'annual-report', 'data/leicester/2023-24.yaml'], dir)).code).toBe(0);
    const html = readFileSync(join(dir, 'out/leicester/2023-24/annual-report.html'), 'utf8');
    expect(html).toContain('<p class="council-wording">Presented by the Corporate Parenting Board</p>');
    expect(html).toContain('.council-wording { color: #00502f; }');
    expect(html).toContain('<table id="children-table">'); // the package's partials for the rest
    // An override is held to the same strict rules: a field the view lacks fails with the file and line.
    writeFileSync(join(dir, 'look/templates/cover.hbs'), `${cover}\n<p>{{committeeChair}}</p>\n`);
    const run = await runCli(['build', '--no-pdf', '--only', 'annual-report', 'data/leicester/2023-24.yaml'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/look\/templates\/cover\.hbs.*committeeChair/);
  });
});

describe('a council’s own Word styles', () => {
  it('are taken from a reference Word document the settings name', async () => {
    const dir = tempProject();
    const build = (out: string) => runCli(['build', '--formats', 'docx', '--only', 'covering-report', '--out', out, 'data/leicester/2023-24.yaml'], dir);
    expect((await build('plain')).code).toBe(0);
    // The council's reference document: any Word file, here the tool's own with its body font changed.
    const plain = unzipSync(readFileSync(join(dir, 'plain/leicester/2023-24/covering-report.docx')));
    const styles = strFromU8(plain['word/styles.xml']!);
    expect(styles).not.toContain('Council Serif');
    writeFileSync(join(dir, 'reference.docx'), zipSync({ ...plain, 'word/styles.xml': strToU8(styles.replace(/w:ascii="[^"]+"/, 'w:ascii="Council Serif"')) }));
    writeFileSync(join(dir, 'annual-report.config.yaml'), 'look:\n  word_styles: reference.docx\n');
    expect((await build('styled')).code).toBe(0);
    const styled = unzipSync(readFileSync(join(dir, 'styled/leicester/2023-24/covering-report.docx')));
    expect(strFromU8(styled['word/styles.xml']!)).toContain('w:ascii="Council Serif"');
  });
});
