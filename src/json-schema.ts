/**
 * The JSON Schemas editors read (VS Code, JetBrains, Neovim through yaml-language-server), generated
 * from the zod schemas, never written by hand: `npm run schema` writes schema/*.schema.json, and a
 * test keeps them in step.
 */
import { join, resolve, sep } from 'node:path';
import { z } from 'zod';
import { nodeFiles } from './effects.js';
import { agencySchema, agencyYearSchema, authoritySchema, projectSchema, recordsFileSchema, yearSchema } from './load/schema.js';

export function jsonSchemas(): Record<string, unknown> {
  const make = (schema: z.ZodType, id: string, title: string) => ({
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
    $id: `https://example.org/adoption-reports/${id}`,
    title,
  });
  return {
    'dataset.schema.json': make(yearSchema, 'dataset.schema.json', 'An adoption service dataset for one fiscal year (data/<authority>/<yyyy-yy>.yaml)'),
    'authority.schema.json': make(authoritySchema, 'authority.schema.json', 'An authority’s details (data/<authority>/authority.yaml)'),
    'config.schema.json': make(projectSchema, 'config.schema.json', 'A council project’s settings (annual-report.config.yaml)'),
    'agency.schema.json': make(agencySchema, 'agency.schema.json', 'A regional adoption agency’s details (data/<agency>/agency.yaml)'),
    'agency-year.schema.json': make(agencyYearSchema, 'agency-year.schema.json', 'A regional adoption agency’s hub figures and narrative for one fiscal year (data/<agency>/<yyyy-yy>.yaml)'),
    'children.schema.json': make(recordsFileSchema, 'children.schema.json', 'Child records imported from the SSDA903 return (data/<authority>/<yyyy-yy>.children.yaml)'),
  };
}

/**
 * Tells editors (through yaml-language-server) which JSON Schema a file follows: `schemaDir` is
 * the schema folder as a path from the file's own folder.
 */
export const SCHEMA_LINE = (kind: 'dataset' | 'authority' | 'config' | 'agency' | 'agency-year', schemaDir = '../../schema') =>
  `# yaml-language-server: $schema=${schemaDir.split(sep).join('/')}/${kind}.schema.json\n`;

export function schemaText(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (process.argv[1] && resolve(process.argv[1]).endsWith(join('dist', 'json-schema.js'))) {
  const folder = resolve(process.argv[2] ?? 'schema');
  for (const [name, schema] of Object.entries(jsonSchemas())) nodeFiles.write(join(folder, name), schemaText(schema));
  process.stdout.write(`wrote ${Object.keys(jsonSchemas()).join(', ')} into ${folder}\n`);
}
