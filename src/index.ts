/** The public surface: build, validate and compare with a configuration, and the types they take. */
export { build, buildPack, compareRegion, compareYears, validate, type BuildResult, type BuiltDocument, type BuildFailure } from './build.js';
export { resolveConfig, type BuildConfig } from './config.js';
export { nodeSystem, consoleLogger, type BuildEffects, type FileSystem, type Logger, type System } from './effects.js';
export { main, type CommandIo } from './cli.js';
export { UserError, formatProblem, type Problem } from './errors.js';
