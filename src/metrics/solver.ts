/**
 * The range a whole-number unknown can take under linear equations: HiGHS (compiled to
 * WebAssembly) minimising and maximising it. Loaded once, when this module is first imported.
 */
import highsModule from 'highs';

// The package's ES module exports the loader as its default; its types describe the CommonJS build.
const loadHighs = highsModule as unknown as typeof highsModule.default;
const highs = await loadHighs();
const { modelStatus, objectiveSense, variableType } = highs.constants;

/** Whole-number unknowns, each at least its lower bound, and equations: the terms' sum is the constant. */
export interface IntegerSystem {
  lower: readonly number[];
  equations: readonly { terms: readonly { variable: number; coefficient: number }[]; constant: number }[];
}

/**
 * Solves one system for one unknown after another, the model kept in memory between them. Each
 * answer is the values of every unknown that make one of them least or greatest, or null when it
 * has no greatest. The linear relaxation is solved first: when its answer is whole numbers, it is
 * the answer (an integer point at the relaxation's bound), and the slower integer search is not
 * needed.
 */
export function withSystem<T>(system: IntegerSystem, use: (extreme: (variable: number, sense: 'least' | 'greatest') => number[] | null) => T): T {
  const columns = system.lower.length;
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const e of system.equations) {
    for (const t of e.terms) (indices.push(t.variable), values.push(t.coefficient));
    starts.push(indices.length);
  }
  const constants = system.equations.map((e) => e.constant);
  const model = highs.createModel({
    numCols: columns,
    numRows: system.equations.length,
    colCost: new Array<number>(columns).fill(0),
    colLower: [...system.lower],
    colUpper: new Array<number>(columns).fill(highs.infinity),
    rowLower: constants,
    rowUpper: constants,
    matrix: { format: 'csr', numRows: system.equations.length, numCols: columns, starts, indices, values },
  });
  const all = { kind: 'range', from: 0, to: columns - 1 } as const;
  const setIntegers = (integers: boolean) => model.changeColsIntegrality(all, new Array(columns).fill(integers ? variableType.integer : variableType.continuous));
  let costed = 0;
  const extreme = (variable: number, sense: 'least' | 'greatest'): number[] | null => {
    model.changeColCost(costed, 0);
    model.changeColCost(variable, 1);
    costed = variable;
    model.changeObjectiveSense(sense === 'least' ? objectiveSense.minimize : objectiveSense.maximize);
    for (const integers of [false, true]) {
      setIntegers(integers);
      model.run();
      const status = model.getModelStatus();
      // The published figures themselves satisfy the equations, so a system is never infeasible.
      if (status === modelStatus.unbounded || status === modelStatus.unboundedOrInfeasible) return null;
      if (status !== modelStatus.optimal) throw new Error(`the disclosure audit's solver stopped with status ${status}`);
      const answer = [...model.getSolution().colValue];
      if (integers || answer.every((v) => Math.abs(v - Math.round(v)) < 1e-9)) return (setIntegers(false), answer.map(Math.round));
    }
    throw new Error('unreachable');
  };
  try {
    model.options.set({ output_flag: false });
    return use(extreme);
  } finally {
    model.dispose();
  }
}
