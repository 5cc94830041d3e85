import { describe, expect, it } from 'vitest';
import { measure } from '../../src/domain/measures.js';
import { comparatorDifference, judge, yearOnYearChange } from '../../src/metrics/change.js';
import { formatShare, formatValue, roundTo, sharePercent } from '../../src/domain/format.js';

describe('year-on-year change', () => {
  it('words a fall in days as a decrease, and judges it better (seed 001: A10 878.75 to 682.61)', async () => {
    const change = yearOnYearChange(measure('scorecard.a10'), 878.75, 682.61);
    expect(change.delta).toBe(-196.14);
    expect(change.wording).toBe('a decrease of 196.14 days');
    expect(change.movement).toBe('decrease');
    expect(change.judgement).toBe('better');
    expect(change.percent).toBe(-22.3);
  });

  it('words A2 468.04 to 276.14 as a decrease of 191.9 days, the figure the seed printed', async () => {
    expect(yearOnYearChange(measure('scorecard.a2'), 468.04, 276.14).wording).toBe('a decrease of 191.9 days');
  });

  it('calls a fall in fund money a decrease and does not judge it (seed 001 called it an increase)', async () => {
    const change = yearOnYearChange(measure('support_fund.drawdown'), 1651340.16, 1622481.01);
    expect(change.wording).toBe('a decrease of £28,859.15');
    expect(change.judgement).toBe('not judged');
  });

  it('judges a rise in days worse and a rise in a neutral count not at all', async () => {
    expect(yearOnYearChange(measure('scorecard.a20'), 300, 316).judgement).toBe('worse');
    const orders = yearOnYearChange(measure('children.adoption_orders'), 24, 37);
    expect(orders.wording).toBe('an increase of 13');
    expect(orders.judgement).toBe('not judged');
  });

  it('says no change when the figures as printed are equal', async () => {
    const change = yearOnYearChange(measure('children.placed'), 28, 28);
    expect(change.wording).toBe('no change');
    expect(change.judgement).toBe('no change');
  });

  it('has no percent change from zero', async () => {
    expect(yearOnYearChange(measure('children.disruptions'), 0, 2).percent).toBeUndefined();
  });

  it('words a change in a percentage in percentage points', async () => {
    expect(yearOnYearChange(measure('scorecard.a3'), 31, 47).wording).toBe('an increase of 16 percentage points');
  });

  it('uses the singular for one day', async () => {
    expect(yearOnYearChange(measure('scorecard.a2'), 10, 9).wording).toBe('a decrease of 1 day');
  });

  it('judges by direction, with neutral never better or worse', async () => {
    expect(judge('lower', -1)).toBe('better');
    expect(judge('higher', -1)).toBe('worse');
    expect(judge('neutral', 5)).toBe('not judged');
    expect(judge('higher', 0)).toBe('no change');
  });
});

describe('difference from a comparator', () => {
  it('reproduces seed 000: A10 663.63 against 480 is 183.63 above, and worse', async () => {
    const d = comparatorDifference(measure('scorecard.a10'), 663.63, 480, 'the England average');
    expect(d.difference).toBe(183.63);
    expect(d.arrow).toBe('↑');
    expect(d.position).toBe('above');
    expect(d.judgement).toBe('worse');
    expect(d.wording).toBe('183.63 days above the England average');
  });

  it('reproduces seed 000 top-10 rows below the England figure: A2 29 against 197 is 168 below, and better', async () => {
    const d = comparatorDifference(measure('scorecard.a2'), 29, 197, 'the England average');
    expect(d.difference).toBe(-168);
    expect(d.arrow).toBe('↓');
    expect(d.judgement).toBe('better');
  });

  it('is level when equal', async () => {
    const d = comparatorDifference(measure('scorecard.a2'), 197, 197, 'the England average');
    expect(d.wording).toBe('level with the England average');
    expect(d.arrow).toBe('=');
  });
});

describe('rounding and formats', () => {
  it('rounds half away from zero without binary surprises', async () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(-1.005, 2)).toBe(-1.01);
    expect(roundTo(878.75 - 682.61, 2)).toBe(196.14);
    expect(roundTo(2.5, 0)).toBe(3);
  });

  it('writes each unit as reports do', async () => {
    expect(formatValue('days', 384)).toBe('384 days');
    expect(formatValue('days', 191.9)).toBe('191.9 days');
    expect(formatValue('days', 1330)).toBe('1,330 days');
    expect(formatValue('months', 1)).toBe('1 month');
    expect(formatValue('gbp', 1622481.01)).toBe('£1,622,481.01');
    expect(formatValue('gbp', 12)).toBe('£12.00');
    expect(formatValue('count', 28)).toBe('28');
    expect(formatValue('percent', 57.14)).toBe('57%');
  });

  it('writes a share as percent with its count: 16 of 28 is 57% (16), not 55%', async () => {
    expect(formatShare(16, 28)).toBe('57% (16)');
    expect(formatShare(22, 27)).toBe('81% (22)');
    expect(sharePercent(16, 28)).toBe(57);
    expect(formatShare(0, 0)).toBeUndefined();
  });
});
