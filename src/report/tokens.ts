/**
 * Figures written into narrative by name, so a number is typed once and every sentence that uses
 * it agrees: `{{children.placed}}` is "28", `{{scorecard.a10}}` "682.61 days",
 * `{{scorecard.a10 | change}}` "a decrease of 196.14 days", `{{support_fund.drawdown | previous}}`
 * last year's figure, `{{children_placed_by.age.under_5 | share}}` "81% (22)". Disclosure control
 * applies: a suppressed figure reads "c". `{{= 48}}` prints 48 and says it is not a figure.
 */
import type { Problem } from '../errors.js';
import { nextFiscalYear, previousFiscalYear } from '../domain/fiscal-year.js';
import type { Dataset } from '../metrics/dataset.js';
import { locateText, problemAt, type DataPath } from '../load/yaml.js';
import { MEASURES, type Measure } from '../domain/measures.js';
import { suppressShare, SUPPRESSED, yearBreakdowns, type DisclosurePolicy } from '../metrics/disclosure.js';
import { measureIn } from '../metrics/history.js';
import { formatNumber, formatShare } from '../domain/format.js';
import { closest } from '../load/yaml.js';
import { shownChange, shownFigures, withinRegion, type Shown } from '../metrics/shown.js';
import { changeText, shownText } from './tables.js';
import { tokens as messages } from '../messages.js';

export const TOKEN = /\{\{\s*([A-Za-z0-9_.]+)\s*(?:\|\s*([A-Za-z_]+)\s*)?\}\}/g;
/** `{{= 48 hours}}`: text that holds a number which is not one of the dataset's figures, printed as it is. */
export const LITERAL = /\{\{=\s*([^{}]*?)\s*\}\}/g;
export const FIGURE_FORMATS = ['value', 'number', 'previous', 'change', 'share'] as const;
const SPECIAL = ['year', 'previous_year', 'next_year', 'placements.within_region'];

export function fillFigures(markdown: string, dataset: Dataset, policy: DisclosurePolicy, path: DataPath, problems: Problem[]): string {
  return markdown.replace(LITERAL, '$1').replace(TOKEN, (token, name: string, format: string | undefined) => {
    const result = figureText(name, format ?? 'value', dataset, policy);
    if (typeof result === 'string') return result;
    problems.push(problemAt(dataset.current.source, locateText(dataset.current.source, path, token), result.error, { dataPath: path }));
    return token;
  });
}

function figureText(name: string, format: string, dataset: Dataset, policy: DisclosurePolicy): string | { error: string } {
  const year = dataset.current.year;
  const previous = previousFiscalYear(year);
  if (name === 'year') return year.label;
  if (name === 'previous_year') return previous.label;
  if (name === 'next_year') return nextFiscalYear(year).label;
  if (name === 'placements.within_region')
    return withinRegionText(dataset, policy) ?? { error: messages.noWithinRegion(name, year.label) };
  const m = measureIn(dataset, name);
  if (!m) {
    const own = [dataset.current, ...dataset.earlier].flatMap((y) => [...y.own.keys()]);
    const suggestion = closest(name, [...MEASURES.map((x) => x.id), ...own, ...SPECIAL]);
    return { error: messages.unknownFigure(name, suggestion) };
  }
  if (!(FIGURE_FORMATS as readonly string[]).includes(format))
    return { error: messages.unknownFormat(format, name, FIGURE_FORMATS) };
  const [before, now] = shownFigures(dataset, [m], [previous, year], policy)[0]!;
  if (format === 'previous')
    return before!.value === undefined ? { error: messages.noPrevious(name, previous.label) } : shownText(m, before!);
  if (now!.value === undefined) return { error: messages.noValue(name, year.label) };
  if (format === 'change') {
    const change = shownChange(m, before, now);
    return change ? changeText(change) : { error: messages.noChange(name, previous.label, m.label) };
  }
  if (format === 'number') return now!.suppressed ? SUPPRESSED : formatNumber(m.unit, now!.value);
  if (format === 'share') return shareText(dataset, m, now!, policy) ?? { error: messages.noShare(name) };
  return shownText(m, now!);
}

/** A part as a share of its total, or a percentage of its number of children: `81% (22)`; "c" where either would show a small number. */
function shareText(dataset: Dataset, m: Measure, now: Shown, policy: DisclosurePolicy): string | undefined {
  if (m.unit === 'percent') {
    if (now.base === null) return undefined;
    const count = Math.round((now.value! * now.base) / 100);
    return now.suppressed ? SUPPRESSED : formatShare(count, now.base);
  }
  const total = yearBreakdowns(dataset.current.figures).find((b) => b.parts.includes(m.id))?.total;
  const whole = total ? measureIn(dataset, total) : undefined;
  if (!whole) return undefined;
  const [t] = shownFigures(dataset, [whole], [dataset.current.year], policy)[0]!;
  if (t?.value === undefined || t.value === 0) return undefined;
  return now.suppressed || t.suppressed || suppressShare(now.value!, t.value, policy) ? SUPPRESSED : formatShare(now.value!, t.value);
}

/** The share placed within the regional agency as reports write it, `57% (16)`, or "c". */
export function withinRegionText(dataset: Dataset, policy: DisclosurePolicy): string | undefined {
  const share = withinRegion(dataset, policy);
  if (!share) return undefined;
  return share.suppressed ? SUPPRESSED : formatShare(share.count, share.total);
}
