/**
 * YAML text to data, keeping where every value came from, and zod issues turned into
 * problems at YAML positions (file:line:column, path in the data, expected and found).
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { z } from 'zod';
import { codeFrame, type Problem, type Severity, type SourcePosition } from '../errors.js';
import { yaml as messages } from '../messages.js';

export type DataPath = readonly (string | number)[];

/**
 * A YAML file that can say where any path in its data is written. Its syntax tree is large, so
 * once the data is validated it is let go (`releaseTree`) and parsed again only if a later stage
 * has a problem to place.
 */
export interface SourceFile {
  /** As shown in messages: relative to the working directory. */
  displayPath: string;
  text: string;
  tree: { doc: Document.Parsed; lineCounter: LineCounter } | null;
}

function parseTree(text: string) {
  const lineCounter = new LineCounter();
  // Duplicate keys are found by duplicateKeys() below: the library's own check compares every key
  // with every other, which took minutes on a file of many keys.
  return { doc: parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, strict: true }), lineCounter };
}

function treeOf(source: SourceFile) {
  source.tree ??= parseTree(source.text);
  return source.tree;
}

export function releaseTree(source: SourceFile): void {
  source.tree = null;
}

/** Datasets are small; anything larger is a mistake (or an attack) and is refused before parsing. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
const MAX_ALIAS_COUNT = 100;
/** Unknown fields reported one by one, in a file; beyond them, how many more. */
const MAX_UNKNOWN_REPORTED = 50;
const MAX_DEPTH = 64;


export function problemAt(
  source: Pick<SourceFile, 'displayPath' | 'text'>,
  position: SourcePosition | undefined,
  message: string,
  options: { dataPath?: DataPath; severity?: Severity } = {},
): Problem {
  const problem: Problem = { severity: options.severity ?? 'error', file: source.displayPath, message };
  if (position) {
    problem.position = position;
    problem.frame = codeFrame(source.text, position);
  }
  if (options.dataPath && options.dataPath.length > 0) problem.dataPath = formatDataPath(options.dataPath);
  return problem;
}

export function formatDataPath(path: DataPath): string {
  return path.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join('');
}

/** Bytes to text: refuses files too large, invalid UTF-8 (with where), strips a byte-order mark. */
export function decodeText(displayPath: string, bytes: Uint8Array): { text?: string; problems: Problem[] } {
  if (bytes.length > MAX_FILE_BYTES) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1);
    return {
      problems: [
        {
          severity: 'error',
          file: displayPath,
          message: messages.tooLarge(MAX_FILE_BYTES / 1024 / 1024, mb),
        },
      ],
    };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), problems: [] };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
    const lines = before.split('\n');
    const position = { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
    return {
      problems: [
        {
          severity: 'error',
          file: displayPath,
          position,
          message: messages.notUtf8((bytes[offset] ?? 0).toString(16), offset),
        },
      ],
    };
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const extra = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (extra < 0) return i;
    for (let k = 1; k <= extra; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += extra + 1;
  }
  return 0;
}

/**
 * The data of texts already parsed without a problem, by their text: parsing is the dearest step of
 * loading, and a rebuild (the preview, a region, a pack) reads the same unchanged files again.
 * The data is frozen, since every later reader shares it; the tree is parsed again only if a later
 * stage has a problem to place.
 */
const PARSED = new Map<string, unknown>();
let parsedBytes = 0;
/** Beyond this much text the least recently read go first (a preview session saves many versions of one file). */
const MAX_PARSED_BYTES = 32 * 1024 * 1024;

/** Parses YAML text. Syntax errors come back as problems, all of them, each with its position. */
export function parseYaml(displayPath: string, text: string): { source: SourceFile; value?: unknown; problems: Problem[] } {
  const known = PARSED.get(text);
  if (known !== undefined) {
    PARSED.delete(text);
    PARSED.set(text, known);
    return { source: { displayPath, text, tree: null }, value: known, problems: [] };
  }
  const parsed = parseYamlTree(displayPath, text);
  if (parsed.value !== undefined && parsed.problems.length === 0 && text.length <= MAX_PARSED_BYTES) {
    PARSED.set(text, deepFreeze(parsed.value));
    parsedBytes += text.length;
    for (const oldest of PARSED.keys()) {
      if (parsedBytes <= MAX_PARSED_BYTES) break;
      PARSED.delete(oldest);
      parsedBytes -= oldest.length;
    }
  }
  return parsed;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

function parseYamlTree(displayPath: string, text: string): { source: SourceFile; value?: unknown; problems: Problem[] } {
  const tree = parseTree(text);
  const { doc, lineCounter } = tree;
  const source: SourceFile = { displayPath, text, tree };
  const problems: Problem[] = [];
  for (const error of doc.errors) {
    const position = lineCounter.linePos(error.pos[0]);
    const message = messages.syntaxCodes[error.code] ?? error.message.split('\n')[0]!;
    problems.push(problemAt(source, { line: position.line, column: position.col }, messages.syntax(message)));
  }
  for (const warning of doc.warnings) {
    const position = lineCounter.linePos(warning.pos[0]);
    problems.push(problemAt(source, { line: position.line, column: position.col }, warning.message.split('\n')[0]!, { severity: 'warning' }));
  }
  for (const key of duplicateKeys(doc.contents)) {
    const position = lineCounter.linePos(key.range![0]);
    problems.push(problemAt(source, { line: position.line, column: position.col }, messages.syntax(messages.syntaxCodes.DUPLICATE_KEY!)));
  }
  if (problems.some((p) => p.severity === 'error')) return { source, problems };
  if (doc.contents === null) {
    problems.push(problemAt(source, undefined, messages.emptyFile()));
    return { source, problems };
  }
  if (depthOf(doc.contents, 0) > MAX_DEPTH) {
    problems.push(problemAt(source, undefined, messages.tooDeep(MAX_DEPTH)));
    return { source, problems };
  }
  try {
    const value = withoutInvisibleControls(source, doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), [], problems);
    return { source, value, problems };
  } catch (error) {
    // yaml refuses alias expansions past maxAliasCount ("billion laughs").
    problems.push(problemAt(source, undefined, messages.aliasBomb((error as Error).message)));
    return { source, problems };
  }
}

/** The second and later keys written twice in one mapping, anywhere in the tree: a set a mapping, so linear in the file. */
function duplicateKeys(root: unknown): Node[] {
  const found: Node[] = [];
  const stack: unknown[] = [root];
  for (let node = stack.pop(), steps = 0; node !== undefined && steps < 10_000_000; node = stack.pop(), steps++) {
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (seen.has(key) && pair.key && (pair.key as Node).range) found.push(pair.key as Node);
        seen.add(key);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) stack.push(...node.items);
  }
  return found.sort((a, b) => a.range![0] - b.range![0]);
}

/** Direction overrides and isolates, and zero-width characters: they can make text read other than it prints (a name shown backwards). */
const INVISIBLE_CONTROLS = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** The data with those characters removed from every text, each text that had them reported at its place. */
function withoutInvisibleControls(source: SourceFile, value: unknown, path: (string | number)[], problems: Problem[]): unknown {
  if (typeof value === 'string') {
    const cleaned = value.replace(INVISIBLE_CONTROLS, '');
    if (cleaned !== value)
      problems.push(problemAt(source, locate(source, path).position, messages.invisibleControls(value.length - cleaned.length), { dataPath: path, severity: 'warning' }));
    return cleaned;
  }
  if (Array.isArray(value)) return value.map((item, i) => withoutInvisibleControls(source, item, [...path, i], problems));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutInvisibleControls(source, item, [...path, key], problems)]));
  return value;
}

function depthOf(node: unknown, depth: number): number {
  if (depth > MAX_DEPTH) return depth;
  if (isMap(node) || isSeq(node)) {
    let max = depth + 1;
    for (const item of node.items) {
      const child = isPair(item) ? item.value : item;
      max = Math.max(max, depthOf(child, depth + 1));
      if (max > MAX_DEPTH) break;
    }
    return max;
  }
  return depth;
}

interface Located {
  node: Node | undefined;
  /** The key node of the last segment, when the path ends at a key in a mapping. */
  key: Node | undefined;
  /** How many segments of the path were found. */
  depth: number;
}

/** A mapping's pairs by key (as strings, the first of each), made once a mapping: finding a key is then not a search. */
const PAIRS = new WeakMap<object, Map<string, Pair>>();
function pairsOf(map: YAMLMap): Map<string, Pair> {
  let pairs = PAIRS.get(map);
  if (!pairs) {
    pairs = new Map();
    for (const pair of map.items) {
      const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
      if (!pairs.has(key)) pairs.set(key, pair);
    }
    PAIRS.set(map, pairs);
  }
  return pairs;
}

/** Walks a data path through the YAML nodes, through aliases, comparing keys as strings. */
function walk(source: SourceFile, path: DataPath): Located {
  const { doc } = treeOf(source);
  let node: unknown = doc.contents;
  let key: Node | undefined;
  let depth = 0;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = pairsOf(node).get(String(segment));
      if (!pair) break;
      key = pair.key as Node;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      key = undefined;
      node = node.items[segment];
    } else break;
    depth++;
  }
  if (isAlias(node)) node = node.resolve(doc) ?? node;
  return { node: node as Node | undefined, key, depth };
}

export function positionOf(source: SourceFile, node: Node | undefined): SourcePosition | undefined {
  const offset = node?.range?.[0];
  if (offset === undefined) return undefined;
  const { line, col } = treeOf(source).lineCounter.linePos(offset);
  return { line, column: col };
}

/** Where a path in the data is written; for a missing key, where its parent is. */
export function locate(source: SourceFile, path: DataPath): { position?: SourcePosition; found: boolean; node?: Node } {
  const located = walk(source, path);
  const found = located.depth === path.length;
  const position = positionOf(source, found ? located.node : (located.key ?? located.node)) ?? { line: 1, column: 1 };
  return { position, found, ...(located.node ? { node: located.node } : {}) };
}

/** "found ..." for a node: its value quoted if text, or what kind of thing it is. */
function describeFound(node: Node | undefined): string {
  if (!node) return messages.foundNothing();
  if (isMap(node)) return messages.foundMapping();
  if (isSeq(node)) return messages.foundList();
  if (isScalar(node)) {
    const value = node.value;
    if (value === null || (typeof value === 'string' && value.trim() === '')) return messages.foundEmpty();
    const shown = typeof value === 'string' ? JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value) : String(value);
    return shown;
  }
  return messages.foundOther();
}

export type ValidationResult<T> = { ok: true; value: T; problems: Problem[] } | { ok: false; problems: Problem[] };

/**
 * Validates parsed data against a schema, reporting every issue at its YAML position.
 * Unknown keys are warnings with a "did you mean"; the rest of the data is still checked.
 */
export function validateAgainst<S extends z.ZodType>(source: SourceFile, value: unknown, schema: S): ValidationResult<z.output<S>> {
  const problems: Problem[] = [];
  let data = value;
  let result = schema.safeParse(data);
  if (!result.success) {
    const unknownKeys = result.error.issues.filter((i) => i.code === 'unrecognized_keys');
    if (unknownKeys.length > 0) {
      data = structuredClone(value);
      let reported = 0;
      for (const issue of unknownKeys) {
        const known = knownKeysAt(schema, issue.path as DataPath);
        for (const key of issue.keys) {
          const keyPath = [...issue.path, key] as DataPath;
          // Each is removed; the first few are reported, with a suggestion, and the rest counted.
          if (reported++ < MAX_UNKNOWN_REPORTED) {
            const located = walk(source, keyPath);
            problems.push(
              problemAt(source, positionOf(source, located.key ?? located.node), messages.unknownField(key, closest(key, known), known), {
                dataPath: keyPath,
                severity: 'warning',
              }),
            );
          }
          deleteAt(data, keyPath);
        }
      }
      if (reported > MAX_UNKNOWN_REPORTED) problems.push(problemAt(source, undefined, messages.moreUnknownFields(reported - MAX_UNKNOWN_REPORTED), { severity: 'warning' }));
      result = schema.safeParse(data);
    }
  }
  if (result.success) return { ok: true, value: result.data, problems };
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') continue;
    const path = issue.path as DataPath;
    const located = locate(source, path);
    const found = located.found ? describeFound(located.node) : messages.foundNothing();
    problems.push(problemAt(source, located.position, messages.wrongValue(issue.message, found, located.found ? undefined : String(path.at(-1))), { dataPath: path }));
  }
  return { ok: false, problems };
}

function deleteAt(data: unknown, path: DataPath): void {
  let node: unknown = data;
  for (const segment of path.slice(0, -1)) node = (node as Record<string | number, unknown> | undefined)?.[segment];
  if (node && typeof node === 'object') delete (node as Record<string | number, unknown>)[path.at(-1)!];
}

/** The keys an object schema allows at a path (through optional, array and default wrappers). */
export function knownKeysAt(schema: z.ZodType, path: DataPath): string[] {
  let current: unknown = schema;
  const unwrap = (s: unknown): unknown => {
    let x = s as { _zod?: { def?: { type?: string; innerType?: unknown; element?: unknown; in?: unknown } } };
    for (let i = 0; i < 10 && x?._zod?.def; i++) {
      const def = x._zod.def;
      if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default' || def.type === 'prefault') && def.innerType)
        x = def.innerType as typeof x;
      else if (def.type === 'pipe' && def.in) x = def.in as typeof x;
      else break;
    }
    return x;
  };
  for (const segment of path) {
    current = unwrap(current);
    const def = (current as { _zod?: { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown } } })?._zod?.def;
    if (def?.type === 'object' && typeof segment === 'string') current = def.shape?.[segment];
    else if (def?.type === 'array' && typeof segment === 'number') current = def.element;
    else return [];
  }
  const def = (unwrap(current) as { _zod?: { def?: { type?: string; shape?: Record<string, unknown> } } })?._zod?.def;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** The known key nearest to a mistyped one, if it is near enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}

/** Where a piece of text is written inside the value at a path (a token in a Markdown block). */
export function locateText(source: SourceFile, path: DataPath, needle: string): SourcePosition | undefined {
  const located = locate(source, path);
  const start = located.found ? located.node?.range?.[0] : undefined;
  const end = located.found ? located.node?.range?.[1] : undefined;
  if (start === undefined || end === undefined) return located.position;
  const at = source.text.indexOf(needle, start);
  if (at < 0 || at > end) return located.position;
  const { line, col } = treeOf(source).lineCounter.linePos(at);
  return { line, column: col };
}
