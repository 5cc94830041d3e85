/**
 * The SSDA903 import on small returns written by hand: each child's dates and days worked out in
 * the table below, to the day, for every rule of ../shared/DOMAIN.md; then the return's own
 * mistakes, each located; then what never leaves the return (IDs, UPNs, postcodes, dates of birth).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fiscalYearStarting } from '../../src/domain/fiscal-year.js';
import { childRecordsFrom, isoDate, readTables } from '../../src/import/ssda903.js';
import { scorecardFromRecords, childCountsFromRecords } from '../../src/metrics/records.js';
import { AUTHORITY_YAML, runCli, tempProject } from '../helpers.js';
import { ad1, child, csv, decision, episode, handWorkedReturn } from '../fixtures/ssda903.js';

const YEAR = fiscalYearStarting(2024);
const asFiles = (tables: Record<string, string>) => Object.entries(tables).map(([path, text]) => ({ path, text }));

function imported(tables = handWorkedReturn()) {
  const read = readTables(asFiles(tables));
  return { read, result: childRecordsFrom(read.tables, YEAR, 'a test key') };
}

describe('the SSDA903 import, on a return worked by hand', () => {
  it('reads dd/mm/yyyy dates, and no date that is not one', () => {
    expect(isoDate('05/05/2019')).toBe('2019-05-05');
    expect(isoDate('5/5/2019')).toBe('2019-05-05');
    expect(isoDate('31/02/2024')).toBeUndefined();
    expect(isoDate('2024-13-01')).toBeUndefined();
    expect(isoDate('yesterday')).toBeUndefined();
  });

  it('derives each child’s journey to the day', () => {
    const { read, result } = imported();
    expect([...read.problems, ...result.problems]).toEqual([]);
    expect(result.childrenRead).toBe(10);
    // Only the children on the adoption pathway in the year: not 906 (adopted the year before) or 910.
    expect(result.records).toHaveLength(8);
    const byEntry = new Map(result.records.map((r) => [`${r.entered_care} ${r.birth_month}`, r]));
    const one = (entered: string, born: string) => byEntry.get(`${entered} ${born}`)!;
    expect(one('2022-02-01', '2021-03')).toMatchObject({ placement_order: '2023-06-15', placed: '2023-09-01', matched: '2023-06-01', adoption_order: '2024-05-20', best_interest_decision: '2023-01-10', status: 'adopted', provision: 'voluntary_agency', sex: 'male', ethnicity: 'White British' });
    expect(one('2023-04-10', '2022-07')).toMatchObject({ placed: '2024-02-01', foster_carer_adoption: true, foster_placement_start: '2023-04-10', sex: 'female', ethnicity: 'White and Black Caribbean' });
    expect(one('2023-01-01', '2020-11')).toMatchObject({ placed: '2023-12-01', provision: 'other_local_authority', adoption_order: '2024-10-01' });
    expect(one('2023-03-01', '2019-05')).toMatchObject({ placement_order: '2023-07-01', placed: '2023-09-01', adoption_order: '2025-03-31', status: 'adopted' });
    expect(one('2023-06-01', '2022-01')).toMatchObject({ placed: '2024-06-01', status: 'placed' });
    expect(one('2023-06-01', '2022-01').adoption_order).toBeUndefined(); // 1 April 2025 is next year's
    expect(one('2023-05-01', '2018-08')).toMatchObject({ status: 'plan_changed', best_interest_decision: '2023-09-01' });
    expect(one('2023-01-01', '2019-09')).toMatchObject({ status: 'disrupted', placed: '2023-08-01' });
    const waiting = one('2024-02-01', '2023-12');
    expect(waiting).toMatchObject({ status: 'waiting', placement_order: '2024-10-01', best_interest_decision: '2024-08-01', ethnicity: 'Any other White background' });
    expect(waiting.sex).toBeUndefined(); // U: not known
  });

  it('computes the scorecard and the year’s counts as the table above works them out', () => {
    const { result } = imported();
    const scorecard = scorecardFromRecords(result.records, [YEAR]);
    expect(scorecard.get('scorecard.a1')).toEqual({ value: 348, count: 4 });
    expect(scorecard.get('scorecard.a10')).toEqual({ value: 273.75, count: 4 });
    expect(scorecard.get('scorecard.a2')).toEqual({ value: 71.75, count: 4 });
    expect(scorecard.get('scorecard.a20')).toEqual({ value: 244.25, count: 4 });
    expect(scorecard.get('scorecard.a3')).toEqual({ value: 75, count: 4 });
    const counts = childCountsFromRecords(result.records, YEAR);
    expect(Object.fromEntries([...counts].filter(([k]) => k.startsWith('children.')))).toEqual({
      'children.best_interest_decisions': 1, // 909
      'children.placement_orders': 1, // 909
      'children.placed': 1, // 905
      'children.adoption_orders': 4, // 901 to 904
      'children.waiting': 1, // 909
      'children.disruptions': 1, // 908
    });
  });
});

describe('the return’s own mistakes', () => {
  const withRows = (file: string, rows: string[][]) => {
    const tables = handWorkedReturn();
    tables[file] = tables[file]!.replace(/\r\n$/, '') + '\r\n' + csv(rows);
    return tables;
  };

  it('are each located at file, row, child and column, all at once', () => {
    const tables = withRows('episodes.csv', [
      episode('CH000911', '31/02/2024', 'S', 'C2', 'U1'), // not a date
      episode('CH000912', '01/01/2024', 'S', 'C2', 'U1', '01/06/2024', 'X1'),
      episode('CH000912', '01/05/2024', 'L', 'E1', 'U1'), // overlaps the one before
      episode('CH000913', '01/01/2024', 'S', 'C2', 'U1', '01/06/2024', 'X1'),
      episode('CH000913', '15/06/2024', 'L', 'E1', 'U1'), // a gap inside a period of care
      episode('CH000914', '01/01/2024', 'S', 'C2', 'U1', '01/06/2024', 'E11'), // adopted from foster care: rule 390
      episode('CH000915', '01/01/2024', 'S', 'C2', 'Q9'), // no such placement: rule 146
      episode('CH000916', '01/01/2024', 'S', 'C2', 'U1', '01/03/2024', 'X1'),
      episode('CH000916', '01/03/2024', 'L', 'E1', 'U1'), // an order with no decision to place
    ]);
    tables['header.csv'] = tables['header.csv']!.replace(/\r\n$/, '') + '\r\n' + csv(['11', '12', '13', '14', '15', '16'].map((n) => child(`CH0009${n}`, '01/01/2020')));
    tables['ad1.csv'] = tables['ad1.csv']!.replace(/\r\n$/, '') + '\r\n' + csv([ad1('CH000906', '11/11/2020', '01/04/2022', '01/10/2022')]); // adopted last year
    tables['placed-adoption.csv'] = tables['placed-adoption.csv']!.replace(/\r\n$/, '') + '\r\n' + csv(['11', '12', '13', '14', '15'].map((n) => decision(`CH0009${n}`, '01/01/2020', '01/02/2024')));
    const { read, result } = imported(tables);
    const messages = [...read.problems, ...result.problems].map((p) => `${p.file}:${p.position?.line}  ${p.dataPath}  ${p.message}`);
    expect(messages).toContain('episodes.csv:31  CHILD CH000911  DECOM  expected a date, dd/mm/yyyy, found "31/02/2024"');
    expect(messages).toContain('episodes.csv:33  CHILD CH000912  DECOM  the episode begins (2024-05-01) before the one before it ends (2024-06-01)');
    expect(messages).toContain('episodes.csv:35  CHILD CH000913  DECOM  the episode before ended 2024-06-01 with the child still looked after (X1), so this one should begin then, found 2024-06-15');
    expect(messages.some((m) => m.startsWith('episodes.csv:36  CHILD CH000914  REC  an adoption (E11) must end a placement for adoption') && m.includes('rule 390'))).toBe(true);
    expect(messages.some((m) => m.startsWith('episodes.csv:37  CHILD CH000915  PLACE  expected one of A3, A4') && m.includes('found "Q9"') && m.includes('rule 146'))).toBe(true);
    expect(messages).toContain('episodes.csv:39  CHILD CH000916  LS  a placement order (LS E1 or D1) with no decision that the child should be placed for adoption in PlacedAdoption or AD1');
    expect(messages).toContain('ad1.csv:6  CHILD CH000906  CHILD  an adoption record (AD1) for a child not adopted in 2024/25');
  });

  it('include a foster-carer adoption not from an A3 or A5 placement, and a table missing columns', () => {
    const tables = handWorkedReturn();
    tables['ad1.csv'] = tables['ad1.csv']!.replace("CH000901,14/03/2021,10/01/2023,01/06/2023,0", 'CH000901,14/03/2021,10/01/2023,01/06/2023,1');
    const { result } = imported(tables);
    expect(result.problems.map((p) => p.message)).toContain('FOSTER_CARE is 1 (adopted by the foster carer), but the adoptive placement is A6, not A3 or A5 (the DfE\'s validation rule 335)');
    const missing = handWorkedReturn();
    missing['episodes.csv'] = missing['episodes.csv']!.replace('DECOM,RNE,LS', 'DECOM,RNE,LEGAL');
    expect(readTables(asFiles(missing)).problems.map((p) => `${p.file}:${p.position?.line}  ${p.message}`)).toContain('episodes.csv:1  the Episodes table lacks the column LS');
  });
});

describe('annual-report import ssda903', () => {
  const project = () => {
    const dir = tempProject({ 'data/example-town/authority.yaml': AUTHORITY_YAML, 'data/example-town/2024-25.yaml': 'year: 2024-25\nscorecard:\n  a10:\n    days: 270\n' });
    // One table with a byte-order mark, as Excel saves it.
    for (const [name, text] of Object.entries(handWorkedReturn())) writeFileSync(join(dir, name), name === 'header.csv' ? `\ufeff${text}` : text);
    return dir;
  };
  const args = ['import', 'ssda903', 'header.csv', 'episodes.csv', 'ad1.csv', 'placed-adoption.csv', '--authority', 'example-town', '--year', '2024-25'];

  it('writes the records beside the year file, the same each time, and says what it found', async () => {
    const dir = project();
    const yearFile = readFileSync(join(dir, 'data/example-town/2024-25.yaml'), 'utf8');
    const run = await runCli(args, dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('created the pseudonymisation key annual-report.key');
    expect(run.stderr).toContain('read 10 children; 8 on the adoption pathway in 2024/25');
    expect(run.stderr).toContain('adopted 4, placed 1, placement orders 1, decisions to place 1, waiting at year end 1');
    expect(run.stderr).toContain('  A10: 273.75 days over 4 children (the year file types 270 days)');
    expect(run.stderr).toContain('wrote data/example-town/2024-25.children.yaml: 8 children');
    const written = readFileSync(join(dir, 'data/example-town/2024-25.children.yaml'), 'utf8');
    expect(readFileSync(join(dir, 'data/example-town/2024-25.yaml'), 'utf8')).toBe(yearFile);
    const again = await runCli(args, dir);
    expect(again.stderr).toContain('data/example-town/2024-25.children.yaml is already up to date');
    expect(readFileSync(join(dir, 'data/example-town/2024-25.children.yaml'), 'utf8')).toBe(written);
    // A changed return, with --dry-run: what would change, and nothing written.
    writeFileSync(join(dir, 'episodes.csv'), readFileSync(join(dir, 'episodes.csv'), 'utf8').replace('CH000909,01/10/2024,L,E1,N1,U1', 'CH000909,01/11/2024,L,E1,N1,U1').replace('CH000909,01/02/2024,S,C2,N1,U1,PR1,01/10/2024', 'CH000909,01/02/2024,S,C2,N1,U1,PR1,01/11/2024'));
    const dry = await runCli([...args, '--dry-run'], dir);
    expect(dry.stderr).toContain('would write data/example-town/2024-25.children.yaml: 0 children added, 1 changed, 0 removed (--dry-run: nothing written)');
    expect(readFileSync(join(dir, 'data/example-town/2024-25.children.yaml'), 'utf8')).toBe(written);
  });

  it('writes nothing from a return with mistakes, and exits 1 naming them', async () => {
    const dir = project();
    writeFileSync(join(dir, 'episodes.csv'), readFileSync(join(dir, 'episodes.csv'), 'utf8').replace('01/09/2023,P,E1', '1st September 2023,P,E1'));
    const run = await runCli(args, dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/episodes\.csv:2:2\s+CHILD CH000901\s+DECOM\s+expected a date, dd\/mm\/yyyy, found "1st September 2023"/);
    expect(run.stderr).toContain('Nothing was written');
    expect(existsSync(join(dir, 'data/example-town/2024-25.children.yaml'))).toBe(false);
  });

  it('keeps every child ID, UPN, postcode, placement URN and date of birth out of the records and every document', async () => {
    const dir = project();
    expect((await runCli(args, dir)).code).toBe(0);
    expect((await runCli(['build', '--formats', 'html', '--audience', 'all', 'data/example-town'], dir)).code).toBe(0);
    const tables = handWorkedReturn();
    const secrets = new Set<string>();
    for (const line of tables['header.csv']!.split('\r\n').slice(1).filter(Boolean)) {
      const [id, , dob, , upn] = line.split(',');
      secrets.add(id!).add(upn!).add(dob!).add(isoDate(dob!)!);
    }
    for (const s of ['LE1 7RH', 'NG7 2QL', 'SC123456']) secrets.add(s);
    const outputs = [join(dir, 'data/example-town/2024-25.children.yaml'), ...walk(join(dir, 'out'))];
    expect(outputs.some((f) => f.endsWith('.html'))).toBe(true);
    expect(outputs.some((f) => f.endsWith('.csv'))).toBe(true);
    for (const file of outputs) {
      const text = readFileSync(file, 'utf8');
      for (const secret of secrets) expect(text.includes(secret), `${secret} in ${file}`).toBe(false);
    }
  });
});

function walk(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(folder, e.name)) : [join(folder, e.name)]));
}
