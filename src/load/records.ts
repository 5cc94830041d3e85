/**
 * Child and adopter records checked as input, before any figure is computed from them: dates out
 * of order or after the year, duplicate references, statuses their dates contradict. Each is an
 * error at its line.
 */
import type { Problem, Severity } from '../errors.js';
import type { FiscalYear } from '../domain/fiscal-year.js';
import { ADOPTER_DATES, CHILD_DATES, type YearInput } from './schema.js';
import { locate, problemAt, type DataPath, type SourceFile } from './yaml.js';
import { records as messages } from '../messages.js';

type ChildRecord = NonNullable<YearInput['children_records']>[number];
type AdopterRecord = NonNullable<YearInput['adopter_records']>[number];

/** Dates out of order or after the year, duplicate references, statuses their dates contradict. */
export function checkRecords(data: YearInput, year: FiscalYear, source: SourceFile): Problem[] {
  const problems: Problem[] = [];
  const at = (path: DataPath, message: string, severity: Severity = 'error') =>
    problems.push(problemAt(source, locate(source, path).position, message, { dataPath: path, severity }));
  const label: Record<string, string> = {
    entered_care: 'entering care',
    best_interest_decision: 'the best interest decision',
    placement_order: 'the placement order',
    matched: 'the match',
    placed: 'moving in',
    adoption_order: 'the adoption order',
    enquiry: 'the enquiry',
    initial_visit: 'the initial visit',
    stage1_start: 'stage 1 starting',
    stage1_end: 'stage 1 ending',
    stage2_start: 'stage 2 starting',
    approval: 'approval',
    match: 'the match',
    placement: 'the placement',
  };
  const checkDates = (group: string, index: number, record: Record<string, unknown>, order: readonly string[], exempt: (a: string, b: string) => boolean) => {
    const dated = order.filter((key) => typeof record[key] === 'string');
    for (const key of dated) {
      if ((record[key] as string) > year.end)
        at([group, index, key], messages.dateAfterYear(year.label, year.end, record[key] as string));
    }
    for (let i = 0; i < dated.length; i++) {
      for (let j = i + 1; j < dated.length; j++) {
        const [a, b] = [dated[i]!, dated[j]!];
        if ((record[b] as string) < (record[a] as string) && !exempt(a, b)) {
          at([group, index, b], messages.outOfOrder(label[b]!, label[a]!, record[a] as string, record[b] as string));
        }
      }
    }
  };
  const duplicates = (group: string, records: readonly { ref: string }[]) => {
    const seen = new Map<string, number>();
    records.forEach((r, i) => {
      if (seen.has(r.ref)) at([group, i, 'ref'], messages.duplicateReference(r.ref, seen.get(r.ref)! + 1));
      else seen.set(r.ref, i);
    });
  };
  const children: readonly ChildRecord[] = data.children_records ?? [];
  duplicates('children_records', children);
  children.forEach((c, i) => {
    // A child can be matched before the placement order (A2 then counts 0), and a decision can precede entering care.
    checkDates(
      'children_records',
      i,
      c,
      CHILD_DATES,
      (a, b) =>
        (a === 'placement_order' && b === 'matched') ||
        (a === 'entered_care' && b === 'best_interest_decision') ||
        (a === 'best_interest_decision' && b === 'entered_care'),
    );
    // Born before entering care (an unborn child cannot be in care; a newborn can, in its month of birth).
    if (c.entered_care.slice(0, 7) < c.birth_month) at(['children_records', i, 'entered_care'], messages.careBeforeBirth(c.birth_month, c.entered_care));
    if (c.status === 'adopted' && !c.adoption_order)
      at(['children_records', i, 'status'], messages.adoptedWithoutOrder());
    if ((c.status === 'placed' || c.status === 'adopted') && !c.placed)
      at(['children_records', i, 'status'], messages.placedWithoutDate(c.status));
    if (c.status === 'waiting' && !c.placement_order) at(['children_records', i, 'status'], messages.waitingWithoutOrder());
    if (c.foster_carer_adoption && !c.foster_placement_start)
      at(['children_records', i, 'foster_carer_adoption'], messages.fosterCarerWithoutStart());
    if (c.foster_placement_start && c.placed && c.foster_placement_start > c.placed)
      at(
        ['children_records', i, 'foster_placement_start'],
        messages.fosterStartAfterMovingIn(c.placed, c.foster_placement_start),
      );
    if (c.placed && !c.provision)
      at(['children_records', i, 'placed'], messages.placedWithoutProvision(), 'warning');
  });
  const households: readonly AdopterRecord[] = data.adopter_records ?? [];
  duplicates('adopter_records', households);
  households.forEach((h, i) => {
    checkDates('adopter_records', i, h, ADOPTER_DATES, () => false);
    if (h.fast_track && (h.stage1_start || h.stage1_end))
      at(['adopter_records', i, 'fast_track'], messages.fastTrackWithStage1(), 'warning');
  });
  return problems;
}
