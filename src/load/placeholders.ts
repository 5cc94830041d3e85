/**
 * What a year file still has to have written: the placeholders `annual-report new` leaves ("To
 * write ..."). `validate` lists them; a public build refuses them unless it is a draft (build.ts
 * decides which), so a placeholder never reaches a reader. (An empty section is already an error
 * of the schema; an empty figure too.)
 */
import type { Problem } from '../errors.js';
import type { YearInput } from './schema.js';
import { locateText, problemAt, type DataPath, type SourceFile } from './yaml.js';
import { loading as messages } from '../messages.js';

/** The words `new` writes where prose is to come. */
export const PLACEHOLDER = /\bTo write\b/;

export function stillToFillIn(data: YearInput, source: SourceFile): Problem[] {
  const problems: Problem[] = [];
  const walk = (value: unknown, path: DataPath) => {
    if (typeof value === 'string') {
      const found = PLACEHOLDER.exec(value);
      if (found) {
        const text = value.slice(found.index).split('\n')[0]!;
        const problem = problemAt(source, locateText(source, path, found[0]), messages.placeholder(text), { dataPath: path, severity: 'warning' });
        problems.push({ ...problem, stillToFillIn: true });
      }
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(data, []);
  return problems;
}
