/**
 * The range a whole-number unknown can take under linear equations: HiGHS (compiled to
 * WebAssembly) minimising and maximising it. Loaded once, when this module is first imported.
 */
import highsModule from 'highs';

// The package's ES module exports the loader as its default; its types describe the CommonJS build.
const loadHighs = highsModule as unknown as typeof highsModule.default;
const highs = await loadHighs();

/** Whole-number unknowns, each at least its lower bound, and equations: the terms' sum is the constant. */
export interface IntegerSystem {
  lower: readonly number[];
  equations: readonly { terms: readonly { variable: number; coefficient: number }[]; constant: number }[];
}

const name = (i: number) => `x${i}`;

function program(system: IntegerSystem, sense: 'Minimize' | 'Maximize', variable: number, integers: boolean): string {
  const term = (t: { variable: number; coefficient: number }) => `${t.coefficient < 0 ? '-' : '+'} ${Math.abs(t.coefficient)} ${name(t.variable)}`;
  const rows = system.equations.map((e, i) => ` r${i}: ${e.terms.map(term).join(' ')} = ${e.constant}`);
  const all = system.lower.map((_, i) => name(i));
  return [
    sense,
    ` goal: ${name(variable)}`,
    'Subject To',
    ...rows,
    'Bounds',
    ...system.lower.map((lower, i) => ` ${name(i)} >= ${lower}`),
    ...(integers ? ['Generals', ` ${all.join(' ')}`] : []),
    'End',
  ].join('\n');
}

/**
 * Values of every unknown that make one of them least or greatest; null when it has no greatest.
 * The linear relaxation is solved first: when its answer is whole numbers, it is the answer (an
 * integer point at the relaxation's bound), and the slower integer search is not needed.
 */
export function extremeSolution(system: IntegerSystem, variable: number, sense: 'least' | 'greatest'): number[] | null {
  for (const integers of [false, true]) {
    const result = highs.solve(program(system, sense === 'least' ? 'Minimize' : 'Maximize', variable, integers), { output_flag: false });
    // The published figures themselves satisfy the equations, so a system is never infeasible.
    if (result.Status === 'Unbounded' || result.Status === 'Primal infeasible or unbounded') return null;
    if (result.Status !== 'Optimal') throw new Error(`the disclosure audit's solver stopped with status ${result.Status}`);
    const values = system.lower.map((_, i) => result.Columns[name(i)]!.Primal);
    if (integers || values.every((v) => Math.abs(v - Math.round(v)) < 1e-9)) return values.map(Math.round);
  }
  throw new Error('unreachable');
}
