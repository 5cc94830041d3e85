/** Measures from records, against hand-worked cases and against the seed dashboard's rows. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fiscalYearStarting } from '../../src/domain/fiscal-year.js';
import { measure } from '../../src/domain/measures.js';
import { comparatorDifference } from '../../src/metrics/change.js';
import { secondarySuppression, suppressBreakdown } from '../../src/metrics/disclosure.js';
import {
  adopterCountsFromRecords,
  adopterTimelinessFromRecords,
  adoptedIn,
  ageAtPlacement,
  childCountsFromRecords,
  daysBetween,
  enteredCareToMovedInDays,
  enteredCareToPlacedDays,
  enteredCareToPlacementOrderDays,
  mean,
  placementOrderToMatchDays,
  placementOrderToPlacedDays,
  rankedPlacements,
  scorecardFromRecords,
  waitingLongerThanSixMonths,
  type AdopterRecord,
  type ChildRecord,
} from '../../src/metrics/records.js';

const Y2425 = fiscalYearStarting(2024);
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const child = (ref: string, dates: Partial<ChildRecord>): ChildRecord => ({
  ref,
  birth_month: '2022-01',
  sex: 'female',
  ethnicity: 'White British',
  status: 'adopted',
  entered_care: '2023-01-01',
  ...dates,
});

// Worked by hand: A placed 273 days after entering care, matched 62 days after its order (181 days after entering care);
// B adopted by its foster carers (foster placement 9 days after entering care), matched before its order.
const A = child('A', {
  entered_care: '2023-01-01',
  placement_order: '2023-07-01',
  matched: '2023-09-01',
  placed: '2023-10-01',
  adoption_order: '2024-06-01',
  provision: 'in_house',
});
const B = child('B', {
  entered_care: '2023-03-01',
  foster_carer_adoption: true,
  foster_placement_start: '2023-03-10',
  best_interest_decision: '2023-05-01',
  placement_order: '2023-08-01',
  matched: '2023-07-15',
  placed: '2023-09-01',
  adoption_order: '2024-05-01',
  provision: 'voluntary_agency',
});
const C = child('C', { entered_care: '2023-06-01', placement_order: '2024-01-10', status: 'waiting' });

describe('child measures, worked by hand', () => {
  const scorecard = scorecardFromRecords([A, B, C], [Y2425]);

  it('A1: entering care to moving in, over children adopted in the year', async () => {
    expect([enteredCareToPlacedDays(A), enteredCareToPlacedDays(B)]).toEqual([273, 184]);
    expect(scorecard.get('scorecard.a1')).toEqual({ value: 228.5, count: 2 });
  });

  it('A10: the foster placement start replaces moving in for a foster-carer adoption', async () => {
    expect(enteredCareToMovedInDays(B)).toBe(9);
    expect(scorecard.get('scorecard.a10')).toEqual({ value: 141, count: 2 });
  });

  it('A2: placement order to match, a match before the order counting 0', async () => {
    expect([placementOrderToMatchDays(A), placementOrderToMatchDays(B)]).toEqual([62, 0]);
    expect(scorecard.get('scorecard.a2')).toEqual({ value: 31, count: 2 });
  });

  it('A20, A3 and best interest decision to placement order', async () => {
    expect(scorecard.get('scorecard.a20')).toEqual({ value: 167, count: 2 });
    expect(scorecard.get('scorecard.a3')).toEqual({ value: 100, count: 2 });
    expect(scorecard.get('scorecard.bid_to_po')).toEqual({ value: 92, count: 1 });
  });

  it('leaves children not adopted in the year out of the adoption measures', async () => {
    expect(adoptedIn([A, B, C], [Y2425]).map((c) => c.ref)).toEqual(['A', 'B']);
    expect(scorecardFromRecords([C], [Y2425]).size).toBe(0);
  });

  it('counts the year’s events, and the children waiting at its end', async () => {
    const counts = childCountsFromRecords([A, B, C], Y2425);
    expect(counts.get('children.adoption_orders')).toBe(2);
    expect(counts.get('children.placed')).toBe(0);
    expect(counts.get('children.placement_orders')).toBe(0);
    expect(counts.get('children.waiting')).toBe(1);
    expect(waitingLongerThanSixMonths([A, B, C], Y2425).map((c) => c.ref)).toEqual(['C']);
  });

  it('pools three years into one mean, not a mean of yearly means', async () => {
    const years = [fiscalYearStarting(2022), fiscalYearStarting(2023), fiscalYearStarting(2024)];
    const adopted = (ref: string, days: number, orderYear: number) =>
      child(ref, { entered_care: '2020-01-01', placed: addDays('2020-01-01', days), adoption_order: `${orderYear}-06-01` });
    const children = [adopted('P', 100, 2022), adopted('Q', 200, 2023), adopted('R', 300, 2023), adopted('S', 400, 2023)];
    expect(scorecardFromRecords(children, years).get('scorecard.a1')).toEqual({ value: 250, count: 4 });
    const yearly = [scorecardFromRecords(children, [years[0]!]), scorecardFromRecords(children, [years[1]!])].map((m) => m.get('scorecard.a1')!.value);
    expect((yearly[0]! + yearly[1]!) / 2).toBe(200);
  });
});

describe('the seed dashboard’s rows (Leicester, longest placements)', () => {
  // [entered care to PO, entered care to placed (A1), National Average Comparator (A10), PO to match (A2), comparator (A2), PO to placed]
  const rows = [
    [182, 1330, 850, 1141, 944, 1148],
    [532, 1637, 1157, 1105, 908, 1105],
    [413, 1116, 636, 664, 467, 703],
    [508, 1083, 603, 575, 378, 575],
    [305, 863, 383, 535, 338, 558],
    [270, 828, 348, 534, 337, 558],
    [329, 850, 370, 521, 324, 521],
    [237, 738, 258, 501, 304, 501],
    [188, 612, 132, 413, 216, 424],
    [320, 711, 231, 391, 194, 391],
  ] as const;
  const children = rows.map(([toOrder, , , toMatch, , orderToPlaced], i) => {
    const entered = '2019-04-01';
    const order = addDays(entered, toOrder);
    return child(`L${i}`, {
      entered_care: entered,
      placement_order: order,
      matched: addDays(order, toMatch),
      placed: addDays(order, orderToPlaced),
      adoption_order: '2023-03-01',
    });
  });

  it('entering care to placed is entering care to placement order plus placement order to placed, per child', async () => {
    children.forEach((c, i) => {
      const [toOrder, toPlaced] = [rows[i]![0], rows[i]![1]];
      expect(enteredCareToPlacementOrderDays(c)).toBe(toOrder);
      expect(enteredCareToPlacedDays(c)).toBe(toPlaced);
      expect(enteredCareToPlacementOrderDays(c)! + placementOrderToPlacedDays(c)!).toBe(enteredCareToPlacedDays(c));
    });
  });

  it('its "National Average Comparator" columns are the measure minus 480 days (A10) and 197 days (A2)', async () => {
    children.forEach((c, i) => {
      const [, , a10Diff, toMatch, a2Diff] = rows[i]!;
      expect(comparatorDifference(measure('scorecard.a10'), enteredCareToPlacedDays(c)!, 480, 'England').difference).toBe(a10Diff);
      expect(placementOrderToMatchDays(c)).toBe(toMatch);
      expect(comparatorDifference(measure('scorecard.a2'), placementOrderToMatchDays(c)!, 197, 'England').difference).toBe(a2Diff);
    });
  });

  it('ranks the longest by placement order to match, as the seed does', async () => {
    const ranked = rankedPlacements([...children].reverse(), [2019, 2020, 2021, 2022, 2023].map(fiscalYearStarting), 'longest');
    expect(ranked.map((r) => r.placementOrderToMatch)).toEqual(rows.map((r) => r[3]));
  });
});

describe('adopter records', () => {
  const h = (ref: string, dates: Partial<AdopterRecord>): AdopterRecord => ({ ref, ...dates });
  const households = [
    h('H1', {
      enquiry: '2023-01-01',
      initial_visit: '2023-01-20',
      stage1_start: '2023-03-02',
      stage1_end: '2023-05-01',
      stage2_start: '2023-05-31',
      approval: '2023-09-28',
      match: '2024-01-26',
      placement: '2024-04-25',
    }),
    h('H2', {
      fast_track: true,
      enquiry: '2023-06-01',
      initial_visit: '2023-06-10',
      stage2_start: '2023-07-01',
      approval: '2023-10-30',
      match: '2024-02-27',
      placement: '2024-05-27',
    }),
    h('H3', { enquiry: '2024-05-01', initial_visit: '2024-06-01', stage1_start: '2024-07-01' }),
  ];

  it('measures stages in months over households who had a child placed, leaving fast-track out of stage 1', async () => {
    const t = adopterTimelinessFromRecords(households, Y2425);
    const months = (a: string, b: string) => daysBetween(a, b) / (365.25 / 12);
    expect(t.get('adopter_timeliness.stage1_length')).toEqual({ value: months('2023-03-02', '2023-05-01'), count: 1 });
    expect(t.get('adopter_timeliness.stage2_length')!.count).toBe(2);
    expect(t.get('adopter_timeliness.approval_to_placement')!.value).toBeCloseTo(
      (months('2023-09-28', '2024-04-25') + months('2023-10-30', '2024-05-27')) / 2,
      10,
    );
  });

  it('counts the funnel: initial visits, stage 1 starts, approvals in the year', async () => {
    expect([...adopterCountsFromRecords(households, Y2425)]).toEqual([
      ['adopters.initial_visits', 1],
      ['adopters.stage1_starts', 1],
      ['adopters.approvals', 0],
    ]);
  });
});

describe('breakdowns', () => {
  it('bands children by age when they moved in', async () => {
    const placed = [
      child('a', { birth_month: '2024-01', placed: '2024-09-01' }),
      child('b', { birth_month: '2020-05', placed: '2024-06-01' }),
      child('c', { birth_month: '2020-07', placed: '2024-06-01' }),
    ];
    expect(ageAtPlacement(placed, Y2425).map((b) => b.count)).toEqual([1, 0, 2, 0, 0]);
  });
});

describe('properties', () => {
  it('a mean lies between the least and the greatest value', async () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 50 }), (values) => {
        const m = mean(values)!;
        return m.value >= Math.min(...values) - 1e-9 && m.value <= Math.max(...values) + 1e-9 && m.count === values.length;
      }),
    );
  });

  it('a three-year figure is the mean over every child of the three years', async () => {
    const years = [fiscalYearStarting(2022), fiscalYearStarting(2023), fiscalYearStarting(2024)];
    const arbitraryChild = fc.record({
      days: fc.integer({ min: 0, max: 2000 }),
      year: fc.integer({ min: 0, max: 2 }),
      dayOfYear: fc.integer({ min: 0, max: 364 }),
    });
    fc.assert(
      fc.property(fc.array(arbitraryChild, { minLength: 1, maxLength: 40 }), (specs) => {
        const children = specs.map((s, i) =>
          child(`K${i}`, { entered_care: '2018-01-01', placed: addDays('2018-01-01', s.days), adoption_order: addDays(years[s.year]!.start, s.dayOfYear) }),
        );
        const pooled = scorecardFromRecords(children, years).get('scorecard.a1')!;
        const all = years.flatMap((y) => adoptedIn(children, [y]).map((c) => enteredCareToPlacedDays(c)!));
        return pooled.count === specs.length && Math.abs(pooled.value - all.reduce((a, b) => a + b, 0) / all.length) < 1e-9;
      }),
    );
  });

  it('suppression never shows a count from 1 to 5, directly or by subtraction from the total, and keeps true zeros', async () => {
    const policy = { audience: 'public' as const, threshold: 5 };
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 8 }), (parts) => {
        const { hidden, hideTotal } = suppressBreakdown(parts, policy);
        const total = parts.reduce((a, b) => a + b, 0);
        const directly = parts.every((v, i) => !(v >= 1 && v <= 5) || hidden[i]);
        const zeros = parts.every((v, i) => v !== 0 || !hidden[i]);
        const hiddenParts = parts.filter((_, i) => hidden[i]);
        const sum = hiddenParts.reduce((a, b) => a + b, 0);
        // With the total published, the hidden parts' sum is known: it must not pin any of them down.
        const bySubtraction = hideTotal || hiddenParts.length === 0 || (hiddenParts.length >= 2 && sum > hiddenParts.length);
        const totalSafe = !(total >= 1 && total <= 5) || hideTotal;
        return directly && zeros && bySubtraction && totalSafe;
      }),
    );
  });

  it('hides nothing in restricted documents or with the threshold off', async () => {
    expect(suppressBreakdown([1, 2, 30], { audience: 'restricted', threshold: 5 }).hidden).toEqual([false, false, false]);
    expect(suppressBreakdown([1, 2, 30], { audience: 'public', threshold: 0 }).hidden).toEqual([false, false, false]);
    expect(secondarySuppression([3, 20, 9], [true, false, false], true).hidden).toEqual([true, false, true]);
  });
});
