/**
 * Problems a report author can act on, and the one error type the CLI prints without a stack.
 *
 * A Problem is a value: where (file, line, column, path in the data) and what (a message that
 * says what was expected and what was found). Stages collect problems and return them; only the
 * edges (CLI, build) turn them into a UserError.
 */

export type Severity = 'error' | 'warning';

export interface SourcePosition {
  line: number; // 1-based
  column: number; // 1-based
}

export interface Problem {
  severity: Severity;
  /** File the problem is in, as the user named it (relative to the working directory). */
  file: string;
  position?: SourcePosition;
  /** Path in the data, e.g. `scorecard.a2.days`; empty for whole-file problems. */
  dataPath?: string;
  message: string;
  /** A few lines of source around the position, already formatted. */
  frame?: string;
  /** A placeholder or empty section: a warning in a draft, an error in a public document (build.ts). */
  stillToFillIn?: true;
}

/** Exit codes: 1 for invalid input, 2 for usage or environment errors. */
export const ExitCode = { ok: 0, invalidInput: 1, usage: 2 } as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An error caused by the user's input or environment: printed without a stack trace. */
export class UserError extends Error {
  readonly exitCode: ExitCodeValue;
  readonly problems: Problem[];
  constructor(message: string, options: { exitCode?: ExitCodeValue; problems?: Problem[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UserError';
    this.exitCode = options.exitCode ?? ExitCode.invalidInput;
    this.problems = options.problems ?? [];
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

export function errorsIn(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => p.severity === 'error');
}

/** `file:line:column  path  message` and, beneath, the code frame. */
export function formatProblem(problem: Problem): string {
  const where = problem.position ? `${problem.file}:${problem.position.line}:${problem.position.column}` : problem.file;
  const label = problem.severity === 'warning' ? 'warning: ' : '';
  const path = problem.dataPath ? `  ${problem.dataPath}` : '';
  const head = `${where}${path}  ${label}${problem.message}`;
  return problem.frame ? `${head}\n${problem.frame}` : head;
}

export function formatProblems(problems: readonly Problem[]): string {
  return problems.map(formatProblem).join('\n\n');
}

/** The lines of the file whose problems are being framed: split once, not once a problem (a file of many problems took minutes). */
let lastLines: { text: string; lines: string[] } | undefined;
function linesOf(text: string): string[] {
  if (lastLines?.text !== text) lastLines = { text, lines: text.split(/\r?\n/) };
  return lastLines.lines;
}

/** A short code frame: the line before, the line, and a caret under the column. */
export function codeFrame(source: string, position: SourcePosition, context = 1): string {
  const lines = linesOf(source);
  const first = Math.max(1, position.line - context);
  const last = Math.min(lines.length, position.line + context);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const marker = n === position.line ? '>' : ' ';
    const text = (lines[n - 1] ?? '').replace(/\t/g, '→');
    out.push(`  ${marker} ${String(n).padStart(width)} | ${text}`.trimEnd());
    if (n === position.line) out.push(`    ${' '.repeat(width)} | ${' '.repeat(Math.max(0, position.column - 1))}^`);
  }
  return out.join('\n');
}
