/**
 * The dependency rule, checked over the import graph of src/: stages import only earlier stages
 * (domain → load → metrics → report → charts → render → pdf, docx), never the command line or the
 * orchestration; only the effects module touches the disk, watches files or starts a browser;
 * only the command line reads the environment.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const STAGES = ['domain', 'load', 'metrics', 'report', 'charts', 'render', 'pdf', 'docx'] as const;
/** Top-level modules every stage may use: problems and messages, and the effects' types (never their implementation). */
const SHARED = ['errors.ts', 'messages.ts'];
const TYPES_ONLY = ['effects.ts'];
/** Imports that are side effects: the disk, processes, file watching, the browser. */
const EFFECT_MODULES = /^(node:)?(fs|fs\/promises|child_process)$|^chokidar$|^puppeteer(-core)?$/;
const EFFECT_ALLOWED: Record<string, string> = {
  'effects.ts': 'the effects themselves',
  'pdf/browser.ts': 'the printer effect: Chromium, and its profile folder',
  'bench.ts': 'a measurement tool, not part of the product: it runs WeasyPrint and reads /proc',
};
const ENV_ALLOWED = ['cli.ts', 'bin.ts', 'bench.ts'];

interface ModuleImport {
  from: string;
  /** Resolved to a path under src/ for relative imports; the package name otherwise. */
  target: string;
  typeOnly: boolean;
}

interface SourceModule {
  /** Relative to src/, such as `load/load.ts`. */
  path: string;
  text: string;
}

function importsOf(module: SourceModule): ModuleImport[] {
  const found: ModuleImport[] = [];
  const add = (specifier: string, typeOnly: boolean) =>
    found.push({
      from: module.path,
      target: specifier.startsWith('.') ? relative('/src', resolve('/src', dirname(module.path), specifier)).replace(/\.js$/, '.ts') : specifier,
      typeOnly,
    });
  for (const m of module.text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?'([^']+)'/gm)) add(m[2]!, Boolean(m[1]));
  for (const m of module.text.matchAll(/import\(\s*'([^']+)'\s*\)/g)) add(m[1]!, false);
  return found;
}

const stageOf = (path: string): number => STAGES.indexOf(path.split('/')[0] as (typeof STAGES)[number]);

/** Every way the modules break the rule, as sentences. */
function dependencyViolations(modules: readonly SourceModule[]): string[] {
  const violations: string[] = [];
  for (const module of modules) {
    const stage = stageOf(module.path);
    for (const i of importsOf(module)) {
      if (EFFECT_MODULES.test(i.target) && !i.typeOnly && !(module.path in EFFECT_ALLOWED))
        violations.push(`${module.path} imports ${i.target}: only the effects touch the disk, processes or the browser`);
      if (stage < 0 || !i.target.endsWith('.ts')) continue;
      const targetStage = stageOf(i.target);
      if (targetStage > stage) violations.push(`${module.path} imports ${i.target}: a stage imports a later one`);
      else if (targetStage < 0 && !SHARED.includes(i.target) && !(TYPES_ONLY.includes(i.target) && i.typeOnly))
        violations.push(`${module.path} imports ${i.target}: a stage imports the orchestration`);
    }
    const code = module.text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    if (/\bprocess\.env\b/.test(code) && !ENV_ALLOWED.includes(module.path))
      violations.push(`${module.path} reads process.env: only the command line reads the environment`);
  }
  return violations;
}

function sourceModules(): SourceModule[] {
  const src = join(ROOT, 'src');
  return readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts'))
    .map((path) => ({ path: path.split('\\').join('/'), text: readFileSync(join(src, path), 'utf8') }));
}

describe('the dependency rule', () => {
  it('holds for every module of src/', () => {
    const modules = sourceModules();
    expect(modules.length).toBeGreaterThan(40);
    expect(dependencyViolations(modules)).toEqual([]);
  });

  it('catches each kind of violation (the structure before this rule had all four)', () => {
    expect(
      dependencyViolations([
        // Figures computed in load from metrics, while metrics imports load's types.
        { path: 'load/figures.ts', text: "import { scorecardFromRecords } from '../metrics/records.js';" },
        { path: 'metrics/history.ts', text: "import type { Dataset } from '../load/model.js';" },
        // Render importing from report is one-way and fine; report calling render is not.
        { path: 'report/sections.ts', text: "import { markdownToHtml } from '../render/markdown.js';" },
        { path: 'render/templates.ts', text: "import type { PageView } from '../report/pages.js';\nimport { readFileSync } from 'node:fs';" },
        { path: 'load/load.ts', text: "import { BUILD } from '../build.js';\nconst path = process.env.DATA;" },
        { path: 'report/view.ts', text: "import type { FileSystem } from '../effects.js';" },
        { path: 'report/pages.ts', text: "import { nodeFiles } from '../effects.js';" },
      ]),
    ).toEqual([
      'load/figures.ts imports metrics/records.ts: a stage imports a later one',
      'report/sections.ts imports render/markdown.ts: a stage imports a later one',
      'render/templates.ts imports node:fs: only the effects touch the disk, processes or the browser',
      'load/load.ts imports build.ts: a stage imports the orchestration',
      'load/load.ts reads process.env: only the command line reads the environment',
      'report/pages.ts imports effects.ts: a stage imports the orchestration',
    ]);
  });
});
