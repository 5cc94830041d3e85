/**
 * Numbers typed in narrative, checked against the dataset's figures. Every Markdown field of a
 * year file is read for numbers (digits, pounds, percentages, millions, number words) and for the
 * words that describe a change; each finding is placed at its own line and column:
 *
 * - a number equal to a figure (this year's or last year's, or a part's share of its total) is a
 *   warning that suggests the token (`41 → {{adopters.initial_visits}}`), an error under --strict;
 * - a number beside the words for a measure ("45 initial visits") that is none of the figures is a
 *   warning naming the figure (an error under --strict);
 * - a change word ("increase", "fell", "the same") that describes a figure whose computed change
 *   goes the other way is an error, and so is an amount of change that is not the computed one;
 * - a number given as last year's figure ("from 503.63 days during 2023/24") that is not last
 *   year's figure is an error;
 * - in a public build, a number that shows a figure disclosure control hides is an error.
 *
 * Numbers that are not figures pass by their shape: dates, years and fiscal years, ordinals,
 * codes (A10, NMS 25.6), references (standard 25.6, stage 1, section 3, level 2), ages, times,
 * telephone numbers, durations (48 hours, 6 weeks) unless they equal a figure in days or months.
 * Any other number is marked as not a figure with `{{= 41}}`.
 */
import type { Problem, Severity } from '../errors.js';
import { previousFiscalYear } from '../domain/fiscal-year.js';
import { formatValue, roundTo } from '../domain/format.js';
import type { Measure, Unit } from '../domain/measures.js';
import type { YearInput } from '../load/schema.js';
import type { AgencyHub } from '../load/model.js';
import { locate, problemAt, type DataPath, type SourceFile } from '../load/yaml.js';
import { narrativeFigures as messages } from '../messages.js';
import { yearOnYearChange, type Movement } from './change.js';
import type { Dataset } from './dataset.js';
import { yearBreakdowns } from './disclosure.js';
import { measureIn, yearData } from './history.js';
import { shownFigures, withinRegion } from './shown.js';

/** Every Markdown field of a year file (an authority's or an agency's), with its path. */
export function markdownFields(year: { data: YearInput; hub?: AgencyHub }): { path: DataPath; text: string }[] {
  const { data, hub } = year;
  const out: { path: DataPath; text: string }[] = [];
  const add = (path: DataPath, text: string | undefined) => text && out.push({ path, text });
  for (const [key, text] of Object.entries(hub?.sections ?? {})) add(['sections', key], text);
  hub?.workstreams?.forEach((w, i) => add(['workstreams', i, 'text'], w.text));
  add(['for_partners'], hub?.for_partners);
  for (const [key, text] of Object.entries(data.narrative ?? {})) add(['narrative', key], text);
  for (const [key, entry] of Object.entries(data.scorecard ?? {})) add(['scorecard', key, 'commentary'], (entry as { commentary?: string } | undefined)?.commentary);
  data.progress?.forEach((p, i) => (add(['progress', i, 'recommendation'], p.recommendation), add(['progress', i, 'progress'], p.progress)));
  data.recommendations?.forEach((r, i) => add(['recommendations', i, 'action'], r.action));
  const c = data.covering_report;
  if (c) {
    for (const key of ['summary', 'scrutiny', 'background', 'detailed_report'] as const) add(['covering_report', key], c[key]);
    c.recommended_actions.forEach((a, i) => add(['covering_report', 'recommended_actions', i], a));
    for (const [key, implication] of Object.entries(c.implications)) add(['covering_report', 'implications', key, 'text'], implication?.text);
    add(['covering_report', 'key_decision', 'reason'], c.key_decision.reason);
    add(['covering_report', 'private', 'reason'], c.private.reason);
  }
  const s = data.statement_of_purpose;
  if (s) {
    for (const key of ['aims_and_objectives', 'staff', 'organisational_structure', 'quality_monitoring', 'adopter_procedures', 'adoption_support', 'complaints'] as const)
      add(['statement_of_purpose', key], s[key]);
    add(['statement_of_purpose', 'manager', 'qualifications'], s.manager.qualifications);
    add(['statement_of_purpose', 'manager', 'experience'], s.manager.experience);
  }
  return out;
}

/** A number as written: where, its value, and the precision and kind it was written with. */
interface Written {
  start: number;
  end: number;
  raw: string;
  value: number;
  decimals: number;
  scale: number;
  kind: 'number' | 'percent' | 'pounds' | 'word';
  /** Followed by a unit of time (days, weeks, months, years, hours). */
  duration: 'days' | 'months' | 'other' | null;
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)';
/** Words after which a number is a reference or an age, not a figure. */
const REFERENCE_BEFORE =
  /\b(?:standards?|regulations?|sections?|schedules?|paragraphs?|paras?|parts?|chapters?|appendix|appendices|levels?|stages?|pages?|versions?|articles?|rules?|steps?|phases?|tiers?|grades?|key stage|act|number|no\.|items?|figures?|tables?|annex|clauses?|aged?|ages|under|over|NMS|[A-Z]{2,6})\s*$/;
const REFERENCE_LIST_BEFORE = /\b(?:standards?|stages?|sections?|levels?|steps?|parts?)\s+\d+(?:\.\d+)?(?:\s*(?:,|and|or|to|&)\s*\d+(?:\.\d+)?)*\s*(?:,|and|or|to|&)\s*$/i;
const AGE_AFTER = /^\s*(?:years? old|year-old|-year-old|and (?:over|under)|\+|or (?:over|older|younger|under))/i;
const DURATION_AFTER = /^\s*(days?|weeks?|months?|years?|hours?|minutes?|sessions? a (?:week|month))\b/i;

/**
 * The text with everything that is not prose blanked out (tokens, literal numbers, link targets,
 * code, tags, dates, times, telephone numbers, list markers), keeping every offset; and the tokens.
 */
function prose(text: string): { text: string; tokens: { start: number; end: number; name: string; format: string }[] } {
  const tokens: { start: number; end: number; name: string; format: string }[] = [];
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  let out = text.replace(/\{\{=[^{}]*\}\}/g, blank);
  out = out.replace(/\{\{\s*([A-Za-z0-9_.]+)\s*(?:\|\s*([A-Za-z_]+)\s*)?\}\}/g, (token, name: string, format: string | undefined, at: number) => {
    tokens.push({ start: at, end: at + token.length, name, format: format ?? 'value' });
    return blank(token);
  });
  const patterns = [
    /\]\([^)]*\)/g, // link targets
    /`[^`]*`/g,
    /<[^>]+>/g,
    new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?(?:\\s|&nbsp;)+(?:of\\s+)?${MONTH}\\b(?:,?\\s+\\d{4})?`, 'gi'),
    new RegExp(`\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?\\b`, 'gi'),
    new RegExp(`\\b${MONTH}\\s+\\d{4}\\b`, 'gi'),
    /\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b/g,
    /\b\d{4}-\d{2}-\d{2}\b/g,
    /\b\d{4}\s*[/–-]\s*\d{2,4}\b/g, // fiscal years and spans
    /\b\d{2}-\d{2}\b/g,
    /\b\d{1,2}[:.]\d{2}\s?(?:am|pm)\b|\b\d{1,2}\s?(?:am|pm)\b/gi,
    /\b0\d{2,4}[\s-]?\d{3}[\s-]?\d{3,4}\b/g, // telephone numbers
    /^\s*\d+[.)]\s/gm, // list markers
    /^#+\s*\d+(?:\.\d+)*/gm, // heading numbers
  ];
  for (const pattern of patterns) out = out.replace(pattern, blank);
  return { text: out, tokens };
}

/** The numbers a stretch of prose writes, each as written, references and ages left out. */
function writtenNumbers(text: string): Written[] {
  const found: Written[] = [];
  const numeral = /(£\s?)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(\s?(?:%|per ?cent\b|percent\b))?(\s?(?:million|m|k|thousand)\b)?/gi;
  for (const m of text.matchAll(numeral)) {
    const start = m.index!;
    const end = start + m[0].length;
    const before = text.slice(Math.max(0, start - 40), start);
    const after = text.slice(end, end + 40);
    // Part of a word or code: A10, 2WD, 10am, 1st, E11.
    if (/[A-Za-z_]$/.test(text.slice(0, start)) || (/^[A-Za-z]/.test(text.slice(end)) && !m[5])) continue;
    if (/\d[.,]?$/.test(text.slice(0, start))) continue;
    const digits = m[2]!.replace(/,/g, '');
    const decimals = m[3]?.length ?? 0;
    const value = Number(`${digits}${m[3] ? `.${m[3]}` : ''}`);
    const pounds = Boolean(m[1]);
    const percent = Boolean(m[4]);
    // A year, on its own: 2018, the Act of 2002.
    if (!pounds && !percent && !m[5] && decimals === 0 && /^(19|20)\d{2}$/.test(digits)) continue;
    if (!pounds && (REFERENCE_BEFORE.test(before) || REFERENCE_LIST_BEFORE.test(before))) continue;
    if (AGE_AFTER.test(after)) continue;
    const unit = DURATION_AFTER.exec(after)?.[1]?.toLowerCase();
    const scaleWord = m[5]?.trim().toLowerCase();
    const scale = scaleWord === 'million' || scaleWord === 'm' ? 1e6 : scaleWord === 'k' || scaleWord === 'thousand' ? 1e3 : 1;
    found.push({
      start,
      end,
      raw: m[0].trim(),
      value,
      decimals,
      scale,
      kind: pounds ? 'pounds' : percent ? 'percent' : 'number',
      duration: unit ? (unit.startsWith('day') ? 'days' : unit.startsWith('month') ? 'months' : 'other') : null,
    });
  }
  const words = new RegExp(`\\b(${Object.keys(NUMBER_WORDS).join('|')})(?:[- ](one|two|three|four|five|six|seven|eight|nine))?\\b`, 'gi');
  for (const m of text.matchAll(words)) {
    const start = m.index!;
    const end = start + m[0].length;
    const before = text.slice(Math.max(0, start - 40), start);
    const after = text.slice(end, end + 40);
    // "one of", "no one", "one another", "one adopter": too common to be read as a count.
    if (m[1]!.toLowerCase() === 'one' && !m[2]) continue;
    if (REFERENCE_BEFORE.test(before) || AGE_AFTER.test(after) || DURATION_AFTER.test(after)) continue;
    const value = NUMBER_WORDS[m[1]!.toLowerCase()]! + (m[2] ? NUMBER_WORDS[m[2].toLowerCase()]! : 0);
    found.push({ start, end, raw: m[0], value, decimals: 0, scale: 1, kind: 'word', duration: null });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The words that name a measure in reports, so a number or a change word can be tied to it (a space matches any run of white space, line breaks included). */
function measurePhrases(agency: string | null): [string, RegExp][] {
  const agencyName = agency ? `|${agency.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}` : '';
  return PHRASES(agencyName).map(([id, pattern]) => [id, new RegExp(pattern.source.replace(/ /g, '\\s+'), pattern.flags)]);
}

const PHRASES = (agencyName: string): [string, RegExp][] => {
  return [
    ['adopter_timeliness.stage1_to_stage2', /between (?:(?:the )?end(?:ing)? of )?stage (?:1|one)(?: end(?:ing)?)?,? and (?:(?:the )?start(?:ing)? of )?stage (?:2|two)(?: start(?:ing)?)?|stage (?:1|one) end(?:ing)? (?:to|and) stage (?:2|two) start(?:ing)?|gap between (?:the )?stages/gi],
    ['adopter_timeliness.enquiry_to_stage1', /enquiry to (?:the start of )?stage (?:1|one)/gi],
    ['adopter_timeliness.approval_to_match', /approval to (?:a )?match/gi],
    ['adopter_timeliness.approval_to_placement', /approval to (?:a )?placement/gi],
    ['adopters.stage1_starts', /stage (?:1|one) starts?|start(?:ed|s)? stage (?:1|one)|registrations? of interest/gi],
    ['adopter_timeliness.stage1_length', /(?:length of |time in )?stage (?:1|one)(?! start| end)/gi],
    ['adopter_timeliness.stage2_length', /(?:length of |time in )?stage (?:2|two)(?! start)/gi],
    ['scorecard.bid_to_po', /\bBID to PO\b|best interests? decisions? (?:and|to) (?:the )?placement orders?/gi],
    ['scorecard.po_to_placed', /placement orders? (?:and|to) (?:the child )?(?:being )?placed/gi],
    ['scorecard.a10', /\bA\s?10\b/g],
    ['scorecard.a20', /\bA\s?20\b/g],
    ['scorecard.a1', /\bA\s?1\b(?![0-9])/g],
    ['scorecard.a2', /\bA\s?2\b(?![0-9])|placement orders? (?:being granted )?and (?:children )?(?:being )?match(?:ed|ing)?|court (?:judgement|authority) and (?:deciding on )?a match/gi],
    ['scorecard.a3', /\bA\s?3\b(?![0-9])|within 14 months|within 426 days/gi],
    ['scorecard.a5', /\bA\s?5\b(?![0-9])/g],
    ['placements.within_region', new RegExp(`(?:placed|placements?) within (?:the )?(?:region|RAA|regional adoption agency${agencyName})(?: region)?|within (?:the )?(?:region|RAA|regional adoption agency${agencyName})`, 'gi')],
    ['children.bid_at_year_end', /best interests? decisions? (?:of adoption )?(?:at|on) (?:the )?(?:31(?:st)? March|year end|end of (?:the )?year)/gi],
    ['children.best_interest_decisions', /best interests? decisions?|\bBIDs?\b/gi],
    ['children.placement_orders', /placement orders?(?! (?:and|to))|\bPOs?\b/gi],
    ['children.adoption_orders', /adoption orders?|\bAOs?\b/gi],
    ['children.waiting', /children (?:were |are )?waiting|waiting (?:for|to be placed with) (?:an? )?adoptive famil(?:y|ies)|not yet (?:been )?placed/gi],
    ['children.placed', /children (?:have been |had been |were |was |being )?placed(?! within)|placed with (?:their )?(?:adoptive famil(?:y|ies)|adopters)|children (?:have |had )?moved in/gi],
    ['children.disruptions', /disruptions?/gi],
    ['children.inter_agency_placements', /inter-?agency placements?/gi],
    ['adopters.initial_visits', /initial visits?/gi],
    ['adopters.in_assessment', /(?:households? )?in assessment/gi],
    ['adopters.approvals', /(?:adopter |adoptive )?households? (?:were |was |have been |had been )?approved|approvals? of adopters|adopter approvals?|approved (?:adopter )?households?/gi],
    ['panel.meetings', /panel (?:has )?met|panel meetings?|occasions/gi],
    ['panel.cases', /\bcases\b/gi],
    ['panel.matches', /\bmatches\b/gi],
    ['panel.negative_recommendations', /negative recommendations?/gi],
    ['support_fund.drawdown', /drawn down|draw ?down|support fund|\bASG?S?F\b/gi],
    ['support_fund.families', /famil(?:y|ies) (?:were |have been |was )?(?:supported|helped)|support(?:ed)? (?:to|for) (?:\w+ )?famil(?:y|ies)/gi],
    ['complaints.received', /complaints?/gi],
    ['birth_records.referrals', /referrals?/gi],
    ['placements_by_provision.in_house', /in-house|(?:our|its) own adopters/gi],
    ['placements_by_provision.voluntary_agency', /voluntary adoption agenc(?:y|ies)|\bVAAs?\b/gi],
  ];
};

interface Mention {
  start: number;
  end: number;
  ids: string[];
}

/**
 * Words that say which way a figure moved: nouns after an article or an adjective ("an increase",
 * "a slight reduction"), past and continuing forms ("rose", "has fallen", "reducing from"),
 * comparatives with their year ("7 more than last year"). A bare verb ("Increase the number of
 * adopters", in a recommendation) says what to do, not what happened, and is not read.
 */
const DETERMINER = '(?:an?|the|this|that|its|slight|small|significant|further|large|sharp|notable|overall|marked|big|steady|continued)\\s+(?:\\w+\\s+)?';
const YEAR_BEFORE = '(?:last year|the previous (?:fiscal |financial )?year|the year before)';
const NOT_AN_AVERAGE = '(?!\\s+than\\s+(?:the\\s+)?(?:England|national|regional|average|statistical|our statistical))';
const CHANGE_WORDS: [Movement, RegExp][] = [
  ['no change', /\b(?:(?:remain(?:s|ed)?|is|was|stayed|stays) (?:the same|unchanged|stable|static|level)|the same as (?:last year|the previous (?:fiscal |financial )?year|the year before)|no change)\b/gi],
  [
    'increase',
    new RegExp(`\\b(?:${DETERMINER}(?:increase|rise|growth|upturn)|increased|rose|risen|grew|grown|gone up|went up|increasing|rising|up from|(?:more|higher)(?=[^.]{0,40}\\bthan ${YEAR_BEFORE})|higher${NOT_AN_AVERAGE})\\b`, 'gi'),
  ],
  [
    'decrease',
    new RegExp(`\\b(?:${DETERMINER}(?:decrease|reduction|fall|drop|decline|downturn)|decreased|reduced|fell|fallen|dropped|declined|gone down|went down|decreasing|reducing|falling|down from|(?:fewer|less|lower)(?=[^.]{0,40}\\bthan ${YEAR_BEFORE})|lower${NOT_AN_AVERAGE})\\b`, 'gi'),
  ],
];

const wordsBetween = (text: string, from: number, to: number) => (from >= to ? 0 : text.slice(from, to).split(/\s+/).filter((w) => /\w/.test(w)).length);

interface FigureValue {
  id: string;
  measure: Measure;
  /** Which year's figure this is, or a part's share of its total. */
  as: 'current' | 'previous' | 'share';
  value: number;
  unit: Unit;
  hidden: boolean;
}

/** Does a number as written show this value (rounded to the precision it was written with)? */
function shows(w: Written, f: FigureValue): boolean {
  if (w.kind === 'percent') return f.unit === 'percent' && roundTo(f.value, w.decimals) === w.value;
  if (f.unit === 'percent') return false;
  if (w.kind === 'pounds' && f.unit !== 'gbp') return false;
  if (w.duration && w.duration !== f.unit && !(w.duration === 'other' && f.unit === 'count')) return false;
  const value = w.value * w.scale;
  if (f.unit === 'count') return w.scale === 1 && w.decimals === 0 && value === f.value;
  if (w.scale > 1) return roundTo(f.value / w.scale, w.decimals) === w.value;
  // A mean or an amount written as a whole number: only when it is large enough not to be a coincidence.
  if (w.decimals === 0 && !Number.isInteger(f.value) && f.value < 100 && w.duration === null) return false;
  return roundTo(f.value, w.decimals) === value;
}

/** Whether a number as written could be a figure in this unit at all (a count is not money, nor a mean in days). */
function couldShow(w: Written, unit: Unit): boolean {
  if ((w.kind === 'percent') !== (unit === 'percent')) return false;
  if (unit === 'percent') return true;
  if (unit === 'gbp') return w.kind === 'pounds' || w.scale > 1;
  if (w.kind === 'pounds') return false;
  if (unit === 'count') return w.decimals === 0 && w.scale === 1 && (w.duration === null || w.duration === 'other');
  return w.decimals > 0 || w.duration === unit;
}

/** Every figure a number in the narrative could be showing, with whether a public document hides it. */
function figureValues(dataset: Dataset): FigureValue[] {
  const policy = { audience: 'public', threshold: dataset.authority.disclosureThreshold } as const;
  const current = dataset.current;
  const previousYear = previousFiscalYear(current.year);
  const before = yearData(dataset, previousYear);
  const out: FigureValue[] = [];
  const ids = new Set([...current.figures.keys(), ...(before?.figures.keys() ?? [])]);
  for (const id of ids) {
    const m = measureIn(dataset, id);
    if (!m) continue;
    const [prev, now] = shownFigures(dataset, [m], [previousYear, current.year], policy)[0]!;
    if (now?.value !== undefined) out.push({ id, measure: m, as: 'current', value: now.value, unit: m.unit, hidden: now.suppressed });
    if (prev?.value !== undefined) out.push({ id, measure: m, as: 'previous', value: prev.value, unit: m.unit, hidden: prev.suppressed });
  }
  for (const b of yearBreakdowns(current.figures)) {
    const total = current.figures.get(b.total)?.value;
    if (!total) continue;
    for (const id of b.parts) {
      const part = current.figures.get(id)?.value;
      const m = measureIn(dataset, id);
      if (part !== undefined && m) out.push({ id, measure: m, as: 'share', value: (100 * part) / total, unit: 'percent', hidden: false });
    }
  }
  const share = withinRegion(dataset, policy);
  if (share) {
    const m: Measure = {
      id: 'placements.within_region',
      label: 'Share of the children placed who were placed within the regional adoption agency',
      shortLabel: 'Placed within the region',
      unit: 'percent',
      direction: 'neutral',
      definition: '',
    };
    out.push({ id: m.id, measure: m, as: 'current', value: (100 * share.count) / share.total, unit: 'percent', hidden: share.suppressed });
  }
  return out;
}

const tokenFor = (f: FigureValue) =>
  f.id === 'placements.within_region' ? `{{${f.id}}}` : `{{${f.id}${f.as === 'previous' ? ' | previous' : f.as === 'share' ? ' | share' : ''}}}`;

/** Where in the source file a stretch of a field's value is: the nth time its text is there, counted from the field's start. */
function positionIn(source: SourceFile, path: DataPath, text: string, at: number, raw: string) {
  const located = locate(source, path);
  const start = located.node?.range?.[0];
  if (start === undefined || !located.found) return located.position;
  // Line breaks inside the words are a break and an indent in the file.
  const escaped = raw.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  const pattern = new RegExp(`(?<![\\w£.,])${escaped}(?![\\w])`, 'g');
  const nth = [...text.slice(0, at).matchAll(pattern)].length;
  const hits = [...source.text.slice(start).matchAll(pattern)];
  const hit = hits[nth];
  if (!hit) return located.position;
  const offset = start + hit.index!;
  const before = source.text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

export interface NarrativeCheckOptions {
  strict: boolean;
  /** Public documents will be built: numbers that show hidden figures are errors. */
  publicAudience: boolean;
}

/** Every problem with the numbers the current year's narrative types. */
export function checkNarrativeNumbers(dataset: Dataset, options: NarrativeCheckOptions): Problem[] {
  const problems: Problem[] = [];
  const source = dataset.current.source;
  const values = figureValues(dataset);
  const previousLabel = previousFiscalYear(dataset.current.year).label;
  const phrases = measurePhrases(dataset.authority.regionalAgency);
  const suggestion: Severity = options.strict ? 'error' : 'warning';
  const fmt = (f: { measure: Measure }, v: number) => formatValue(f.measure.unit, v);
  const currentOf = (id: string) => values.find((v) => v.id === id && v.as === 'current');
  const previousOf = (id: string) => values.find((v) => v.id === id && v.as === 'previous');

  for (const field of markdownFields(dataset.current)) {
    const { text: clean, tokens } = prose(field.text);
    const report = (at: number, raw: string, message: string, severity: Severity) =>
      problems.push(problemAt(source, positionIn(source, field.path, field.text, at, raw), message, { dataPath: field.path, severity }));
    const numbers = writtenNumbers(clean);
    const mentions: Mention[] = [];
    const taken: [number, number][] = [];
    for (const [id, pattern] of phrases) {
      for (const m of clean.matchAll(pattern)) {
        const [start, end] = [m.index!, m.index! + m[0].length];
        if (taken.some(([s, e]) => start < e && end > s)) continue;
        taken.push([start, end]);
        mentions.push({ start, end, ids: [id] });
      }
    }
    for (const t of tokens) if (t.format === 'value' || t.format === 'number' || t.format === 'previous') mentions.push({ start: t.start, end: t.end, ids: [t.name] });
    const sentences = sentenceSpans(clean);
    const sentenceOf = (at: number) => sentences.find(([s, e]) => at >= s && at < e) ?? [0, clean.length];
    /** The measure words a number stands beside: just after it (within four words, six for a percentage) or just before it. */
    const attachedTo = (w: Written): Mention | undefined => {
      const [s, e] = sentenceOf(w.start);
      const after = mentions.filter((m) => m.start >= w.end && m.start < e && wordsBetween(clean, w.end, m.start) <= (w.kind === 'percent' ? 6 : 4));
      const before = mentions.filter((m) => m.end <= w.start && m.end > s && wordsBetween(clean, m.end, w.start) <= 3);
      return after.sort((a, b) => a.start - b.start)[0] ?? before.sort((a, b) => b.end - a.end)[0];
    };

    const matched = new Map<Written, FigureValue[]>();
    for (const w of numbers) {
      const matches = values.filter((f) => shows(w, f));
      matched.set(w, matches);
      // An amount of change ("an increase of 8 stage 1 starts") is checked with its change word, below.
      if (/\b(?:increase|decrease|reduction|rise|fall|drop|decline|change|up|down|rose|fell)\s+(?:of|by)\s+(?:£\s?)?$|\b(?:decrease|increase|reduction|change) (?:is|was)\s+(?:£\s?)?$/i.test(clean.slice(Math.max(0, w.start - 30), w.start))) continue;
      const attached = attachedTo(w);
      const small = w.kind === 'word' || (w.decimals === 0 && w.scale === 1 && w.value <= 10);
      const tiedTo = (f: FigureValue) => attached?.ids.includes(f.id) === true;
      // A figure a public document hides, shown by a number: when the number could only be that figure.
      if (options.publicAudience) {
        const hidden = matches.find((f) => f.hidden && (tiedTo(f) || (!small && (w.value >= 10 || w.decimals > 0))));
        if (hidden) {
          report(w.start, w.raw, messages.showsHidden(w.raw, hidden.measure.label, tokenFor(hidden)), 'error');
          continue;
        }
      }
      const relevant = small ? matches.filter(tiedTo) : matches;
      if (relevant.length > 0) {
        if (w.kind !== 'word') report(w.start, w.raw, messages.typedFigure(w.raw, [...new Set(relevant.map(tokenFor))]), suggestion);
        continue;
      }
      if (matches.length > 0 || !attached) continue;
      // Beside a measure's words, and none of the figures.
      const id = attached.ids[0]!;
      const now = currentOf(id);
      if (!now || !couldShow(w, now.unit)) continue;
      const prev = previousOf(id);
      report(
        w.start,
        w.raw,
        messages.besideMeasure(w.raw, clean.slice(attached.start, attached.end).replace(/\s+/g, " "), now.measure.label, fmt(now, now.value), dataset.current.year.label, prev ? `${fmt(prev, prev.value)} in ${previousLabel}` : null, tokenFor(now)),
        suggestion,
      );
    }

    // Numbers given as last year's: "from 503.63 days during 2023/24", "compared to 14 the previous year", "up from 505".
    for (const w of numbers) {
      const before = clean.slice(Math.max(0, w.start - 20), w.start);
      const after = clean.slice(w.end, w.end + 45);
      const previousWords = new RegExp(`^\\s*(?:days|months|children|households)?\\s*(?:in|during|for)?\\s*(?:the )?(?:previous (?:fiscal |financial )?year|year before|last year|${previousLabel.replace('/', '[/-]')}|${previousLabel.replace('/', '[/-]20')})`, 'i');
      if (!(/\b(?:from|compared (?:to|with)|against)\s+(?:£\s?)?$/i.test(before) && (previousWords.test(after) || /\bfrom\s+(?:£\s?)?$/i.test(before)))) continue;
      if (!/\b(?:from)\s+(?:£\s?)?$/i.test(before) && !previousWords.test(after)) continue;
      const [s, e] = sentenceOf(w.start);
      // What it is last year's figure of: after it in "from X to Y", else the nearest figure of this year before it ("Y (down from X)"), else after.
      const to = numbers.find((x) => x.start > w.end && x.start < e && /^\s*(?:\w+\s+){0,6}to\s+(?:£\s?)?$/.test(clean.slice(w.end, x.start)));
      const candidates = numbers
        .filter((x) => x !== w && x.start >= s && x.start < e && (!to || x === to))
        .flatMap((x) => (matched.get(x) ?? []).filter((f) => f.as === 'current').map((f) => ({ start: x.start, id: f.id })))
        .concat(to ? [] : mentions.filter((m) => m.start >= s && m.start < e).flatMap((m) => m.ids.map((id) => ({ start: m.start, id }))))
        .filter((x) => previousOf(x.id));
      const distance = (x: { start: number }) => (x.start < w.start ? w.start - x.start : 100_000 + x.start - w.start);
      const subjects = candidates.map((x) => ({ at: distance(x), id: x.id })).sort((a, b) => a.at - b.at);
      if (subjects.length === 0) continue;
      const nearest = subjects.filter((x) => x.at === subjects[0]!.at).map((x) => x.id);
      if (nearest.some((id) => shows(w, previousOf(id)!))) continue;
      const prev = previousOf(nearest[0]!)!;
      if (w.kind === 'percent' ? prev.unit !== 'percent' : prev.unit === 'percent') continue;
      report(w.start, w.raw, messages.notLastYears(w.raw, prev.measure.label, previousLabel, fmt(prev, prev.value), tokenFor(prev)), 'error');
    }

    // Change words, against the change computed from this year's and last year's figures.
    for (const [movement, pattern] of CHANGE_WORDS) {
      for (const m of clean.matchAll(pattern)) {
        const at = m.index!;
        const [s, e] = sentenceOf(at);
        const end = at + m[0].length;
        // "an increase of 6", "the decrease is 64.8 days", "fell by 3", "7 more than last year": the amount said.
        const amount =
          numbers.find((w) => w.start >= end && w.start < e && /^\s*(?:(?:of|by|is|was)\s+(?:£\s?)?|to\s+be\s+)$/i.test(clean.slice(end, w.start))) ??
          numbers.find((w) => w.end <= at && w.start >= s && /^\s*$/.test(clean.slice(w.end, at)) && /^(?:more|fewer|less)/i.test(m[0]));
        const subjectAfterAmount = amount ? mentions.find((x) => x.start >= amount.end && wordsBetween(clean, amount.end, x.start) <= 2 && x.start < e) : undefined;
        const candidates = (subjectAfterAmount ? [subjectAfterAmount] : nearestMentions(clean, mentions, numbers, matched, at, end, s, e))
          .flatMap((x) => x.ids)
          .filter((id) => currentOf(id) && previousOf(id));
        if (candidates.length === 0) continue;
        const changes = [...new Set(candidates)].map((id) => ({ id, now: currentOf(id)!, prev: previousOf(id)! }));
        const verdicts = changes.map((c) => ({ ...c, change: yearOnYearChange(c.now.measure, c.prev.value, c.now.value) }));
        const hidden = verdicts.find((v) => v.now.hidden || v.prev.hidden);
        if (options.publicAudience && amount && hidden && verdicts.length === 1) {
          report(amount.start, amount.raw, messages.changeOfHidden(amount.raw, hidden.now.measure.label, `{{${hidden.id} | change}}`), 'error');
          continue;
        }
        const agreeing = verdicts.filter((v) => v.change.movement === movement);
        if (agreeing.length === 0) {
          const v = verdicts[0]!;
          report(
            at,
            m[0],
            messages.wrongDirection(m[0].replace(/\s+/g, ' '), v.now.measure.label, fmt(v.prev, v.prev.value), previousLabel, fmt(v.now, v.now.value), dataset.current.year.label, v.change.wording, `{{${v.id} | change}}`),
            'error',
          );
          continue;
        }
        if (!amount || movement === 'no change') continue;
        const right = agreeing.find((v) => roundTo(Math.abs(v.change.delta), amount.decimals) === amount.value * amount.scale || amount.kind === 'percent');
        if (!right) {
          const v = agreeing[0]!;
          report(amount.start, amount.raw, messages.wrongAmount(amount.raw, v.now.measure.label, v.change.wording, `{{${v.id} | change}}`), 'error');
        }
      }
    }
  }
  return problems;
}

/** The figures a change word describes: the nearest mention (a token, a number that is a figure, a measure's words) before it in its sentence, else after it. */
function nearestMentions(
  text: string,
  mentions: readonly Mention[],
  numbers: readonly Written[],
  matched: ReadonlyMap<Written, FigureValue[]>,
  at: number,
  end: number,
  s: number,
  e: number,
): Mention[] {
  // A number names a figure only when it could hardly be another: with decimals, in pounds, or 100 or more.
  const distinctive = (w: Written) => w.decimals > 0 || w.kind === 'pounds' || w.kind === 'percent' || w.value * w.scale >= 100;
  const all: Mention[] = [
    ...mentions,
    ...numbers
      .filter(distinctive)
      .flatMap((w) => ((ids) => (ids.length ? [{ start: w.start, end: w.end, ids }] : []))([...new Set((matched.get(w) ?? []).filter((f) => f.as !== 'share').map((f) => f.id))])),
  ].filter((x) => x.start >= s && x.end <= e);
  const before = all.filter((x) => x.end <= at && wordsBetween(text, x.end, at) <= 15).sort((a, b) => b.end - a.end);
  const after = all.filter((x) => x.start >= end && wordsBetween(text, end, x.start) <= 15).sort((a, b) => a.start - b.start);
  const nearest = before[0] ?? after[0];
  return nearest ? all.filter((x) => x.start === nearest.start) : [];
}

/** Sentences, by their offsets: split at a full stop, question or exclamation mark before a capital, and at a blank line or list item. */
function sentenceSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let start = 0;
  for (const m of text.matchAll(/[.!?](?=\s+[A-Z0-9£"“(])|\n\s*\n|\n\s*[-*+]\s/g)) {
    const end = m.index! + 1;
    spans.push([start, end]);
    start = end;
  }
  spans.push([start, text.length]);
  return spans;
}
