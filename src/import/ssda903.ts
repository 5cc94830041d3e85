/**
 * The SSDA903 return (children looked after) as child records: its CSV tables recognised by their
 * header rows, checked, and each child on the adoption pathway in the year turned into one
 * pseudonymised record, derived as the DfE derives the adoption scorecard (../shared/DOMAIN.md,
 * "The SSDA903 return"; the DfE's 903 guidance; the open-source 903 validator's rules, named in
 * messages where one matches). Pure: text in, records and located problems out.
 *
 * What is kept is only what the measures need: a keyed hash of the child ID, month of birth, sex,
 * ethnicity, and the dates of the journey. No UPN, postcode, URN or full date of birth leaves here.
 */
import { createHmac } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { Problem } from '../errors.js';
import type { FiscalYear } from '../domain/fiscal-year.js';
import type { ChildRecord } from '../metrics/records.js';
import { ssda903 as messages } from '../messages.js';

export type TableKind = 'Header' | 'Episodes' | 'AD1' | 'PlacedAdoption';

/** The columns each table must have, and the column that tells it apart from the others. */
export const TABLES: Record<TableKind, { required: readonly string[]; signature: (columns: Set<string>) => boolean }> = {
  Episodes: { required: ['CHILD', 'DECOM', 'RNE', 'LS', 'PLACE', 'DEC', 'REC'], signature: (c) => c.has('DECOM') || c.has('RNE') },
  AD1: { required: ['CHILD', 'DATE_INT', 'DATE_MATCH', 'FOSTER_CARE'], signature: (c) => c.has('DATE_INT') || c.has('DATE_MATCH') || c.has('FOSTER_CARE') },
  PlacedAdoption: { required: ['CHILD', 'DATE_PLACED', 'DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'], signature: (c) => c.has('DATE_PLACED') },
  Header: { required: ['CHILD', 'SEX', 'DOB', 'ETHNIC'], signature: (c) => c.has('ETHNIC') || (c.has('SEX') && c.has('DOB')) },
};

/** Episode codes (the DfE's 903 guidance; the validator's rules 146 and 149 for PLACE and REC). */
const RNE = ['S', 'P', 'L', 'T', 'U', 'B'];
const LS = ['C1', 'C2', 'D1', 'E1', 'J1', 'J2', 'J3', 'L1', 'L2', 'L3', 'V2', 'V3', 'V4'];
const PLACE = ['A3', 'A4', 'A5', 'A6', 'H5', 'K1', 'K2', 'P1', 'P2', 'P3', 'R1', 'R2', 'R3', 'R5', 'S1', 'T0', 'T1', 'T2', 'T3', 'T4', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'Z1'];
const REC = ['E11', 'E12', 'E13', 'E14', 'E15', 'E16', 'E17', 'E2', 'E3', 'E41', 'E45', 'E46', 'E47', 'E48', 'E4A', 'E4B', 'E5', 'E6', 'E7', 'E8', 'E9', 'X1'];
const PLACED_FOR_ADOPTION = ['A3', 'A4', 'A5', 'A6'];
const ADOPTED = ['E11', 'E12'];
/** Episodes that keep the carer: a change of legal status, of placement status, or both (L, T, U). */
const SAME_CARER = ['L', 'T', 'U'];
const PROVIDERS: Record<string, ChildRecord['provision'] | undefined> = { PR0: undefined, PR1: 'in_house', PR2: 'other_local_authority', PR3: undefined, PR4: 'voluntary_agency', PR5: 'voluntary_agency' };

/** The Header's ethnic codes, in the census words the documents group (metrics' ethnicGroup). */
export const ETHNICITIES: Record<string, string> = {
  WBRI: 'White British',
  WIRI: 'White Irish',
  WOTH: 'Any other White background',
  WIRT: 'Traveller of Irish heritage',
  WROM: 'Gypsy/Roma',
  MWBC: 'White and Black Caribbean',
  MWBA: 'White and Black African',
  MWAS: 'White and Asian',
  MOTH: 'Any other mixed background',
  AIND: 'Indian',
  APKN: 'Pakistani',
  ABAN: 'Bangladeshi',
  AOTH: 'Any other Asian background',
  BCRB: 'Caribbean',
  BAFR: 'African',
  BOTH: 'Any other Black background',
  CHNE: 'Chinese',
  OOTH: 'Any other ethnic group',
  REFU: 'Refused',
  NOBT: 'Information not yet obtained',
};
const SEXES: Record<string, ChildRecord['sex'] | undefined> = { '1': 'male', '2': 'female', M: 'male', F: 'female', U: undefined };

export interface ReturnFile {
  /** As messages show it. */
  path: string;
  text: string;
}

interface Row {
  file: string;
  /** The row's line in its file (the header is line 1). */
  line: number;
  columns: readonly string[];
  cells: Record<string, string>;
}

export type Tables = Record<TableKind, Row[]>;

/** Reads each file as CSV and sorts it by its header row into the tables the measures need; other 903 tables are left out, with a warning. */
export function readTables(files: readonly ReturnFile[]): { tables: Tables; problems: Problem[] } {
  const tables: Tables = { Header: [], Episodes: [], AD1: [], PlacedAdoption: [] };
  const problems: Problem[] = [];
  for (const file of files) {
    let parsed: { record: string[]; info: { lines: number } }[];
    try {
      parsed = parse(file.text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, info: true }) as never;
    } catch (error) {
      problems.push({ severity: 'error', file: file.path, message: messages.notCsv((error as Error).message) });
      continue;
    }
    const header = parsed[0]?.record.map((c) => c.toUpperCase());
    if (!header) {
      problems.push({ severity: 'warning', file: file.path, message: messages.emptyFile() });
      continue;
    }
    const columns = new Set(header);
    const kind = (Object.keys(TABLES) as TableKind[]).find((k) => TABLES[k].signature(columns));
    if (!kind) {
      problems.push({ severity: 'warning', file: file.path, message: messages.otherTable(header.slice(0, 6).join(', ')) });
      continue;
    }
    const missing = TABLES[kind].required.filter((c) => !columns.has(c));
    if (missing.length > 0) {
      problems.push({ severity: 'error', file: file.path, position: { line: 1, column: 1 }, message: messages.missingColumns(kind, missing) });
      continue;
    }
    for (const { record, info } of parsed.slice(1)) {
      const cells: Record<string, string> = {};
      header.forEach((column, i) => (cells[column] = record[i] ?? ''));
      tables[kind].push({ file: file.path, line: info.lines, columns: header, cells });
    }
  }
  for (const kind of ['Header', 'Episodes'] as const)
    if (tables[kind].length === 0 && !problems.some((p) => p.severity === 'error')) problems.push({ severity: 'error', file: files[0]?.path ?? '', message: messages.tableMissing(kind) });
  return { tables, problems };
}

interface Episode {
  row: Row;
  decom: string;
  dec: string | undefined;
  rne: string;
  ls: string;
  place: string;
  rec: string | undefined;
  provider: string | undefined;
}

export interface Imported {
  records: ChildRecord[];
  problems: Problem[];
  /** Children in the Header, whether or not on the adoption pathway. */
  childrenRead: number;
}

/**
 * The child records of the year: every child on the adoption pathway in it (adopted in the year;
 * placed for adoption, or with a placement order or a decision to place, at any time in it),
 * from the latest period of care. `key` makes each reference (a keyed hash of the child ID).
 */
export function childRecordsFrom(tables: Tables, year: FiscalYear, key: string): Imported {
  const problems: Problem[] = [];
  const at = (row: Row, column: string, message: string, severity: Problem['severity'] = 'error') =>
    problems.push({
      severity,
      file: row.file,
      position: { line: row.line, column: Math.max(1, row.columns.indexOf(column) + 1) },
      dataPath: `CHILD ${row.cells.CHILD}  ${column}`,
      message,
    });
  const date = (row: Row, column: string, required: boolean): string | undefined => {
    const text = row.cells[column] ?? '';
    if (text === '') {
      if (required) at(row, column, messages.dateMissing());
      return undefined;
    }
    const iso = isoDate(text);
    if (!iso) at(row, column, messages.notADate(text));
    return iso;
  };
  const code = (row: Row, column: string, allowed: readonly string[], optional = false, rule?: string): string | undefined => {
    const text = (row.cells[column] ?? '').toUpperCase();
    if (text === '' && optional) return undefined;
    if (!allowed.includes(text)) {
      at(row, column, messages.unknownCode(text, allowed, rule));
      return undefined;
    }
    return text;
  };

  // The Header: one row a child.
  const children = new Map<string, { birth: string | undefined; sex: ChildRecord['sex'] | undefined; ethnicity: string | undefined }>();
  for (const row of tables.Header) {
    const id = row.cells.CHILD!;
    if (id === '') {
      at(row, 'CHILD', messages.noChildId());
      continue;
    }
    const sex = code(row, 'SEX', Object.keys(SEXES));
    const ethnic = code(row, 'ETHNIC', Object.keys(ETHNICITIES));
    children.set(id, { birth: date(row, 'DOB', true), sex: sex === undefined ? undefined : SEXES[sex], ethnicity: ethnic && ETHNICITIES[ethnic] });
  }

  // Episodes, a child's in date order.
  const episodes = new Map<string, Episode[]>();
  for (const row of tables.Episodes) {
    const decom = date(row, 'DECOM', true);
    const dec = date(row, 'DEC', false);
    const rne = code(row, 'RNE', RNE);
    const ls = code(row, 'LS', LS);
    const place = code(row, 'PLACE', PLACE, false, '146');
    const rec = code(row, 'REC', REC, true, '149');
    if (!decom || !rne || !ls || !place) continue;
    if (dec && dec < decom) at(row, 'DEC', messages.endsBeforeStart(dec, decom));
    if (rec && !dec) at(row, 'DEC', messages.reasonWithoutEnd(rec));
    // Rule 390: an adoption ends a placement for adoption.
    if (rec && ADOPTED.includes(rec) && !PLACED_FOR_ADOPTION.includes(place)) at(row, 'REC', messages.adoptedNotPlaced(rec, place));
    const list = episodes.get(row.cells.CHILD!) ?? [];
    list.push({ row, decom, dec, rne, ls, place, rec, provider: row.cells.PLACE_PROVIDER?.toUpperCase() || undefined });
    episodes.set(row.cells.CHILD!, list);
  }
  for (const [id, list] of episodes) {
    list.sort((a, b) => a.decom.localeCompare(b.decom));
    if (!children.has(id)) at(list[0]!.row, 'CHILD', messages.notInHeader());
    list.forEach((e, i) => {
      const next = list[i + 1];
      if (!next) return;
      if (!e.dec) at(e.row, 'DEC', messages.openNotLast(next.decom));
      else if (next.decom < e.dec) at(next.row, 'DECOM', messages.overlaps(next.decom, e.dec));
      // Inside a period of care (an episode ending X1), the next begins the day this one ends.
      else if (e.rec === 'X1' && next.decom !== e.dec) at(next.row, 'DECOM', messages.gapInCare(e.dec, next.decom));
    });
  }

  // AD1 and PlacedAdoption, by child.
  const ad1 = new Map<string, { row: Row; decision: string | undefined; match: string | undefined; fosterCarer: boolean }>();
  for (const row of tables.AD1) {
    const foster = code(row, 'FOSTER_CARE', ['0', '1']);
    ad1.set(row.cells.CHILD!, { row, decision: date(row, 'DATE_INT', true), match: date(row, 'DATE_MATCH', true), fosterCarer: foster === '1' });
  }
  const decisions = new Map<string, { row: Row; placed: string; ceased: string | undefined }[]>();
  for (const row of tables.PlacedAdoption) {
    const placed = date(row, 'DATE_PLACED', true);
    const ceased = date(row, 'DATE_PLACED_CEASED', false);
    code(row, 'REASON_PLACED_CEASED', ['RD1', 'RD2', 'RD3', 'RD4'], true);
    if (!placed) continue;
    const list = decisions.get(row.cells.CHILD!) ?? [];
    list.push({ row, placed, ceased });
    decisions.set(row.cells.CHILD!, list);
  }

  const inYear = (d: string | undefined): d is string => d !== undefined && d >= year.start && d <= year.end;
  const records: ChildRecord[] = [];
  for (const [id, list] of episodes) {
    const period = latestPeriodOfCare(list);
    const adoption = period.find((e) => e.rec && ADOPTED.includes(e.rec));
    // An adoption after the year's end is next year's: this year the child is still placed.
    const adopted = adoption?.dec !== undefined && adoption.dec <= year.end ? adoption.dec : undefined;
    const decisionRows = (decisions.get(id) ?? []).filter((d) => d.placed <= year.end).sort((a, b) => a.placed.localeCompare(b.placed));
    const decision = decisionRows.at(-1);
    const orderEpisode = period.find((e) => e.ls === 'E1' || e.ls === 'D1');
    const adoptionRecord = ad1.get(id);
    // The adoption pathway in the year: adopted in it, or placed, ordered or decided at some time in it.
    const open = (e: Episode) => e.decom <= year.end && (e.dec === undefined || e.dec >= year.start);
    const onPathway =
      inYear(adopted) ||
      (adopted === undefined && (period.some((e) => open(e) && (PLACED_FOR_ADOPTION.includes(e.place) || e.ls === 'E1' || e.ls === 'D1')) || (decision && (decision.ceased === undefined || decision.ceased >= year.start))));
    if (adoptionRecord && !inYear(adopted)) at(adoptionRecord.row, 'CHILD', messages.ad1NotAdopted(year.label));
    if (!onPathway || (adopted !== undefined && adopted < year.start)) continue;
    // A placement order with no decision to place for adoption behind it.
    if (orderEpisode && decisionRows.length === 0 && !adoptionRecord?.decision) at(orderEpisode.row, 'LS', messages.orderWithoutDecision());

    const run = placementRun(period, adoption);
    const child = children.get(id);
    const record: ChildRecord = {
      ref: pseudonym(id, key),
      birth_month: child?.birth?.slice(0, 7) ?? '',
      ethnicity: child?.ethnicity ?? 'Information not yet obtained',
      entered_care: period[0]!.decom,
      status: 'waiting',
    } as ChildRecord;
    if (child?.sex) record.sex = child.sex;
    const bid = adoptionRecord?.decision ?? decision?.placed;
    if (bid) record.best_interest_decision = bid;
    if (orderEpisode) record.placement_order = orderEpisode.decom;
    if (adoptionRecord?.match) record.matched = adoptionRecord.match;
    if (run) {
      record.placed = run[0]!.decom;
      const provision = run[0]!.provider ? PROVIDERS[run[0]!.provider] : undefined;
      if (provision) record.provision = provision;
    }
    if (adopted) record.adoption_order = adopted;
    // A10: adopted by the foster carers they were placed with, from when that carer's placement began.
    if (adoptionRecord?.fosterCarer) {
      const last = adoption ?? run?.at(-1);
      if (!last || !['A3', 'A5'].includes(last.place)) at(adoptionRecord.row, 'FOSTER_CARE', messages.fosterCarerNotA3A5(last?.place ?? 'none'));
      else if (run) {
        record.foster_carer_adoption = true;
        record.foster_placement_start = carerStart(period, run[0]!);
      }
    }
    record.siblings_recorded = false;
    record.status = statusOf(period, run, adopted, decision, year);
    records.push(record);
  }
  records.sort((a, b) => a.ref.localeCompare(b.ref));
  return { records, problems, childrenRead: children.size };
}

/** dd/mm/yyyy (or yyyy-mm-dd) as yyyy-mm-dd, or undefined when it is not a real date. */
export function isoDate(text: string): string | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [d, mo, y] = text.includes('/') ? [m[1]!, m[2]!, m[3]!] : [m[3]!, m[2]!, m[1]!];
  const iso = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

/** A reference no one can trace back to the child ID without the council's key. */
export function pseudonym(childId: string, key: string): string {
  return `C${createHmac('sha256', key).update(childId).digest('hex').slice(0, 12)}`;
}

/** The episodes of the latest period of care: from the last episode that starts one (RNE S, or after an episode that left care) to the end. */
function latestPeriodOfCare(episodes: readonly Episode[]): Episode[] {
  let start = 0;
  episodes.forEach((e, i) => {
    const before = episodes[i - 1];
    if (i > 0 && (e.rne === 'S' || (before?.rec !== undefined && before.rec !== 'X1'))) start = i;
  });
  return episodes.slice(start);
}

/**
 * The run of placed-for-adoption episodes that ends in the adoption (or, for a child not adopted,
 * the latest run): consecutive A3-A6 episodes, continuing through changes that keep the carer
 * (RNE L, T, U) and starting again at a change of carer (P, B).
 */
function placementRun(period: readonly Episode[], adoption: Episode | undefined): Episode[] | undefined {
  const endIndex = adoption ? period.indexOf(adoption) : period.findLastIndex((e) => PLACED_FOR_ADOPTION.includes(e.place));
  if (endIndex < 0 || !PLACED_FOR_ADOPTION.includes(period[endIndex]!.place)) return undefined;
  let start = endIndex;
  while (start > 0 && PLACED_FOR_ADOPTION.includes(period[start - 1]!.place) && SAME_CARER.includes(period[start]!.rne)) start--;
  return period.slice(start, endIndex + 1);
}

/** When the child's placement with the carer who adopted began: back from the adoptive placement while the carer stays the same. */
function carerStart(period: readonly Episode[], placement: Episode): string {
  let i = period.indexOf(placement);
  while (i > 0 && SAME_CARER.includes(period[i]!.rne)) i--;
  return period[i]!.decom;
}

function statusOf(
  period: readonly Episode[],
  run: Episode[] | undefined,
  adopted: string | undefined,
  decision: { placed: string; ceased: string | undefined } | undefined,
  year: FiscalYear,
): ChildRecord['status'] {
  if (adopted !== undefined && adopted <= year.end) return 'adopted';
  // A placement for adoption that ended in the year other than in adoption, not followed by one with the same carers.
  const disrupted = period.some((e, i) => {
    const next = period[i + 1];
    const ended = e.dec !== undefined && e.dec >= year.start && e.dec <= year.end;
    return PLACED_FOR_ADOPTION.includes(e.place) && ended && !(next && PLACED_FOR_ADOPTION.includes(next.place) && SAME_CARER.includes(next.rne)) && !(e.rec && ADOPTED.includes(e.rec));
  });
  const last = run?.at(-1);
  const stillPlaced = last !== undefined && (last.dec === undefined || last.dec > year.end);
  if (stillPlaced && !disrupted) return 'placed';
  if (disrupted) return 'disrupted';
  if (decision?.ceased !== undefined && decision.ceased <= year.end) return 'plan_changed';
  return 'waiting';
}
