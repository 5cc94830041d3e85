/**
 * `annual-report init [folder]`: a council's own project, outside this repository: its data
 * folder, its settings file, the JSON Schemas its datasets' first lines point at, and a
 * .gitignore for the outputs. Nothing that exists is replaced, so running it again is safe.
 */
import { join, relative } from 'node:path';
import type { FileSystem } from './effects.js';
import { jsonSchemas, SCHEMA_LINE, schemaText } from './json-schema.js';
import { PROJECT_FILE } from './load/load.js';
import { scaffolding as messages } from './messages.js';

const SETTINGS = `${SCHEMA_LINE('config', 'schema')}# This project's settings. Each is a default that the command line's options override; all are
# optional. \`annual-report validate\` checks this file too.

data: data              # one folder per authority: data/<authority>/authority.yaml and <yyyy-yy>.yaml
out: out                # where documents are written (out/<authority>/<yyyy-yy>/)
years: 3                # fiscal years shown in tables and charts
# chromium: /usr/bin/chromium   # the browser that prints PDFs, if it is not found by itself

# The council's own look, over the package's (leave out to use the package's):
# look:
#   templates: look/templates   # partials named as the package's (cover.hbs, document.hbs, ...) replace them
#   stylesheet: look/report.css # added after the package's stylesheet: colours, fonts, spacing
`;

/** Returns what it did, a line each. */
export function startProject(files: FileSystem, folder: string, cwd: string): string[] {
  const lines: string[] = [];
  const write = (path: string, text: string) => {
    const shown = relative(cwd, path) || path;
    lines.push(files.create(path, text) ? messages.wrote(shown) : messages.kept(shown));
  };
  files.makeFolder(join(folder, 'data'));
  files.makeFolder(join(folder, 'schema'));
  write(join(folder, PROJECT_FILE), SETTINGS);
  for (const [name, schema] of Object.entries(jsonSchemas())) write(join(folder, 'schema', name), schemaText(schema));
  write(join(folder, '.gitignore'), 'out/\nnode_modules/\n');
  lines.push(messages.projectReady(relative(cwd, folder) || '.'));
  return lines;
}
