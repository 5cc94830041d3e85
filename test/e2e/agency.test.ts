/**
 * The regional adoption agency's documents as printed: Family Adoption Links' annual report for
 * 2022/23 with the figures its hub typed once, the regional figures from its partners' datasets
 * and Leicester's dashboard; Leicester's own report carrying the agency's section; and Leicester's
 * committee pack taking the agency's report to committee with its statement of purpose.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectIn, readPdf, squash, type PdfFacts } from '../helpers.js';
import { examples } from './shared.js';

let out: string;
let report: PdfFacts;

beforeAll(async () => {
  out = await examples();
  report = await readPdf(readFileSync(join(out, 'regions', 'family-adoption-links', '2022-23', 'annual-report.pdf')));
}, 320_000);

describe('a regional adoption agency’s annual report, printed', () => {
  it('states the hub’s figures as its year file gives them, each once typed', () => {
    const text = squash(report.text);
    expect(report.title).toBe('Family Adoption Links: Annual Report 2022/23');
    expect(report.numPages).toBeGreaterThanOrEqual(6);
    for (const passage of [
      'booked 451 places on information events',
      'it had 7,400 users, 358% more than the year before',
      'saved about £300,000.00 across the region',
      '77% of the region’s children were placed within the agency',
      'Each child cost £89.00 to bring, against £600.00 at a national profiling event',
      'The partners had 4 Ofsted inspections in the year',
    ])
      expectIn(text.replace(/'/g, '’'), passage);
    // Children counted by the events are small numbers: hidden, in the narrative and the table alike.
    expectIn(text, 'The events led to c adoptions');
  });

  it('adds up the partners it holds, names those it does not, and appends each partner’s dashboard', () => {
    const text = squash(report.text);
    expectIn(text, 'Partners Leicester, Leicestershire, Lincolnshire, North Lincolnshire, Northamptonshire Children\'s Trust, Rutland');
    expectIn(text, 'not Lincolnshire, North Lincolnshire, Northamptonshire Children\'s Trust, Rutland, whose datasets it does not hold');
    // Leicester's own A10 for the year, in the regional table and in its dashboard appendix.
    expect(text.match(/692\.23 days/g)?.length).toBeGreaterThanOrEqual(2);
    expect(report.outline).toContain('Appendix 1: Leicester');
    expect(report.outline).toContain('10.2 Family Finding');
  });

  it('is the section of Leicester’s own report that the agency wrote, the same words', async () => {
    const leicester = squash((await readPdf(readFileSync(join(out, 'leicester', '2022-23', 'annual-report.pdf')))).text);
    expectIn(leicester, 'Written by Family Adoption Links for each partner’s annual report, 2022/23.');
    expectIn(leicester.replace(/'/g, '’'), 'people booked 451 places on information events in 2022/23. 77% of the region’s children were placed within the partnership, saving about £300,000.00.');
  });

  it('goes to committee in Leicester’s pack, as Appendix A beside its statement of purpose', async () => {
    const pack = await readPdf(readFileSync(join(out, 'leicester', '2022-23', 'committee-pack.pdf')));
    const text = squash(pack.text);
    expectIn(squash(pack.pages[0]!), 'Appendix A: Family Adoption Links Regional Adoption Agency Annual Report 2022/23');
    // The covering report names it, with the page it starts on; there it is, and the statement of purpose after it.
    const [agencyPage, statementPage] = ['ar-cover', 'sop-cover'].map((id) => pack.destinations.get(id)!);
    expectIn(text, `Appendix A: Family Adoption Links Regional Adoption Agency Annual Report 2022/23 (page ${agencyPage})`);
    expectIn(squash(pack.pages[agencyPage - 1]!), 'Regional Adoption Agency Annual Report 2022/23');
    expect(statementPage).toBeGreaterThan(agencyPage);
    expectIn(squash(pack.pages[statementPage - 1]!), 'Statement of Purpose');
    expectIn(text, 'booked 451 places on information events');
    expect(pack.numPages).toBeGreaterThan(report.numPages);
  });
});
