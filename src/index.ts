/** The public surface: build, validate and compare with a configuration, and the types they take. */
export { build, buildPack, compareRegion, compareYears, validate, type BuildResult, type BuiltDocument, type BuildFailure } from './build.js';
export { resolveConfig, type BuildConfig } from './config.js';
export { nodeEffects, consoleLogger, type BuildEffects, type Logger } from './effects.js';
export { UserError, formatProblem, type Problem } from './errors.js';
