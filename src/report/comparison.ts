/**
 * Comparisons: one authority across its years, and the partners of a regional adoption agency in
 * one year. Figures come from each year's own dataset; a missing year is shown as missing, never
 * as zero; a measure is compared only with itself, so A1 and A10 (a definition change) never meet.
 */
import { diffWordsWithSpace, type Change } from 'diff';
import { Marked, type Token, type Tokens } from 'marked';
import type { FiscalYear } from '../domain/fiscal-year.js';
import { DEFAULT_ACCENT } from '../load/model.js';
import type { Dataset } from '../metrics/dataset.js';
import { AGENCY_SECTIONS, NARRATIVE_SECTIONS, type AgencySection } from '../load/schema.js';
import {
  ADOPTER_COUNTS,
  ADOPTER_TIMELINESS,
  SCORECARD_SHARES,
  CHILD_COUNTS,
  HOUSEHOLDS_PLACED,
  MEASURES,
  OTHER_COUNTS,
  PANEL_COUNTS,
  PROVISION_TYPES,
  SCORECARD_MEASURES,
  SUPPORT_FUND,
  type Measure,
} from '../domain/measures.js';
import { suppressionNote, SUPPRESSED, type DisclosurePolicy } from '../metrics/disclosure.js';
import { comparatorDifference } from '../metrics/change.js';
import { anyValue, scorecardEntry, yearData } from '../metrics/history.js';
import { formatNumber, formatValue, roundFor } from '../domain/format.js';
import { disclosurePolicy } from './annual-report.js';
import { buildSections, brandOf, type SectionSpec } from './sections.js';
import { singleDocumentPage, type PageView } from './pages.js';
import { barsView, shownText, trendChart } from './tables.js';
import { regionHiding, REGION_GROUPS } from '../metrics/region.js';
import { shownChange, shownFigures } from '../metrics/shown.js';
import { block, field, numeric, text, type Block, type Cell, type ChartDatum, type DiffPart, type DocumentView, type TableView } from './view.js';

const GROUPS: [string, readonly Measure[]][] = [
  ['Adoption scorecard', [...SCORECARD_MEASURES, ...SCORECARD_SHARES]],
  ['Children', CHILD_COUNTS],
  ['Placements by provision type', PROVISION_TYPES],
  ['Adopter recruitment', ADOPTER_COUNTS],
  ['Adopter timeliness (months)', [HOUSEHOLDS_PLACED, ...ADOPTER_TIMELINESS]],
  ['Adoption panel', PANEL_COUNTS],
  ['Support fund', SUPPORT_FUND],
  ['Complaints and birth records', OTHER_COUNTS],
];

const JUDGEMENT_TEXT = { better: 'better', worse: 'worse', 'no change': 'no change', 'not judged': 'not judged (no better direction)' } as const;

/** Measures in the same family with different definitions that the years mix (A1 in some years, A10 in others). */
function definitionNotes(dataset: Dataset, years: readonly FiscalYear[]): string[] {
  const families = new Map<string, Measure[]>();
  for (const m of MEASURES) if (m.family && anyValue(dataset, [m], years)) families.set(m.family, [...(families.get(m.family) ?? []), m]);
  return [...families.values()]
    .filter((ms) => ms.length > 1)
    .map(
      (ms) =>
        `${ms.map((m) => m.code).join(' and ')} measure the same journey with different definitions (${ms.find((m) => m.code === 'A10')?.definition ?? ''}); each is compared only with itself, never across the change.`,
    );
}

/** One table: every measure with a value in any year, a column per year, the change and its judgement. */
function everyMeasureTable(id: string, dataset: Dataset, years: readonly FiscalYear[], policy: DisclosurePolicy): TableView {
  const rows: TableView['rows'] = [];
  let suppressed = false;
  const [before, last] = [years.at(-2), years.at(-1)!];
  // And the figures the year files name themselves (an agency's are all of this kind), by their labels.
  const named = new Map<string, Measure>();
  for (const y of [...years].reverse()) for (const [id, m] of yearData(dataset, y)?.own ?? []) if (id.startsWith('figures.') && !named.has(id)) named.set(id, m);
  for (const [group, measures] of [...GROUPS, ['Other figures', [...named.values()]] as const]) {
    const present = measures.filter((m) => anyValue(dataset, [m], years));
    if (present.length === 0) continue;
    const shown = shownFigures(dataset, present, years, policy);
    present.forEach((m, r) => {
      const values = shown[r]!;
      suppressed ||= values.some((v) => v.suppressed);
      const change = before ? shownChange(m, values[years.indexOf(before)], values[years.indexOf(last)]) : undefined;
      const mark = change && change !== 'suppressed' ? JUDGEMENT_TEXT[change.judgement] : change === 'suppressed' ? SUPPRESSED : 'not available';
      const cells: Cell[] = [
        text(group),
        ...values.map((v) => (v.value === undefined || v.suppressed ? text(shownText(m, v)) : numeric(shownText(m, v)))),
        text(change === 'suppressed' ? SUPPRESSED : change ? change.wording : 'not available'),
        text(mark),
      ];
      rows.push({ header: `${m.code ? `${m.code}: ` : ''}${m.label}`, cells });
    });
  }
  const missing = years.filter((y) => !yearData(dataset, y)).map((y) => `No dataset for ${y.label}: shown as “no data”, not as zero.`);
  return {
    id,
    caption: `Every measure, ${years[0]!.label} to ${last.label}`,
    columns: [
      text('Measure'),
      text('Group'),
      ...years.map((y) => text(y.label)),
      text(before ? `Change from ${before.label}` : 'Change'),
      text('Better or worse'),
    ],
    rows,
    notes: [
      ...missing,
      ...definitionNotes(dataset, years),
      'Better or worse follows each measure’s direction: fewer days is better; counts such as adoption orders have no better direction.',
      ...(suppressed ? [suppressionNote(policy)] : []),
    ],
  };
}

/** Each year's scorecard beside that year's England figure, with the difference (as the regional dashboard shows it). */
function againstEngland(dataset: Dataset, years: readonly FiscalYear[], policy: DisclosurePolicy): Block[] {
  const measures = SCORECARD_MEASURES.filter((m) =>
    years.some((y) => scorecardEntry(yearData(dataset, y)?.data, m)?.comparators?.some((c) => c.kind === 'england')),
  );
  if (measures.length === 0) return [];
  const rows: TableView['rows'] = years.map((y) => {
    const cells = measures.flatMap((m) => {
      const [v] = shownFigures(dataset, [m], [y], policy)[0]!;
      const england = scorecardEntry(yearData(dataset, y)?.data, m)?.comparators?.find((c) => c.kind === 'england');
      if (v!.value === undefined || !england)
        return [text(shownText(m, v!)), text(england ? formatValue(m.unit, england.days) : 'none given'), text('not available')];
      if (v!.suppressed) return [text(SUPPRESSED), text(formatValue(m.unit, england.days)), text(SUPPRESSED)];
      const d = comparatorDifference(m, v!.value, england.days, 'England');
      return [
        numeric(formatValue(m.unit, v!.value)),
        numeric(formatValue(m.unit, england.days)),
        text(`${formatNumber(m.unit, d.difference)} ${d.arrow} ${d.judgement}`),
      ];
    });
    return { header: y.label, cells };
  });
  return [
    block.table({
      id: 'england-table',
      caption: `The scorecard against the England figure each year’s dataset gives, ${years[0]!.label} to ${years.at(-1)!.label}`,
      columns: [
        text('Year'),
        ...measures.flatMap((m) => [
          text(`${m.code ?? m.shortLabel} days`),
          text(`${m.code ?? m.shortLabel} England`),
          text(`${m.code ?? m.shortLabel} difference`),
        ]),
      ],
      rows,
      notes: ['The difference is the measure minus the England figure: ↑ above it, ↓ below it; for days, above is worse.'],
    }),
  ];
}

interface RankedChange {
  m: Measure;
  text: string;
  size: number;
}

function largestChanges(dataset: Dataset, years: readonly FiscalYear[], policy: DisclosurePolicy, limit = 6): Block[] {
  const [before, last] = [years.at(-2), years.at(-1)];
  if (!before || !last) return [];
  const ranked: RankedChange[] = [];
  for (const m of MEASURES) {
    const [a, b] = shownFigures(dataset, [m], [before, last], policy)[0]!;
    const change = shownChange(m, a, b);
    if (!change || change === 'suppressed' || change.movement === 'no change' || change.percent === undefined) continue;
    const judged = change.judgement === 'better' || change.judgement === 'worse' ? `, ${change.judgement}` : '';
    ranked.push({
      m,
      size: Math.abs(change.percent),
      text: `${m.label}: ${change.wording} (${change.percent > 0 ? '+' : ''}${change.percent}%), from ${formatValue(m.unit, change.from)} to ${formatValue(m.unit, change.to)}${judged}`,
    });
  }
  ranked.sort((x, y) => y.size - x.size || x.m.label.localeCompare(y.m.label));
  if (ranked.length === 0) return [];
  return [
    block.list({
      heading: null,
      intro: `The ${Math.min(limit, ranked.length)} largest changes from ${before.label} to ${last.label}, by percentage:`,
      className: null,
      items: ranked.slice(0, limit).map((r) => r.text),
    }),
  ];
}

/**
 * Two versions of a text side by side, words removed and added marked, as when a statement is
 * reviewed: the text as a reader sees it (Markdown's marks gone, links as their words), and every
 * space kept, so neither side runs two words together.
 */
export function narrativeDiff(before: string, after: string): { before: DiffPart[]; after: DiffPart[] } {
  const parts = diffWordsWithSpace(readerText(before), readerText(after));
  const part = (p: Change): DiffPart => ({ text: p.value, change: p.removed ? 'removed' : p.added ? 'added' : null });
  return { before: parts.filter((p) => !p.added).map(part), after: parts.filter((p) => !p.removed).map(part) };
}

const markdownLexer = new Marked({ gfm: true });

/** Markdown as a reader sees it: its words, a link as its text, blocks a blank line apart. */
export function readerText(markdown: string): string {
  const inline = (tokens: readonly Token[] | undefined): string =>
    (tokens ?? []).map((t) => ('tokens' in t && t.tokens ? inline(t.tokens) : t.type === 'br' ? ' ' : 'text' in t ? String(t.text) : '')).join('');
  const block = (t: Token): string => {
    if (t.type === 'list') return (t as Tokens.List).items.map((item) => item.tokens.map(block).join(' ')).join('\n');
    if (t.type === 'table') return [(t as Tokens.Table).header, ...(t as Tokens.Table).rows].map((row) => row.map((c) => inline(c.tokens)).join(' | ')).join('\n');
    if (t.type === 'space' || t.type === 'hr' || t.type === 'html') return '';
    return 'tokens' in t && t.tokens ? inline(t.tokens) : 'text' in t ? String(t.text) : '';
  };
  return markdownLexer
    .lexer(markdown)
    .map(block)
    .filter(Boolean)
    .map((text) => text.replace(/[ \t]*\n(?!\n)[ \t]*/g, (m) => (m.includes('\n') ? ' ' : m)))
    .join('\n\n')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

const STATEMENT_SECTIONS: Record<string, string> = {
  aims_and_objectives: 'Statement of purpose: aims and objectives',
  staff: 'Statement of purpose: staff',
  organisational_structure: 'Statement of purpose: organisational structure',
  quality_monitoring: 'Statement of purpose: monitoring quality',
  adopter_procedures: 'Statement of purpose: procedures for adopters',
  adoption_support: 'Statement of purpose: adoption support',
  complaints: 'Statement of purpose: complaints',
};

function narrativeComparison(id: string, dataset: Dataset, years: readonly FiscalYear[]): Block[] {
  const [beforeYear, lastYear] = [years.at(-2), years.at(-1)];
  const before = beforeYear ? yearData(dataset, beforeYear) : undefined;
  const last = lastYear ? yearData(dataset, lastYear) : undefined;
  if (!before || !last) return [block.paragraph(null, 'Narrative is compared between the two most recent years when both have a dataset.')];
  const texts = (data: typeof before.data, hub: typeof before.hub): [string, string][] => [
    // An agency's sections and its text for the partners.
    ...Object.entries(AGENCY_SECTIONS).map(([key, description]): [string, string] => [description.split(':')[0]!.replace(/\.$/, ''), hub?.sections?.[key as AgencySection] ?? '']),
    ...(hub ? [['Section for the partners’ reports', hub.for_partners ?? ''] as [string, string]] : []),
    ...Object.keys(NARRATIVE_SECTIONS).map((key): [string, string] => [
      NARRATIVE_SECTIONS[key as keyof typeof NARRATIVE_SECTIONS].split(':')[0]!,
      data.narrative?.[key as keyof typeof NARRATIVE_SECTIONS] ?? '',
    ]),
    ...Object.entries(STATEMENT_SECTIONS).map(([key, label]): [string, string] => [
      label,
      (data.statement_of_purpose?.[key as 'staff'] as string | undefined) ?? '',
    ]),
  ];
  const a = texts(before.data, before.hub);
  const b = texts(last.data, last.hub);
  const rows: TableView['rows'] = [];
  a.forEach(([label, old], i) => {
    const now = b[i]![1];
    if (!old && !now) return;
    const diff = narrativeDiff(old.trim(), now.trim());
    const same = old.trim() === now.trim();
    rows.push({
      header: `${label}${same ? ' (unchanged)' : ''}`,
      cells: [
        { text: old, markdown: null, diff: diff.before, numeric: false },
        { text: now, markdown: null, diff: diff.after, numeric: false },
      ],
    });
  });
  if (rows.length === 0) return [];
  return [
    block.table({
      id,
      caption: `Narrative, ${beforeYear!.label} beside ${lastYear!.label}, words removed and added marked`,
      columns: [text('Section'), text(beforeYear!.label), text(lastYear!.label)],
      rows,
      notes: ['Removed words are struck through in the earlier year; added words are underlined in the later one.'],
    }),
  ];
}

/** One authority's measures and narrative across the given years (oldest first). */
export function yearComparisonPage(dataset: Dataset, years: readonly FiscalYear[], draft = false): PageView {
  const policy = disclosurePolicy(dataset, 'public');
  const { authority } = dataset;
  const specs: SectionSpec[] = [
    {
      id: 'every-measure',
      title: 'Every measure, year by year',
      blocks: () => [block.table(everyMeasureTable('every-measure-table', dataset, years, policy))],
    },
    {
      id: 'scorecard-trends',
      title: 'The scorecard against the England average',
      blocks: () => [
        ...againstEngland(dataset, years, policy),
        ...SCORECARD_MEASURES.map((m) => trendChart(`trend-${m.id.split('.')[1]}`, dataset, m, years, policy))
          .filter((c) => c !== undefined)
          .map((c) => block.chart(c)),
      ],
    },
    { id: 'largest-changes', title: 'The largest changes', blocks: () => largestChanges(dataset, years, policy) },
    { id: 'narrative', title: 'Narrative, the two most recent years', blocks: () => narrativeComparison('narrative-table', dataset, years) },
  ];
  const sections = buildSections(specs, '');
  const span = `${years[0]!.label} to ${years.at(-1)!.label}`;
  const view: DocumentView = {
    kind: 'year-comparison',
    idPrefix: '',
    title: `${authority.serviceName}: year comparison, ${span}`,
    documentName: 'Year comparison',
    subtitle: span,
    runningHeader: `${authority.shortName} — year comparison ${span}`,
    ...brandOf(authority),
    coverFields: [field(dataset.agency ? 'Regional adoption agency' : 'Authority', authority.name), field('Years', years.map((y) => `${y.label}${yearData(dataset, y) ? '' : ' (no dataset)'}`).join(', '))],
    coverPage: true,
    contents: sections.map((s) => ({ id: s.id, label: `${s.numberLabel} ${s.title}`, level: 2 as const })),
    sections,
    glossary: [],
  };
  return singleDocumentPage(view, false, draft);
}


/**
 * The partners' figures side by side, a section a group, with the regional total (or pooled mean)
 * and what disclosure control hides across the partners: the region comparison's sections, and
 * the regional figures of an agency's annual report. Public figures only, by the strictest
 * partner's threshold, whatever the document's audience: a region's table is one every partner publishes.
 */
export function regionSections(
  agency: string,
  year: FiscalYear,
  partners: readonly { name: string; dataset: Dataset | undefined }[],
  idPrefix = '',
): { specs: SectionSpec[]; withinAgency: string | undefined } {
  const strictest: DisclosurePolicy = { audience: 'public', threshold: Math.max(0, ...partners.map((p) => p.dataset?.authority.disclosureThreshold ?? 0)) };
  const hiding = regionHiding(year, partners, strictest);
  const sectionFor = (group: (typeof REGION_GROUPS)[number]): Block[] => {
    const measures = group.measures.filter((m) => partners.some((p) => p.dataset?.current.figures.has(m.id)));
    if (measures.length === 0) return [];
    const columns: Cell[] = [text('Authority'), ...measures.map((m) => text(m.shortLabel))];
    const hidden = measures.map((m) => partners.map((_, i) => hiding.hidden[i]!.has(m.id)));
    const hiddenTotal = measures.map((m) => hiding.totals.has(m.id));
    let anyHidden = false;
    const rows: TableView['rows'] = partners.map((p, i) => ({
      header: p.name,
      cells: measures.map((m, c) => {
        const f = p.dataset?.current.figures.get(m.id);
        if (!p.dataset) return text('no data');
        if (!f) return text('not given');
        if (hidden[c]![i]) return ((anyHidden = true), text(SUPPRESSED));
        return numeric(formatValue(m.unit, f.value));
      }),
    }));
    const total = measures.map((m, c) => {
      const figures = partners.map((p) => p.dataset?.current.figures.get(m.id));
      if (figures.some((f) => f === undefined)) return text('not every partner gives it');
      if (hiddenTotal[c]) return ((anyHidden = true), text(SUPPRESSED));
      if (group.summable)
        return numeric(
          formatValue(
            m.unit,
            figures.reduce((n, f) => n + f!.value, 0),
          ),
        );
      // A mean pools only when every partner says how many children it is over, and never over a
      // partner's hidden mean, which the pooled one less the others would give back.
      if (figures.some((f) => f!.base === null)) return text('not pooled: not every partner gives its number of children');
      if (hidden[c]!.some(Boolean)) return ((anyHidden = true), text(SUPPRESSED));
      const children = figures.reduce((n, f) => n + f!.base!, 0);
      return numeric(formatValue(m.unit, roundFor(m.unit, figures.reduce((n, f) => n + f!.value * f!.base!, 0) / children)));
    });
    rows.push({ header: group.summable ? `${agency} (total)` : `${agency} (pooled over every child)`, cells: total });
    const table: TableView = {
      id: `${idPrefix}${group.id}-table`,
      caption: `${group.title}, ${year.label}`,
      columns,
      rows,
      notes: [
        group.summable
          ? 'The regional row is the sum of the partners.'
          : 'The regional row pools every child of every partner into one mean, weighting each partner’s mean by its children; means are never added up.',
        ...(anyHidden ? [suppressionNote(strictest)] : []),
      ],
    };
    const blocks: Block[] = [block.table(table)];
    // Each partner's figure as a bar, hidden ones as gaps: the first scorecard measure, and every provision type.
    const charted = group.id === 'scorecard' ? measures.slice(0, 1) : group.id === 'provision' ? measures : [];
    if (charted.length === 0) return blocks;
    const chartRows: ChartDatum[] = [];
    const hiddenRows = new Set<ChartDatum>();
    for (const m of charted)
      partners.forEach((p, i) => {
        const f = p.dataset?.current.figures.get(m.id);
        const hide = hidden[measures.indexOf(m)]![i]!;
        const datum = {
          category: p.name,
          series: group.id === 'provision' ? m.shortLabel : year.label,
          value: f && !hide ? f.value : null,
          label: f ? (hide ? SUPPRESSED : formatNumber(m.unit, f.value)) : '',
        };
        if (f && hide) hiddenRows.add(datum);
        chartRows.push(datum);
      });
    const m = charted[0]!;
    const [title, valueTitle, series] =
      group.id === 'provision'
        ? [`Children placed by partner, ${year.label}`, 'Children placed', { title: 'Provision type', noun: 'provision type' }]
        : [`${m.code ? `${m.code}: ` : ''}${m.shortLabel.replace(/^A\d+ /, '')} by partner, ${year.label}`, 'Days', undefined];
    blocks.push(block.chart(barsView(`${idPrefix}${group.id}-chart`, title, chartRows, hiddenRows, m.unit, valueTitle, 'Authority', group.id === 'provision' ? [] : [year], strictest, series)));
    return blocks;
  };
  // The share placed within the agency, from the regional totals the provision table prints (so it gives nothing more away).
  const withinAgency = (() => {
    const sum = (m: Measure) => partners.reduce((n, p) => n + (p.dataset?.current.figures.get(m.id)?.value ?? 0), 0);
    if (partners.some((p) => !p.dataset || PROVISION_TYPES.some((m) => !p.dataset!.current.figures.has(m.id)))) return undefined;
    if (PROVISION_TYPES.some((m) => hiding.totals.has(m.id))) return undefined;
    const within = PROVISION_TYPES.filter((m) => m.id.endsWith('.in_house') || m.id.endsWith('.regional_partner')).reduce((n, m) => n + sum(m), 0);
    const total = PROVISION_TYPES.reduce((n, m) => n + sum(m), 0);
    return total === 0 ? undefined : `${Math.round((within / total) * 100)}% (${formatNumber('count', within)} of ${formatNumber('count', total)})`;
  })();
  return { specs: REGION_GROUPS.map((g) => ({ id: `${idPrefix}${g.id}`, title: g.title, blocks: () => sectionFor(g) })), withinAgency };
}

/** The partners of a regional adoption agency in one year, side by side, with regional totals where summing means something. */
export function regionComparisonPage(agency: string, year: FiscalYear, partners: readonly { name: string; dataset: Dataset | undefined }[]): PageView {
  const sections = buildSections(regionSections(agency, year, partners).specs, '');
  const view: DocumentView = {
    kind: 'region-comparison',
    idPrefix: '',
    title: `${agency}: partner authorities compared, ${year.label}`,
    documentName: 'Regional comparison',
    subtitle: year.label,
    runningHeader: `${agency} — regional comparison ${year.label}`,
    authority: { name: agency, serviceName: agency },
    accentColour: partners.find((p) => p.dataset)?.dataset?.authority.accentColour ?? DEFAULT_ACCENT,
    logo: null,
    images: new Map(),
    coverFields: [
      field('Regional adoption agency', agency),
      field('Year', year.label),
      field('Partners', partners.map((p) => `${p.name}${p.dataset ? '' : ' (no dataset for this year)'}`).join(', ')),
    ],
    coverPage: true,
    contents: sections.map((s) => ({ id: s.id, label: `${s.numberLabel} ${s.title}`, level: 2 as const })),
    sections,
    glossary: [],
  };
  return singleDocumentPage(view, false);
}
