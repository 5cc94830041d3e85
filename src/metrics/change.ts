/**
 * Year-on-year change and difference from a comparator. The words ("increase", "decrease")
 * come from the sign and the judgement (better, worse) from the measure's direction, so a
 * report cannot call a fall an increase or praise a count that has no right number.
 */
import type { Direction, Measure } from '../domain/measures.js';
import { formatValue, roundFor, roundTo } from '../domain/format.js';

export type Movement = 'increase' | 'decrease' | 'no change';
export type Judgement = 'better' | 'worse' | 'no change' | 'not judged';

export interface Change {
  from: number;
  to: number;
  /** to - from, rounded by the measure's unit. */
  delta: number;
  /** Percent change from `from`, one decimal; undefined when `from` is 0. */
  percent: number | undefined;
  movement: Movement;
  judgement: Judgement;
  /** "a decrease of 196.14 days", "no change". */
  wording: string;
}

export function judge(direction: Direction, delta: number): Judgement {
  if (delta === 0) return 'no change';
  if (direction === 'neutral') return 'not judged';
  const better = direction === 'lower' ? delta < 0 : delta > 0;
  return better ? 'better' : 'worse';
}

export function yearOnYearChange(m: Pick<Measure, 'unit' | 'direction'>, from: number, to: number): Change {
  // Round the operands first: the difference of the figures as printed is what a reader checks.
  const delta = roundFor(m.unit, roundFor(m.unit, to) - roundFor(m.unit, from));
  const movement: Movement = delta > 0 ? 'increase' : delta < 0 ? 'decrease' : 'no change';
  const percent = from === 0 ? undefined : roundTo((100 * (to - from)) / Math.abs(from), 1);
  const wording = movement === 'no change' ? 'no change' : `${indefinite(movement)} of ${amount(m.unit, Math.abs(delta))}`;
  return { from, to, delta, percent, movement, judgement: judge(m.direction, delta), wording };
}

export type Position = 'above' | 'below' | 'level with';

export interface ComparatorDifference {
  /** measure - comparator, rounded by the measure's unit (the "National Average Comparator" of the Family Adoption Links dashboard). */
  difference: number;
  position: Position;
  /** ↑ above, ↓ below, = level: the direction only; never read it as good or bad. */
  arrow: '↑' | '↓' | '=';
  judgement: Judgement;
  /** "196.14 days above the England average". */
  wording: string;
}

export function comparatorDifference(
  m: Pick<Measure, 'unit' | 'direction'>,
  value: number,
  comparatorValue: number,
  comparatorName: string,
): ComparatorDifference {
  const difference = roundFor(m.unit, roundFor(m.unit, value) - roundFor(m.unit, comparatorValue));
  const position: Position = difference > 0 ? 'above' : difference < 0 ? 'below' : 'level with';
  const arrow = difference > 0 ? '↑' : difference < 0 ? '↓' : '=';
  const size = difference === 0 ? '' : `${amount(m.unit, Math.abs(difference))} `;
  return {
    difference,
    position,
    arrow,
    judgement: judge(m.direction, difference),
    wording: `${size}${position} ${comparatorName}`,
  };
}

/** A difference between two percentages is in percentage points, not per cent. */
function amount(unit: Measure['unit'], value: number): string {
  if (unit !== 'percent') return formatValue(unit, value);
  const n = formatValue('count', value);
  return `${n} percentage point${n === '1' ? '' : 's'}`;
}

function indefinite(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}
