/** The command line, in this process: one document with --only, a broken dataset, usage errors, no Chromium. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFiles, type FileSystem } from '../../src/effects.js';
import { findChromium } from '../../src/pdf/chromium.js';
import { ROOT, runCli, tempDir, tempProject } from '../helpers.js';

describe('building', () => {
  it('builds one document with --only', async () => {
    const dir = tempProject();
    const result = await runCli(['build', '--only', 'statement-of-purpose', '--no-pdf', '--out', join(dir, 'out'), 'data/leicester/2022-23.yaml'], dir);
    expect(result.code).toBe(0);
    expect(readdirSync(join(dir, 'out', 'leicester', '2022-23')).filter((f) => !f.startsWith('.'))).toEqual(['statement-of-purpose.docx', 'statement-of-purpose.html']);
    // --formats picks any of HTML, PDF and Word.
    expect((await runCli(['build', '--only', 'statement-of-purpose', '--formats', 'docx', '--out', join(dir, 'word'), 'data/leicester/2022-23.yaml'], dir)).code).toBe(0);
    expect(readdirSync(join(dir, 'word', 'leicester', '2022-23')).filter((f) => !f.startsWith('.'))).toEqual(['statement-of-purpose.docx']);
    expect((await runCli(['build', '--formats', 'html,odt'], dir)).code).toBe(2);
    expect((await runCli(['build', '--only', 'minutes'], dir)).code).toBe(2);
  });
});

describe('a broken dataset', () => {
  it('gets file:line:column, path, expected and found, exit 1, and leaves earlier outputs untouched', async () => {
    const dir = tempProject();
    const outDir = join(dir, 'out');
    expect((await runCli(['build', '--out', outDir, '--no-pdf', 'data/leicester'], dir)).code).toBe(0);
    const before = readFileSync(join(outDir, 'leicester', '2023-24', 'annual-report.html'));
    const file = join(dir, 'data', 'leicester', '2023-24.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('days: 237.63', 'days: 237.63 days'));
    const broken = await runCli(['build', '--out', outDir, '--no-pdf', 'data/leicester'], dir);
    expect(broken.code).toBe(1);
    const lineNo = original.split('\n').findIndex((l) => l.includes('days: 237.63')) + 1;
    expect(broken.stderr).toContain(`data/leicester/2023-24.yaml:${lineNo}:11  scorecard.a2.days  expected a number of days, found "237.63 days"`);
    expect(broken.stderr).toContain('nothing was written');
    expect(readFileSync(join(outDir, 'leicester', '2023-24', 'annual-report.html'))).toEqual(before);
  });

  it('validate reports the same and writes nothing', async () => {
    const dir = tempProject();
    const file = join(dir, 'data', 'leicestershire', '2024-25.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('initial_visits: 41', 'initial_visits: forty-one'));
    const result = await runCli(['validate'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/data\/leicestershire\/2024-25\.yaml:\d+:\d+ {2}adopters\.initial_visits {2}expected a whole number, found "forty-one"/);
    expect(readdirSync(dir)).toEqual(['data']);
  });
});

describe('the command line', () => {
  it('validates the examples', async () => {
    const result = await runCli(['validate'], tempProject());
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('18 datasets valid');
  });

  it('exits 2 on a usage error and 0 on --help', async () => {
    expect((await runCli(['build', '--years', 'none'])).code).toBe(2);
    expect((await runCli(['frobnicate'])).code).toBe(2);
    const help = await runCli(['build', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: annual-report build');
  });

  it('prints its version', async () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    for (const flag of ['--version', '-V']) {
      const run = await runCli([flag]);
      expect(run.code).toBe(0);
      expect(run.stdout.trim()).toBe(version);
    }
  });

  it('looks for Chromium, Chrome or Edge where each platform puts them, and says how to install one', () => {
    const only = (present: string): FileSystem => ({ ...nodeFiles, kind: (path) => (path === present ? 'file' : 'missing') });
    expect(findChromium(only('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'), null, 'darwin')).toContain('Google Chrome');
    expect(findChromium(only('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'), null, 'win32')).toContain('msedge.exe');
    expect(findChromium(only('/snap/bin/chromium'), null, 'linux')).toBe('/snap/bin/chromium');
    expect(() => findChromium(only('/nowhere'), null, 'darwin')).toThrow(/brew install --cask chromium/);
    expect(() => findChromium(only('/nowhere'), null, 'win32')).toThrow(/Microsoft Edge/);
  });

  it('exits 2 with install advice when Chromium is missing', async () => {
    const result = await runCli(['build', '--out', join(tempDir(), 'out'), '--chromium', '/nonexistent/chromium', 'data/leicester/2021-22.yaml'], tempProject());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('apt-get install -y --no-install-recommends chromium');
  });
});


describe('--debug', () => {
  it("prints an error's stack and each cause beneath it", async () => {
    const { causeChain } = await import('../../src/cli.js');
    const chain = causeChain(new Error('templates/partials/section.hbs: "subtitel" not defined', { cause: new TypeError('inner') }));
    expect(chain).toMatch(/^Error: templates\/partials\/section\.hbs: "subtitel" not defined\n\s+at /);
    expect(chain).toMatch(/\ncaused by: TypeError: inner\n\s+at /);
  });
});
