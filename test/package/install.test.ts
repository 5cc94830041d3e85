/**
 * As a council installs it: the project packed, the package installed into an empty folder, and
 * the installed command run there from `init` to a built report. Slow (it installs the
 * dependencies, from npm's cache where it can), so it is its own project: `npm run test:package`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers.js';

const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('the packed package', () => {
  it('holds what a council needs and nothing else, installs into an empty folder, and runs there', () => {
    const packs = tempDir();
    const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', packs], ROOT)) as { filename: string; files: { path: string }[] }[];
    const files = packed!.files.map((f) => f.path);
    for (const needed of ['dist/bin.js', 'dist/cli.js', 'templates/page.hbs', 'templates/styles/report.css', 'charts/config.json', 'schema/dataset.schema.json', 'README.md', 'LICENSE', 'package.json'])
      expect(files, needed).toContain(needed);
    expect(files.filter((f) => /^(test|data|src|\.ci|out)\//.test(f))).toEqual([]);

    const council = tempDir();
    writeFileSync(join(council, 'package.json'), '{ "name": "example-council-reports", "private": true }\n');
    npm(['install', '--no-audit', '--no-fund', '--prefer-offline', join(packs, packed!.filename)], council);
    const cli = (...args: string[]) => execFileSync(join(council, 'node_modules/.bin/annual-report'), args, { cwd: council, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(cli('--version').trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    cli('init');
    expect(existsSync(join(council, 'annual-report.config.yaml'))).toBe(true);
    cli('new', 'example-town', '2025-26');
    // The author fills the year in: here, a few figures and a paragraph.
    writeFileSync(
      join(council, 'data/example-town/2025-26.yaml'),
      '# yaml-language-server: $schema=../../schema/dataset.schema.json\nyear: 2025-26\nauthor:\n  role: Service Manager\nchildren:\n  placed: 14\n  adoption_orders: 12\nnarrative:\n  executive_summary: Fourteen children moved in with their new families.\n',
    );
    const authority = join(council, 'data/example-town/authority.yaml');
    writeFileSync(authority, readFileSync(authority, 'utf8').replace(/^(region|regional_agency|  email|  phone):.*\n/gm, ''));
    cli('validate');
    cli('build', '--no-pdf');
    const html = readFileSync(join(council, 'out/example-town/2025-26/annual-report.html'), 'utf8');
    expect(html).toContain('Example Town Adoption Service');
    expect(html).toContain('Fourteen children moved in');
    expect(readdirSync(join(council, 'out/example-town/2025-26'))).toContain('annual-report.html');
  });
});
