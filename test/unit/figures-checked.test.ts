/** Every number in a report a checked figure: numbers in narrative, breakdowns against totals, relationships between figures. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUTHORITY_YAML, runCli, tableRows, tempProject } from '../helpers.js';

const LAST_YEAR = `year: 2023-24
author:
  role: Service Manager
children:
  placed: 30
  adoption_orders: 20
complaints:
  received: 4
`;

/** A project with last year's file and this year's, validated (or built) by the command. */
async function check(thisYear: string, args: string[] = ['validate'], authority = AUTHORITY_YAML) {
  const dir = tempProject({ 'data/example/authority.yaml': authority, 'data/example/2023-24.yaml': LAST_YEAR, 'data/example/2024-25.yaml': thisYear });
  return { ...(await runCli(args, dir)), dir };
}

const year = (body: string) => `year: 2024-25\nauthor:\n  role: Service Manager\nchildren:\n  placed: 27\n  adoption_orders: 24\ncomplaints:\n  received: 3\n${body}`;

describe('numbers typed in narrative', () => {
  it('suggests the token for a number that is a figure, and under --strict refuses it', async () => {
    const text = year('narrative:\n  performance: |\n    In the year 24 adoption orders were made, against 20 the year before.\n');
    const run = await check(text);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('data/example/2024-25.yaml:11:17  narrative.performance  warning: 24 is typed where it is a figure of the dataset: write {{children.adoption_orders}}');
    expect(run.stderr).toContain('warning: 20 is typed where it is a figure of the dataset: write {{children.adoption_orders | previous}}');
    const strict = await check(text, ['validate', '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('data/example/2024-25.yaml:11:17  narrative.performance  24 is typed where');
  });

  it('lets dates, years, references, ages, durations and marked numbers pass', async () => {
    const run = await check(
      year(
        'narrative:\n  introduction: |\n    On 31 March 2025, and in 2024/25, standard 25.6 applied to stage 2 for children aged 5 and over.\n    Films stay online for 48 hours; panels met in April 2024 and on 03.03.22, and {{= 27}} people came.\n',
      ),
    );
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('narrative.introduction');
  });

  it('refuses a change word the figures contradict, and an amount of change that is not the computed one', async () => {
    const run = await check(
      year('narrative:\n  performance: |\n    27 children were placed, an increase on last year.\n\n    Adoption orders rose by 3.\n'),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/2024-25\.yaml:11:30 {2}narrative\.performance {2}"an increase" contradicts the figures: children placed with adoptive families went from 30 in 2023\/24 to 27 in 2024\/25, a decrease of 3; write \{\{children\.placed \| change\}\}/);
    expect(run.stderr).toContain('3 is not the change in adoption orders granted, which is an increase of 4: write {{children.adoption_orders | change}}');
  });

  it('refuses a number given as last year’s that is not last year’s figure', async () => {
    const run = await check(year('narrative:\n  performance: |\n    Adoption orders went from 22 in 2023/24 to 24 in 2024/25.\n'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("22 is given as 2023/24's figure, but adoption orders granted was 20 in 2023/24: write {{children.adoption_orders | previous}}");
  });

  it('in a public build, refuses a number that shows a figure disclosure control hides, and allows it in a restricted one', async () => {
    const text = year('narrative:\n  complaints: |\n    We received 3 complaints.\n');
    const run = await check(text);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('3 shows complaints received, which public documents hide to protect children’s privacy: write {{complaints.received}}, which prints "c"');
    expect((await check(text, ['validate', '--audience', 'restricted'])).code).toBe(0);
  });

  it('prints a part’s share of its total, hidden where it would show a small number', async () => {
    const run = await check(
      year(
        'children_placed_by:\n  age:\n    under_5: 22\n    5_and_over: 5\nnarrative:\n  performance: |\n    Of the children placed, {{children_placed_by.age.under_5 | share}} were under five and {{children_placed_by.age.5_and_over | share}} older.\n',
      ),
      ['build', '--formats', 'html', '--audience', 'all', '--only', 'annual-report', 'data/example/2024-25.yaml'],
    );
    expect(run.code, run.stderr).toBe(0);
    const html = (audience: string) => readFileSync(join(run.dir, 'out/example/2024-25', audience, 'annual-report.html'), 'utf8');
    // 5 of 27 is small: hidden, and so is its complement (27 is published); the restricted version shows both.
    expect(html('')).toContain('Of the children placed, c were under five and c older.');
    expect(html('restricted')).toContain('Of the children placed, 81% (22) were under five and 19% (5) older.');
    expect(tableRows(html(''), 'age-table')[1]).toEqual(['Under 5', 'not given', 'c', 'c']);
  });
});

describe('breakdowns against their totals', () => {
  it('reports parts that do not add up, naming both lines, and a coarse part given with a fine one', async () => {
    const run = await check(year('children_placed_by:\n  ethnicity:\n    white_british: 18\n    minority_ethnic: 6\n    black: 2\n'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('children_placed_by.ethnicity.black  expected black or minority_ethnic, not both: minority_ethnic includes black');
    const partial = await check(year('children_placed_by:\n  ethnicity:\n    white_british: 18\n    minority_ethnic: 6\n'));
    expect(partial.stderr).toContain(
      'data/example/2024-25.yaml:11:5  children_placed_by.ethnicity  warning: children placed by ethnicity add up to 24, but children placed is 27 (line 5); they should agree',
    );
  });

  it('takes a cohort whose parts add up, and reports one whose parts do not', async () => {
    const cohort = (reversed: number) =>
      year(`cohorts:\n  - label: Children with a decision in 2022-23\n    total: 85\n    parts:\n      - { label: Adopted, count: 25 }\n      - { label: Waiting, count: 37 }\n      - { label: Decision reversed, count: ${reversed} }\n`);
    expect((await check(cohort(23))).stderr).not.toContain('add up');
    expect((await check(cohort(22))).stderr).toContain('the parts of "Children with a decision in 2022-23" add up to 84, but the cohort is 85');
  });
});

describe('relationships between figures', () => {
  it('warns when A20 and A2 come to more than A10, naming both lines', async () => {
    const run = await check(year('scorecard:\n  a10:\n    days: 600\n  a2:\n    days: 250\n  a20:\n    days: 400\n'));
    expect(run.stderr).toContain('warning: A20 400 days (line 15) + A2 250 days (line 13) is more than A10 600 days (line 11)');
  });

  it('compares a three-year comparator with the three-year figure only', async () => {
    const run = await check(year('scorecard:\n  a10:\n    days: 600\n    comparators:\n      - kind: england\n        days: 486\n        period: 2015-18\n        source: DfE adoption scorecards\n'));
    expect(run.stderr).toContain(
      'scorecard.a10.comparators[0].period  warning: this comparator covers 3 years (2015-18), so it is compared only with a A10 over the same years, never with one year\'s: give three_year_days',
    );
  });
});
