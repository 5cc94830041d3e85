/**
 * Tables and charts built from measures: figures over the years, the scorecard, comparators.
 * Every cell is formatted here, with the rounding rule of metrics/format.ts, and disclosure
 * control applied: a suppressed figure is "c" in the table, missing from the chart, and takes
 * its change with it.
 */
import { previousFiscalYear, type FiscalYear } from '../domain/fiscal-year.js';
import type { Dataset } from '../metrics/dataset.js';
import { COMPARATOR_NAMES } from '../load/schema.js';
import type { Measure, Unit } from '../domain/measures.js';
import { comparatorDifference, type Change } from '../metrics/change.js';
import { periodYears } from '../metrics/consistency.js';
import { suppressionNote, suppressShare, SUPPRESSED, type DisclosurePolicy } from '../metrics/disclosure.js';
import { shownChange, shownFigures, shownThreeYear, type Shown } from '../metrics/shown.js';
import { scorecardEntry, yearData, type Gap } from '../metrics/history.js';
import { formatNumber, formatShare, formatValue } from '../domain/format.js';
import { numeric, text, type Cell, type ChartDatum, type ChartRequest, type ChartView, type TableView } from './view.js';

const GAP_TEXT: Record<Gap, string> = { 'no dataset': 'no data', 'not given': 'not given' };

export function shownText(m: Measure, v: Shown): string {
  if (v.value === undefined) return GAP_TEXT[v.gap!];
  return v.suppressed ? SUPPRESSED : formatValue(m.unit, v.value);
}

const shownCell = (m: Measure, v: Shown): Cell => (v.value === undefined || v.suppressed ? text(shownText(m, v)) : numeric(shownText(m, v)));

export function changeText(change: Change | 'suppressed' | undefined): string {
  if (change === 'suppressed') return SUPPRESSED;
  if (!change) return 'not available';
  const judged = change.judgement === 'better' || change.judgement === 'worse' ? ` (${change.judgement})` : '';
  return `${change.wording}${judged}`;
}

function notesFor(dataset: Dataset, years: readonly FiscalYear[], shown: readonly Shown[][], policy: DisclosurePolicy): string[] {
  const notes = years.filter((y) => !yearData(dataset, y)).map((y) => `No dataset for ${y.label}: its figures are shown as “no data”, not as zero.`);
  if (shown.some((row) => row.some((v) => v.gap === 'not given'))) notes.push('“Not given”: that year’s dataset does not include the figure.');
  if (shown.some((row) => row.some((v) => v.suppressed))) notes.push(suppressionNote(policy));
  return notes;
}

/** Measures as rows, fiscal years as columns, then the change from last year. */
export function yearTable(
  id: string,
  caption: string,
  dataset: Dataset,
  measures: readonly Measure[],
  years: readonly FiscalYear[],
  policy: DisclosurePolicy,
): TableView {
  const previous = previousFiscalYear(dataset.current.year);
  const shown = shownFigures(dataset, measures, years, policy);
  const current = years.findIndex((y) => y.id === dataset.current.year.id);
  const before = years.findIndex((y) => y.id === previous.id);
  const rows = measures.map((m, r) => ({
    header: m.label,
    cells: [...shown[r]!.map((v) => shownCell(m, v)), text(changeText(shownChange(m, shown[r]![before], shown[r]![current])))],
  }));
  return {
    id,
    caption,
    columns: [text('Measure'), ...years.map((y) => text(y.label)), text(`Change from ${previous.label}`)],
    rows,
    notes: notesFor(dataset, years, shown, policy),
  };
}

/**
 * A breakdown: its parts as rows, fiscal years as columns, then each part's share of the total in
 * the report's year (`81% (22)`), hidden where the count or the share would show a small number.
 */
export function breakdownTable(
  id: string,
  caption: string,
  partsTitle: string,
  dataset: Dataset,
  parts: readonly Measure[],
  total: Measure,
  years: readonly FiscalYear[],
  policy: DisclosurePolicy,
): TableView {
  const shown = shownFigures(dataset, parts, years, policy);
  const current = years.findIndex((y) => y.id === dataset.current.year.id);
  const [whole] = shownFigures(dataset, [total], [dataset.current.year], policy)[0]!;
  let shareHidden = false;
  const shareText = (v: Shown | undefined) => {
    if (v?.value === undefined || whole?.value === undefined || whole.value === 0) return 'not available';
    if (v.suppressed || whole.suppressed || suppressShare(v.value, whole.value, policy)) return ((shareHidden = true), SUPPRESSED);
    return formatShare(v.value, whole.value)!;
  };
  return {
    id,
    caption,
    columns: [text(partsTitle), ...years.map((y) => text(y.label)), text(`Share of ${total.shortLabel.toLowerCase()}, ${dataset.current.year.label}`)],
    rows: parts.map((m, r) => ({ header: m.shortLabel, cells: [...shown[r]!.map((v) => shownCell(m, v)), text(shareText(shown[r]![current]))] })),
    notes: [
      ...notesFor(dataset, years, shown, policy),
      ...(shareHidden && !shown.some((row) => row.some((v) => v.suppressed)) ? [suppressionNote(policy)] : []),
    ],
  };
}

/** The executive summary's scorecard: last year, this year, change, commentary. */
export function scorecardTable(id: string, dataset: Dataset, measures: readonly Measure[], policy: DisclosurePolicy, keepMissingYear = false): TableView {
  const previous = previousFiscalYear(dataset.current.year);
  // Last year's column only when last year has a dataset (or the author keeps every year).
  const withPrevious = keepMissingYear || yearData(dataset, previous) !== undefined;
  const years = withPrevious ? [previous, dataset.current.year] : [dataset.current.year];
  const shown = shownFigures(dataset, measures, years, policy);
  const threeYear = measures.map((m) => shownThreeYear(dataset, m, policy));
  const withThreeYears = threeYear.some(Boolean);
  const first = previousFiscalYear(dataset.current.year, 2);
  const rows = measures.map((m, r) => {
    const commentary = scorecardEntry(dataset.current.data, m)?.commentary ?? '';
    const pooled = threeYear[r];
    const pooledCell = !pooled ? text('not available') : pooled.suppressed ? text(SUPPRESSED) : numeric(formatValue(m.unit, pooled.value));
    return {
      header: `${m.code ? `${m.code}: ` : ''}${m.label}`,
      cells: [
        ...shown[r]!.map((v) => shownCell(m, v)),
        ...(withPrevious ? [text(changeText(shownChange(m, shown[r]![0], shown[r]![1])))] : []),
        ...(withThreeYears ? [pooledCell] : []),
        text(commentary),
      ],
    };
  });
  return {
    id,
    caption: `Adoption scorecard, ${years.map((y) => y.label).join(' and ')}`,
    columns: [
      text('Measure'),
      ...years.map((y) => text(y.label)),
      ...(withPrevious ? [text('Change')] : []),
      ...(withThreeYears ? [text(`Three years, ${first.label} to ${dataset.current.year.label}`)] : []),
      text('Commentary'),
    ],
    rows,
    notes: [
      ...notesFor(dataset, years, shown, policy),
      ...(withThreeYears ? ['The three-year figure is one mean over every child of the three years, not a mean of the yearly figures.'] : []),
    ],
  };
}

/** This year's scorecard against each comparator, with the arrow and the judgement apart. */
export function comparatorTable(id: string, dataset: Dataset, measures: readonly Measure[], policy: DisclosurePolicy): TableView | undefined {
  const rows: TableView['rows'] = [];
  let suppressed = false;
  for (const m of measures) {
    const [v] = shownFigures(dataset, [m], [dataset.current.year], policy)[0]!;
    const entry = scorecardEntry(dataset.current.data, m);
    if (v?.value === undefined) continue;
    for (const c of entry?.comparators ?? []) {
      const name = COMPARATOR_NAMES[c.kind];
      // A comparator over several years meets the figure pooled over as many (the three-year figure), never one year's.
      const span = c.period ? periodYears(c.period) : 1;
      const pooled = span === 3 ? shownThreeYear(dataset, m, policy) : undefined;
      if (span > 1 && !pooled) continue;
      const figure = pooled ? { ...v, ...pooled } : v;
      const diff = comparatorDifference(m, figure.value!, c.days, name);
      const judged = diff.judgement === 'better' || diff.judgement === 'worse' ? diff.judgement : diff.judgement === 'no change' ? 'level' : 'not judged';
      suppressed ||= figure.suppressed;
      rows.push({
        header: `${m.code ?? m.shortLabel}: ${m.shortLabel.replace(/^A\d+ /, '')}${pooled ? ' (three years pooled)' : ''}`,
        cells: [
          shownCell(m, figure),
          text(`${capitalise(name.replace(/^the /, ''))}: ${formatValue(m.unit, c.days)}${c.period ? ` (${c.period})` : ''}; source: ${c.source}`),
          text(figure.suppressed ? SUPPRESSED : `${diff.arrow} ${diff.wording}`),
          text(figure.suppressed ? SUPPRESSED : judged),
        ],
      });
    }
  }
  if (rows.length === 0) return undefined;
  return {
    id,
    caption: `Scorecard ${dataset.current.year.label} compared with England and other comparators`,
    columns: [text('Measure'), text(dataset.current.year.label), text('Compared with'), text('Difference'), text('Better or worse')],
    rows,
    notes: [
      '↑ means above the comparator and ↓ below it; for these measures fewer days is better, so the last column says which it is.',
      ...(suppressed ? [suppressionNote(policy)] : []),
    ],
  };
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A chart's data table: categories as rows, series as columns. */
function chartTable(
  id: string,
  caption: string,
  firstColumn: string,
  rows: ChartDatum[],
  unit: Unit,
  hidden: ReadonlySet<ChartDatum>,
  policy: DisclosurePolicy,
): TableView {
  const series = [...new Set(rows.map((r) => r.series))];
  const categories = [...new Set(rows.map((r) => r.category))];
  return {
    id,
    caption,
    columns: [text(firstColumn), ...series.map(text)],
    rows: categories.map((category) => ({
      header: category,
      cells: series.map((s) => {
        const row = rows.find((r) => r.category === category && r.series === s);
        if (row && hidden.has(row)) return text(SUPPRESSED);
        if (row?.gap === 'not given') return text('not given');
        return row?.value === null || row?.value === undefined ? text('no data') : numeric(formatNumber(unit, row.value));
      }),
    })),
    notes: hidden.size > 0 ? [suppressionNote(policy)] : [],
  };
}

function listValues(rows: readonly ChartDatum[], unit: Unit, by: 'series' | 'category', hidden: ReadonlySet<ChartDatum>): string {
  return rows
    .filter((r) => r.value !== null || hidden.has(r) || r.gap)
    .map((r) => `${hidden.has(r) ? HIDDEN_LABEL : r.gap === 'not given' ? 'not given' : formatValue(unit, r.value!)} in ${by === 'series' ? r.series : r.category}`)
    .join(', ');
}

/** How a chart labels a hidden figure: a gap the reader can see, and why. */
const HIDDEN_LABEL = `${SUPPRESSED} (hidden: small number)`;

/** Axis numbers as the unit reads: whole days and counts, months to one place, never SI prefixes (200m for 0.2). */
const AXIS_FORMAT: Record<Unit, string> = { count: ',.0f', days: ',.0f', months: ',.1~f', gbp: ',.0f', percent: '.0f' };

/**
 * The placeholders every chart spec takes: categories and series in the order the report gives
 * them (years ascending, the catalogue's order), whatever is missing; the unit's number format;
 * and no legend for a single series.
 */
export function chartPlaceholders(rows: readonly ChartDatum[], unit: Unit, legendTitle: string | null): Record<string, string> {
  const series = [...new Set(rows.map((r) => r.series))];
  return {
    categoryOrder: JSON.stringify([...new Set(rows.map((r) => r.category))]),
    seriesOrder: JSON.stringify(series),
    valueFormat: AXIS_FORMAT[unit],
    tickMinStep: JSON.stringify(unit === 'count' ? 1 : null),
    legend: JSON.stringify(series.length > 1 ? { title: legendTitle } : null),
  };
}

/** The rows a chart draws: hidden figures as labelled gaps. */
function withGaps(rows: readonly ChartDatum[], hidden: ReadonlySet<ChartDatum>): ChartDatum[] {
  return rows.map((r) => (hidden.has(r) ? { ...r, value: null, gap: 'hidden', label: r.label.replace(new RegExp(`${SUPPRESSED}$`), HIDDEN_LABEL) } : r));
}

/** Clustered bars of measures across fiscal years (the regional dashboard's style). */
export function yearBarsChart(
  id: string,
  title: string,
  dataset: Dataset,
  measures: readonly Measure[],
  years: readonly FiscalYear[],
  valueTitle: string,
  policy: DisclosurePolicy,
): ChartView | undefined {
  const unit = measures[0]!.unit;
  const shown = shownFigures(dataset, measures, years, policy);
  const rows: ChartDatum[] = [];
  const hidden = new Set<ChartDatum>();
  measures.forEach((m, r) => {
    shown[r]!.forEach((v) => {
      const datum: ChartDatum = {
        category: m.shortLabel,
        series: v.year.label,
        value: v.value === undefined || v.suppressed ? null : v.value,
        label: v.gap === 'not given' ? `${v.year.label}: not given` : v.value === undefined ? '' : `${v.year.label}: ${shownText(m, v).replace(/ (days|months)$/, '')}`,
        ...(v.gap === 'not given' ? { gap: 'not given' as const } : {}),
      };
      if (v.suppressed) hidden.add(datum);
      rows.push(datum);
    });
  });
  // A chart of one figure (the rest missing or hidden) says nothing a table does not: the table stands alone.
  if (rows.filter((r) => r.value !== null).length < 2) return undefined;
  return barsView(id, title, rows, hidden, unit, valueTitle, 'Measure', years, policy);
}

/** Bars from a prepared set of rows (a breakdown from records, or measures across years). */
export function barsView(
  id: string,
  title: string,
  rows: ChartDatum[],
  hidden: ReadonlySet<ChartDatum>,
  unit: Unit,
  valueTitle: string,
  firstColumn: string,
  years: readonly FiscalYear[],
  policy: DisclosurePolicy,
  series: { title: string; noun: string } = { title: 'Fiscal year', noun: 'fiscal year' },
): ChartView {
  const categories = [...new Set(rows.map((r) => r.category))];
  const missing = years.filter((y) => rows.every((r) => r.series !== y.label || (r.value === null && !hidden.has(r) && !r.gap))).map((y) => y.label);
  const parts = categories
    .map((category) => {
      const own = rows.filter((r) => r.category === category);
      return own.some((r) => r.value !== null || hidden.has(r)) ? `${category}: ${listValues(own, unit, 'series', hidden)}` : undefined;
    })
    .filter(Boolean);
  const description = `Bar chart of ${title.charAt(0).toLowerCase()}${title.slice(1)} by ${series.noun}. ${parts.join('; ')}.${missing.length ? ` No data for ${missing.join(' and ')}.` : ''}`;
  const table = chartTable(`${id}-data`, `Data for the chart: ${title}`, firstColumn, rows, unit, hidden, policy);
  return chartView({ id, kind: 'grouped-bars', title, description, placeholders: { valueTitle, seriesTitle: series.title, ...chartPlaceholders(rows, unit, series.title) }, rows }, table, hidden);
}

/** A chart's view: its request (hidden figures as labelled gaps), its data table, no SVG until the chart stage draws it. */
function chartView(request: ChartRequest, table: TableView, hidden: ReadonlySet<ChartDatum>): ChartView {
  const { id, title, description } = request;
  return { id, title, description, svg: null, table, sameAs: null, request: { ...request, rows: withGaps(request.rows, hidden) } };
}

/** One measure over the years against its comparators, each year's comparator from that year's file. */
export function trendChart(id: string, dataset: Dataset, m: Measure, years: readonly FiscalYear[], policy: DisclosurePolicy): ChartView | undefined {
  const series = dataset.authority.shortName;
  const rows: ChartDatum[] = [];
  const hidden = new Set<ChartDatum>();
  const comparatorSeries = new Map<string, string>();
  shownFigures(dataset, [m], years, policy)[0]!.forEach((v) => {
    const datum: ChartDatum = {
      category: v.year.label,
      series,
      value: v.value === undefined || v.suppressed ? null : v.value,
      label: v.gap === 'not given' ? 'not given' : v.value === undefined ? '' : shownText(m, v).replace(/ days$/, ''),
      ...(v.gap === 'not given' ? { gap: 'not given' as const } : {}),
    };
    if (v.suppressed) hidden.add(datum);
    rows.push(datum);
    const found = yearData(dataset, v.year);
    const entry = found ? scorecardEntry(found.data, m) : undefined;
    for (const c of entry?.comparators ?? []) {
      const name = capitalise(COMPARATOR_NAMES[c.kind].replace(/^the /, ''));
      comparatorSeries.set(c.kind, name);
      rows.push({ category: v.year.label, series: name, value: c.days, label: formatNumber(m.unit, c.days) });
    }
  });
  if (rows.filter((r) => r.series === series).every((r) => r.value === null && !hidden.has(r))) return undefined;
  const title = `${m.code ? `${m.code}: ` : ''}${m.shortLabel.replace(/^A\d+ /, '')}, ${years[0]!.label} to ${years.at(-1)!.label}`;
  const comparisons = [...comparatorSeries.values()].map(
    (name) =>
      `${name}: ${listValues(
        rows.filter((r) => r.series === name),
        m.unit,
        'category',
        hidden,
      )}`,
  );
  const description = `Line chart of ${m.label.charAt(0).toLowerCase()}${m.label.slice(1)}, in days, by fiscal year. ${series}: ${listValues(
    rows.filter((r) => r.series === series),
    m.unit,
    'category',
    hidden,
  )}${comparisons.length ? `; ${comparisons.join('; ')}` : ''}. Fewer days is better.`;
  const table = chartTable(`${id}-data`, `Data for the chart: ${title}`, 'Fiscal year', rows, m.unit, hidden, policy);
  return chartView({ id, kind: 'trend-lines', title, description, placeholders: { valueTitle: 'Days', ...chartPlaceholders(rows, m.unit, null) }, rows }, table, hidden);
}
