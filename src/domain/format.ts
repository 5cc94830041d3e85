/**
 * The one rounding rule, and how each unit is written.
 *
 * Rounding rule: days, months and pounds to 2 decimal places, percentages to whole numbers,
 * half away from zero, applied once when a figure is shown or a difference is taken. Whole
 * numbers are written without decimals ("384 days"), others with up to two ("191.9 days").
 */
import type { Unit } from './measures.js';

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  // Scale through a string exponent so 1.005 rounds to 1.01, as people expect.
  const scaled = Number(`${Math.abs(value)}e${decimals}`);
  const rounded = Math.round(scaled) / factor;
  return value < 0 ? -rounded : rounded;
}

export const DECIMALS: Record<Unit, number> = { days: 2, months: 2, gbp: 2, count: 0, percent: 0 };

export function roundFor(unit: Unit, value: number): number {
  return roundTo(value, DECIMALS[unit]);
}

const grouped = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
const pounds = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The number alone, rounded and grouped: `1,330`, `682.61`, `57`. */
export function formatNumber(unit: Unit, value: number): string {
  const rounded = roundFor(unit, value);
  if (unit === 'gbp') return `£${pounds.format(rounded)}`;
  return grouped.format(rounded);
}

/** The number with its unit: `682.61 days`, `1 day`, `£1,622,481.01`, `57%`, `28`. */
export function formatValue(unit: Unit, value: number): string {
  const n = formatNumber(unit, value);
  const one = roundFor(unit, Math.abs(value)) === 1;
  switch (unit) {
    case 'days':
      return `${n} ${one ? 'day' : 'days'}`;
    case 'months':
      return `${n} ${one ? 'month' : 'months'}`;
    case 'percent':
      return `${n}%`;
    default:
      return n;
  }
}

/** A share as reports write it: `57% (16)`. Undefined when the total is zero. */
export function formatShare(count: number, total: number): string | undefined {
  if (total <= 0) return undefined;
  return `${formatNumber('percent', (100 * count) / total)}% (${formatNumber('count', count)})`;
}

export function sharePercent(count: number, total: number): number | undefined {
  return total > 0 ? roundFor('percent', (100 * count) / total) : undefined;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2025-11-04` as `4 November 2025`. */
export function formatDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return `${day} ${MONTHS[month - 1]} ${year}`;
}
