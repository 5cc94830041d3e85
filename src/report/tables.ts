/**
 * Tables and charts built from measures: figures over the years, the scorecard, comparators.
 * Every cell is formatted here, with the rounding rule of metrics/format.ts.
 */
import type { ChartDatum } from '../charts/render.js';
import { previousFiscalYear, type FiscalYear } from '../ids.js';
import type { Dataset } from '../load/model.js';
import { COMPARATOR_NAMES } from '../load/schema.js';
import type { Measure, Unit } from '../metrics/catalogue.js';
import { comparatorDifference, type Change } from '../metrics/change.js';
import { changeFromLastYear, history, scorecardEntry, yearData, type Gap } from '../metrics/figures.js';
import { formatNumber, formatValue } from '../metrics/format.js';
import { numeric, text, type Cell, type ChartView, type TableView } from './view.js';

const GAP_TEXT: Record<Gap, string> = { 'no dataset': 'no data', 'not given': 'not given' };

export function changeText(change: Change | undefined): string {
  if (!change) return 'not available';
  const judged = change.judgement === 'better' || change.judgement === 'worse' ? ` (${change.judgement})` : '';
  return `${change.wording}${judged}`;
}

function gapNotes(dataset: Dataset, years: readonly FiscalYear[]): string[] {
  return years
    .filter((y) => !yearData(dataset, y))
    .map((y) => `No dataset for ${y.label}: its figures are shown as “no data”, not as zero.`);
}

/** Measures as rows, fiscal years as columns, then the change from last year. */
export function yearTable(id: string, caption: string, dataset: Dataset, measures: readonly Measure[], years: readonly FiscalYear[]): TableView {
  const previous = previousFiscalYear(dataset.current.year);
  const notGiven = new Set<string>();
  const rows = measures.map((m) => {
    const cells: Cell[] = history(dataset, m, years).map((v) => {
      if (v.gap === 'not given') notGiven.add(v.year.label);
      return v.value === undefined ? text(GAP_TEXT[v.gap!]) : numeric(formatValue(m.unit, v.value));
    });
    cells.push(text(changeText(changeFromLastYear(dataset, m))));
    return { header: m.label, cells };
  });
  const notes = gapNotes(dataset, years);
  if (notGiven.size > 0) notes.push(`“Not given”: that year’s dataset does not include the figure.`);
  return {
    id,
    caption,
    columns: [text('Measure'), ...years.map((y) => text(y.label)), text(`Change from ${previous.label}`)],
    rows,
    notes,
  };
}

/** The executive summary's scorecard: last year, this year, change, commentary. */
export function scorecardTable(id: string, dataset: Dataset, measures: readonly Measure[]): TableView {
  const previous = previousFiscalYear(dataset.current.year);
  const years = [previous, dataset.current.year];
  const rows = measures.map((m) => {
    const values = history(dataset, m, years).map((v) => (v.value === undefined ? text(GAP_TEXT[v.gap!]) : numeric(formatValue(m.unit, v.value))));
    const commentary = scorecardEntry(dataset.current.data, m)?.commentary ?? '';
    return { header: `${m.code ? `${m.code}: ` : ''}${m.label}`, cells: [...values, text(changeText(changeFromLastYear(dataset, m))), text(commentary)] };
  });
  return {
    id,
    caption: `Adoption scorecard, ${previous.label} and ${dataset.current.year.label}`,
    columns: [text('Measure'), text(previous.label), text(dataset.current.year.label), text('Change'), text('Commentary')],
    rows,
    notes: gapNotes(dataset, years),
  };
}

/** This year's scorecard against each comparator, with the arrow and the judgement apart. */
export function comparatorTable(id: string, dataset: Dataset, measures: readonly Measure[]): TableView | undefined {
  const rows: TableView['rows'] = [];
  for (const m of measures) {
    const entry = scorecardEntry(dataset.current.data, m);
    for (const c of entry?.comparators ?? []) {
      const name = COMPARATOR_NAMES[c.kind];
      const diff = comparatorDifference(m, entry!.days, c.days, name);
      const judged = diff.judgement === 'better' || diff.judgement === 'worse' ? diff.judgement : diff.judgement === 'no change' ? 'level' : 'not judged';
      rows.push({
        header: `${m.code ?? m.shortLabel}: ${m.shortLabel.replace(/^A\d+ /, '')}`,
        cells: [
          numeric(formatValue(m.unit, entry!.days)),
          text(`${capitalise(name.replace(/^the /, ''))}: ${formatValue(m.unit, c.days)}${c.period ? ` (${c.period})` : ''}; source: ${c.source}`),
          text(`${diff.arrow} ${diff.wording}`),
          text(judged),
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
    notes: ['↑ means above the comparator and ↓ below it; for these measures fewer days is better, so the last column says which it is.'],
  };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const shortYear = (y: FiscalYear) => y.label;

/** A chart's data table: categories as rows, series as columns. */
function chartTable(id: string, caption: string, firstColumn: string, rows: ChartDatum[], unit: Unit): TableView {
  const series = [...new Set(rows.map((r) => r.series))];
  const categories = [...new Set(rows.map((r) => r.category))];
  return {
    id,
    caption,
    columns: [text(firstColumn), ...series.map(text)],
    rows: categories.map((category) => ({
      header: category,
      cells: series.map((s) => {
        const value = rows.find((r) => r.category === category && r.series === s)?.value;
        return value === null || value === undefined ? text('no data') : numeric(formatNumber(unit, value));
      }),
    })),
    notes: [],
  };
}

function listValues(rows: readonly ChartDatum[], unit: Unit, by: 'series' | 'category'): string {
  return rows.filter((r) => r.value !== null).map((r) => `${formatValue(unit, r.value!)} in ${by === 'series' ? r.series : r.category}`).join(', ');
}

/** Clustered bars of measures across fiscal years (the regional dashboard's style). */
export function yearBarsChart(id: string, title: string, dataset: Dataset, measures: readonly Measure[], years: readonly FiscalYear[], valueTitle: string): ChartView | undefined {
  const unit = measures[0]!.unit;
  const rows: ChartDatum[] = [];
  for (const m of measures) {
    for (const v of history(dataset, m, years)) {
      rows.push({ category: m.shortLabel, series: shortYear(v.year), value: v.value ?? null, label: v.value === undefined ? '' : `${shortYear(v.year)}: ${formatNumber(unit, v.value)}` });
    }
  }
  if (rows.every((r) => r.value === null)) return undefined;
  const missing = years.filter((y) => rows.every((r) => r.series !== shortYear(y) || r.value === null)).map((y) => y.label);
  const parts = measures
    .map((m) => {
      const own = rows.filter((r) => r.category === m.shortLabel);
      return own.some((r) => r.value !== null) ? `${m.shortLabel}: ${listValues(own, unit, 'series')}` : undefined;
    })
    .filter(Boolean);
  const description = `Bar chart of ${title.charAt(0).toLowerCase()}${title.slice(1)} by fiscal year. ${parts.join('; ')}.${missing.length ? ` No data for ${missing.join(' and ')}.` : ''}`;
  const table = chartTable(`${id}-data`, `Data for the chart: ${title}`, 'Measure', rows, unit);
  return {
    id,
    title,
    description,
    svg: null,
    table,
    request: { id, kind: 'grouped-bars', title, description, placeholders: { valueTitle, seriesTitle: 'Fiscal year' }, rows },
  };
}

/** One measure over the years against its comparators, each year's comparator from that year's file. */
export function trendChart(id: string, dataset: Dataset, m: Measure, years: readonly FiscalYear[]): ChartView | undefined {
  const series = dataset.authority.shortName;
  const rows: ChartDatum[] = [];
  const comparatorSeries = new Map<string, string>();
  for (const v of history(dataset, m, years)) {
    rows.push({ category: v.year.label, series, value: v.value ?? null, label: v.value === undefined ? '' : formatNumber(m.unit, v.value) });
    const found = yearData(dataset, v.year);
    const entry = found ? scorecardEntry(found.data, m) : undefined;
    for (const c of entry?.comparators ?? []) {
      const name = capitalise(COMPARATOR_NAMES[c.kind].replace(/^the /, ''));
      comparatorSeries.set(c.kind, name);
      rows.push({ category: v.year.label, series: name, value: c.days, label: formatNumber(m.unit, c.days) });
    }
  }
  if (rows.filter((r) => r.series === series).every((r) => r.value === null)) return undefined;
  const title = `${m.code ? `${m.code}: ` : ''}${m.shortLabel.replace(/^A\d+ /, '')}, ${years[0]!.label} to ${years.at(-1)!.label}`;
  const comparisons = [...comparatorSeries.values()].map((name) => `${name}: ${listValues(rows.filter((r) => r.series === name), m.unit, 'category')}`);
  const description = `Line chart of ${m.label.charAt(0).toLowerCase()}${m.label.slice(1)}, in days, by fiscal year. ${series}: ${listValues(rows.filter((r) => r.series === series), m.unit, 'category')}${comparisons.length ? `; ${comparisons.join('; ')}` : ''}. Fewer days is better.`;
  const table = chartTable(`${id}-data`, `Data for the chart: ${title}`, 'Fiscal year', rows, m.unit);
  return { id, title, description, svg: null, table, request: { id, kind: 'trend-lines', title, description, placeholders: { valueTitle: 'Days' }, rows } };
}
