/** Plain English and a glossary: abbreviations written out at first use and listed; long sentences, words to avoid and unknown abbreviations found at their lines. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tableRows, tempProject } from '../helpers.js';

const AUTHORITY = `name: Example Borough Council
short_name: Example Borough
contact:
  team: Adoption Service
glossary:
  - term: LGA
    expansion: Local Government Association
    explanation: The national membership body for councils in England.
`;

const YEAR = `year: 2024-25
children:
  placed: 20
narrative:
  introduction: |
    We are a partner in the RAA. The RAA recruits adopters, and the LGA publishes guidance on special guardians and the SGO.
  performance: |
    We utilise every route we have to find families.

    The service found families for children of every age, including older children, brothers and sisters who needed to live together, and children with complex health needs this year.

    The XYZ board met twice.

    The panel chair met the service's managers and the regional agency's staff often in the year, about 12. This count includes the extra meetings held in the summer.
`;

describe('plain English', () => {
  const project = () => tempProject({ 'data/example/authority.yaml': AUTHORITY, 'data/example/2024-25.yaml': YEAR });

  it('warns at the line about a long sentence, a word to avoid and an abbreviation with no glossary entry', async () => {
    const run = await runCli(['validate'], project());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('data/example/2024-25.yaml:10:5  narrative.performance  warning: a sentence of 28 words: plain English keeps to 25 or fewer; split it');
    expect(run.stderr).toContain('data/example/2024-25.yaml:8:8  narrative.performance  warning: "utilise" is on GOV.UK\'s list of words to avoid: write "use"');
    expect(run.stderr).toContain('data/example/2024-25.yaml:12:9  narrative.performance  warning: XYZ is not in the glossary');
    // Two sentences, the first ending with a figure, each of 25 words or fewer: not one long one.
    expect(run.stderr).not.toMatch(/2024-25\.yaml:14:\d+ .*a sentence of/);
    // RAA and SGO are in the project's glossary, LGA in the authority's own.
    expect(run.stderr).not.toMatch(/(RAA|SGO|LGA) is not in the glossary/);
  });

  it('writes each abbreviation out where a reader first meets it, marks it wherever it is, and lists those used in a glossary', async () => {
    const dir = project();
    expect((await runCli(['build', '--formats', 'html', '--only', 'annual-report'], dir)).code).toBe(0);
    const html = readFileSync(join(dir, 'out/example/2024-25/annual-report.html'), 'utf8');
    expect(html).toContain('We are a partner in the regional adoption agency (<abbr title="regional adoption agency">RAA</abbr>). The <abbr title="regional adoption agency">RAA</abbr> recruits adopters');
    expect(html).toContain('the Local Government Association (<abbr title="Local Government Association">LGA</abbr>)');
    expect(html.match(/regional adoption agency \(<abbr/g)).toHaveLength(1);
    const glossary = tableRows(html, 'glossary-table');
    expect(glossary[0]).toEqual(['Term', 'Stands for', 'What it is']);
    expect(glossary.slice(1).map((r) => r[0])).toEqual(['LGA', 'RAA', 'SGO']);
    expect(glossary.find((r) => r[0] === 'SGO')![1]).toBe('special guardianship order');
    expect(html).toContain('<a href="#appendix-glossary">');
  });

  it('finds nothing to say about the example narrative', async () => {
    const run = await runCli(['validate']);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/plain English keeps|words to avoid|not in the glossary/);
  });
});
