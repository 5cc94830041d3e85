/**
 * The `annual-report` command: `main(argv, io)` parses the command line and runs a command with
 * the system and streams it is given (bin.ts passes the real ones; tests their own), and returns
 * the exit status: 0 success, 1 invalid input or a document that failed to build, 2 usage or
 * environment errors (unknown option, no Chromium). The only module that reads the environment.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { join, resolve } from 'node:path';
import { startDataset } from './new.js';
import { startProject } from './init.js';
import { importSsda903 } from './import/command.js';
import { build, buildPack, compareRegion, compareYears, validate, type BuildResult } from './build.js';
import { DEFAULTS, OUTPUT_FORMATS, resolveConfig, TOOL_VERSION, type BuildConfig, type CliOptions, type OutputFormat } from './config.js';
import { consoleLogger, consoleOptions, type BuildEffects, type Logger, type OutputStream, type System } from './effects.js';
import { errorsIn, ExitCode, formatProblems, isUserError, UserError } from './errors.js';
import { loadProject } from './load/load.js';
import { AUTHORITY_ID_HINT, FISCAL_YEAR_HINT, isAuthorityId, parseFiscalYear, type FiscalYear } from './domain/fiscal-year.js';
import { DOCUMENT_KINDS, type DocumentKind } from './report/view.js';
import { building, commandLine } from './messages.js';

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(commandLine.wholeNumber());
  return n;
}

/** An authority id or fiscal year from the command line, checked before it becomes part of a path. */
function authorityArgument(value: string | undefined): string {
  if (!value || !isAuthorityId(value))
    throw new UserError(commandLine.authority(AUTHORITY_ID_HINT, value ?? ''), { exitCode: ExitCode.usage });
  return value;
}

function yearArgument(value: string | undefined): FiscalYear {
  const year = value ? parseFiscalYear(value) : undefined;
  if (!year) throw new UserError(commandLine.year(FISCAL_YEAR_HINT, value ?? ''), { exitCode: ExitCode.usage });
  return year;
}

function documentKinds(value: string, previous: DocumentKind[] = []): DocumentKind[] {
  const kinds = value.split(',').map((v) => v.trim());
  const unknown = kinds.filter((k) => !(DOCUMENT_KINDS as readonly string[]).includes(k));
  if (unknown.length > 0) throw new InvalidArgumentError(commandLine.documentKinds(DOCUMENT_KINDS, unknown));
  return [...previous, ...(kinds as DocumentKind[])];
}

function outputFormats(value: string, previous: OutputFormat[] = []): OutputFormat[] {
  const formats = value.split(',').map((v) => v.trim().toLowerCase());
  const unknown = formats.filter((f) => !(OUTPUT_FORMATS as readonly string[]).includes(f));
  if (unknown.length > 0) throw new InvalidArgumentError(commandLine.outputFormats(OUTPUT_FORMATS, unknown));
  return [...previous, ...(formats as OutputFormat[])];
}

interface GlobalOptions {
  debug?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

/** What a command runs with: the system it acts on, where it writes, its environment and folder. */
export interface CommandIo {
  system: System;
  stdout: OutputStream;
  stderr: OutputStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Resolves when the user asks a long-running command (preview) to stop; Ctrl-C by default. */
  interrupted?: Promise<void>;
}

/** One run of the command line: its io, its logger (made when a command starts), and its exit status. */
interface Run {
  io: CommandIo;
  logger?: Logger;
  exitCode: number;
}

const sharedOptions = (command: Command) =>
  command
    .option('--data <folder>', `folder holding one folder per authority (default: the project's, else ${DEFAULTS.dataDir})`)
    .addOption(
      new Option('--audience <audience>', 'public documents (small numbers suppressed), restricted ones (everything, into restricted/), or all')
        .choices(['public', 'restricted', 'all'])
        .default('public'),
    )
    .option('--strict', 'records that disagree with typed figures, and parts that do not add up to their total, are errors')
    .option('--debug', 'print the stack of an unexpected error')
    .option('--quiet', 'print only problems')
    .option('--verbose', 'also print what was unchanged, and each document’s time and prints');

const printOptions = (command: Command) =>
  command
    .option('--out <folder>', `output folder (default: the project's, else ${DEFAULTS.outDir})`)
    .addOption(new Option('--years <n>', `fiscal years shown in tables and charts (default: the project's, else ${DEFAULTS.years})`).argParser(positiveInteger))
    .option('--fixed-years', 'keep years with no dataset in tables and charts, as "no data" (they are left out otherwise)')
    .addOption(new Option('--concurrency <n>', 'pages printing at once in the one browser').argParser(positiveInteger).default(DEFAULTS.concurrency))
    .option('--chromium <path>', 'Chromium executable (default: CHROMIUM_PATH, then /usr/bin/chromium)')
    .option('--force', 'rebuild outputs whose inputs have not changed')
    .option('--draft', 'build even with sections still to write: DRAFT on every page and in the title');

/** The command's effects: its system, and a logger on its error stream (warnings grouped by file at the end). */
function effectsFor(run: Run, options: GlobalOptions): BuildEffects {
  run.logger = consoleLogger(run.io.stderr, consoleOptions(run.io.stderr, run.io.env, options));
  return { ...run.io.system, logger: run.logger };
}

/** The settings of a command: its options, then the environment, then the project's file, then the defaults. */
function configFor(run: Run, targets: string[], options: CliOptions): BuildConfig {
  const { project, problems } = loadProject(run.io.system.files, run.io.cwd);
  if (errorsIn(problems).length > 0)
    throw new UserError(building.problemsFound(formatProblems(problems), errorsIn(problems).length), { exitCode: ExitCode.invalidInput, problems });
  return resolveConfig(targets, options, run.io.env, run.io.cwd, project);
}

/** Runs a command that writes documents, and reports what it built and what failed. */
async function buildCommand(
  run: Run,
  targets: string[],
  options: CliOptions & GlobalOptions,
  work: (config: BuildConfig, effects: BuildEffects) => Promise<BuildResult>,
): Promise<void> {
  const effects = effectsFor(run, options);
  const config = configFor(run, targets, options);
  const started = performance.now();
  const result = await work(config, effects);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  effects.logger.info(building.summary(result.documents.length, result.unchanged, seconds, config.outDir));
  if (result.failures.length > 0) {
    const debug = options.debug === true;
    run.io.stderr.write(`${building.failures(result.failures.map((f) => `  ${f.document}: ${f.message}${debug ? `\n${causeChain(f.cause)}` : ''}`))}\n`);
    run.exitCode = ExitCode.invalidInput;
  }
}

/** An error's stack and each cause beneath it, for --debug. */
export function causeChain(error: unknown): string {
  const lines: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 10; e = (e as { cause?: unknown }).cause, depth++) {
    const text = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
    lines.push(depth === 0 ? text : commandLine.causedBy(text));
    if (!(e instanceof Error)) break;
  }
  return lines.join('\n');
}

export function program(run: Run): Command {
  const cli = new Command('annual-report')
    .description('Builds adoption service annual reports from YAML datasets, as accessible HTML and print-ready PDF.')
    .version(TOOL_VERSION, '-V, --version', 'print the version and stop')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (text) => run.io.stdout.write(text), writeErr: (text) => run.io.stderr.write(text) })
    .exitOverride();

  sharedOptions(
    printOptions(
      cli
        .command('build')
        .description('build the documents of each dataset (default: every dataset under data/) into out/<authority>/<yyyy-yy>/')
        .argument('[datasets...]', 'year files (data/<authority>/<yyyy-yy>.yaml) or authority folders'),
    )
      .option('--only <documents>', `build only these documents: ${DOCUMENT_KINDS.join(', ')} (comma-separated or repeated)`, documentKinds)
      .option('--formats <formats>', `the formats to write: ${OUTPUT_FORMATS.join(', ')} (comma-separated; default all three)`, outputFormats)
      .option('--no-pdf', 'write no PDF (HTML and Word only)'),
  ).action((targets: string[], options: CliOptions & GlobalOptions) => buildCommand(run, targets, options, build));

  sharedOptions(
    printOptions(
      cli
        .command('pack')
        .description(
          'write the committee pack, out/<authority>/<yyyy-yy>/committee-pack.pdf: the covering report, then the annual report and statement of purpose as appendices, in one PDF with one contents',
        )
        .argument('<authority>', 'the authority’s folder name, such as leicestershire')
        .argument('<year>', 'the fiscal year, such as 2024-25'),
    ),
  ).action((authority: string, year: string, options: CliOptions & GlobalOptions) =>
    buildCommand(run, [join(configFor(run, [], options).dataDir, authorityArgument(authority), `${yearArgument(year).id}.yaml`)], options, buildPack),
  );

  sharedOptions(
    printOptions(
      cli
        .command('compare')
        .description(
          'compare one authority across years (default: every year with a dataset) into out/<authority>/comparison.{html,pdf}; or, with --region, the partners of a regional adoption agency in one year into out/regions/<agency>/<yyyy-yy>/',
        )
        .argument('[authority-and-years...]', '<authority> [years...], or with --region: <year>')
        .option('--region <agency>', 'the regional adoption agency, as authority.yaml names it (or its slug, such as family-adoption-links)')
        .option('--no-pdf', 'write HTML only'),
    ),
  ).action((args: string[], options: CliOptions & GlobalOptions & { region?: string }) => {
    if (options.region) {
      const [year, ...rest] = args;
      if (rest.length > 0) throw new UserError(commandLine.oneYearAfterRegion(args.join(' ')), { exitCode: ExitCode.usage });
      const id = yearArgument(year).id;
      return buildCommand(run, [], options, (config, effects) => compareRegion(config, effects, options.region!, id));
    }
    const [authority, ...years] = args;
    const [id, yearIds] = [authorityArgument(authority), years.map((y) => yearArgument(y).id)];
    return buildCommand(run, [], options, (config, effects) => compareYears(config, effects, id, yearIds));
  });

  sharedOptions(
    cli
      .command('preview')
      .description(
        'serve the documents on 127.0.0.1, rebuilt and reloaded in the browser whenever data, templates, charts or styles change; problems show in the page',
      )
      .argument('[datasets...]', 'year files or authority folders (default: every dataset under data/)')
      .addOption(new Option('--port <n>', 'port to listen on').argParser(positiveInteger).default(4173)),
  ).action(async (targets: string[], options: CliOptions & GlobalOptions & { port: number }) => {
    const effects = effectsFor(run, options);
    // The preview is where a report is drafted: it shows sections still to write, marked DRAFT.
    const config = configFor(run, targets, { ...options, pdf: false, draft: true });
    const { startPreview } = await import('./preview.js');
    const preview = await startPreview(config, effects, { port: options.port });
    run.io.stderr.write(`${commandLine.previewing(preview.url)}\n`);
    await (run.io.interrupted ?? new Promise<void>((resolvePromise) => process.once('SIGINT', () => resolvePromise())));
    await preview.close();
  });

  const importer = cli.command('import').description('bring records into a project from a council system’s export');
  importer
    .command('ssda903')
    .description(
      'read the SSDA903 return’s tables (Header, Episodes, AD1, PlacedAdoption: CSV, recognised by their header rows) and write the year’s pseudonymised child records to data/<authority>/<yyyy-yy>.children.yaml',
    )
    .argument('<files-or-folders...>', 'the return’s CSV files, or folders holding them')
    .requiredOption('--authority <id>', 'the authority’s folder name, such as example-town')
    .requiredOption('--year <yyyy-yy>', 'the fiscal year of the return, such as 2024-25')
    .option('--data <folder>', `folder holding one folder per authority (default: the project's, else ${DEFAULTS.dataDir})`)
    .option('--dry-run', 'say what would change, and write nothing')
    .action((inputs: string[], options: { authority: string; year: string; data?: string; dryRun?: boolean }) => {
      const { cwd, system, stderr } = run.io;
      const { dataDir } = configFor(run, [], options);
      const lines = importSsda903(system.files, inputs, {
        authority: authorityArgument(options.authority),
        year: yearArgument(options.year),
        dataDir,
        cwd,
        dryRun: options.dryRun === true,
      });
      for (const line of lines) stderr.write(`${line}\n`);
    });

  cli
    .command('init')
    .description('start a council project in a folder (default: this one): data/, annual-report.config.yaml, the JSON Schemas editors use, and a .gitignore; never overwrites')
    .argument('[folder]', 'the project folder', '.')
    .action((folder: string) => {
      const { cwd, system, stderr } = run.io;
      for (const line of startProject(system.files, resolve(cwd, folder), cwd)) stderr.write(`${line}\n`);
    });

  cli
    .command('new')
    .description(
      'start a dataset: next year from the latest year (figures to fill in, narrative to write, last year’s recommendations as progress to report), or a commented template for a new authority; never overwrites',
    )
    .argument('<authority>', 'the authority’s folder name, such as leicestershire')
    .argument('<year>', 'the fiscal year to start, such as 2025-26')
    .option('--data <folder>', `folder holding one folder per authority (default: the project's, else ${DEFAULTS.dataDir})`)
    .action((authority: string, year: string, options: { data?: string }) => {
      const { cwd, system, stderr } = run.io;
      const { dataDir } = configFor(run, [], options);
      for (const line of startDataset(system.files, dataDir, authorityArgument(authority), yearArgument(year), cwd)) stderr.write(`${line}\n`);
    });

  sharedOptions(
    cli
      .command('validate')
      .description('check datasets without building anything (default: every dataset under data/)')
      .argument('[datasets...]', 'year files (data/<authority>/<yyyy-yy>.yaml) or authority folders'),
  ).action((targets: string[], options: CliOptions & GlobalOptions) => {
    const effects = effectsFor(run, options);
    const config = configFor(run, targets, options);
    const { datasets } = validate(config, effects);
    effects.logger.info(building.valid(datasets.map((d) => `${d.authority.id} ${d.current.year.id}`)));
  });

  return cli;
}

/** Runs the command line `argv` (without the node and script names) and returns its exit status. */
export async function main(argv: string[], io: CommandIo): Promise<number> {
  const debug = argv.includes('--debug');
  const run: Run = { io, exitCode: ExitCode.ok };
  try {
    await program(run).parseAsync(argv, { from: 'user' });
    run.logger?.flush?.();
    return run.exitCode;
  } catch (error) {
    run.logger?.flush?.();
    if (error instanceof CommanderError) {
      // --help and --version end here too, successfully.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (isUserError(error)) {
      io.stderr.write(`${error.message}\n${debug && error.cause !== undefined ? `${causeChain(error.cause)}\n` : ''}`);
      return error.exitCode;
    }
    io.stderr.write(`${debug ? causeChain(error) : commandLine.unexpected((error as Error).message)}\n`);
    return ExitCode.invalidInput;
  }
}
