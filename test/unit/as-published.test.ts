/**
 * A published annual report entered as printed (test/fixtures/as-published/: Leicestershire
 * 2024-25, figures from its tables, its narrative paraphrased with every number and change word it
 * printed): validate reports each contradiction ../shared/DOMAIN.md lists for it, at its line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, type CliRun } from '../helpers.js';

const FOLDER = join(ROOT, 'test/fixtures/as-published');
const FILE = 'test/fixtures/as-published/leicestershire/2024-25.yaml';
const text = readFileSync(join(ROOT, FILE), 'utf8');

/** `file:line:column` of the nth occurrence of a piece of the fixture's text. */
function at(fragment: string, nth = 0): string {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(fragment, offset + 1);
  if (offset < 0) throw new Error(`not in the fixture: ${fragment}`);
  const before = text.slice(0, offset);
  return `${FILE}:${before.split('\n').length}:${offset - before.lastIndexOf('\n')}`;
}

let run: CliRun;
beforeAll(async () => {
  run = await runCli(['validate', '--data', FOLDER]);
});

describe('a published report entered as printed', () => {
  it('is refused: its contradictions are errors', () => {
    expect(run.code).toBe(1);
  });

  it('initial visits given as 45 and as 41', () => {
    expect(run.stderr).toContain(`${at('45 initial visits')}  narrative.recruitment  warning: 45 stands beside "initial visits", but initial visits completed is 41 in 2024/25 (44 in 2023/24)`);
  });

  it("last year's A2 given as 468.04 in the table and 503.63 in the text", () => {
    expect(run.stderr).toContain(`${at('503.63')}  narrative.performance  503.63 is given as 2023/24's figure, but average time between a local authority receiving court authority to place a child and deciding on a match to an adoptive family was 468.04 days in 2023/24`);
  });

  it('children placed called "an increase of 6" and "the same"', () => {
    expect(run.stderr).toContain(`${at('an increase of 6')}  narrative.executive_summary  "an increase" contradicts the figures: children placed with adoptive families went from 28 in 2023/24 to 28 in 2024/25, no change`);
  });

  it('placed within the region given as 55% where 16 of 28 is 57%', () => {
    expect(run.stderr).toContain(`${at('55%')}  narrative.regional_agency  warning: 55% stands beside "placed within Family Adoption Links", but share of the children placed who were placed within the regional adoption agency is 57% in 2024/25`);
  });

  it('three complaints in all, and "the 5 complaints"', () => {
    expect(run.stderr).toContain(`${at('5 complaints')}  narrative.complaints  warning: 5 stands beside "complaints", but complaints received is 3 in 2024/25`);
  });

  it('fund money that fell called an increase', () => {
    expect(run.stderr).toContain(
      `${at('an\n    increase on the amount')}  narrative.post_order_support  "an increase" contradicts the figures: adoption and Special Guardianship Support Fund drawn down went from £1,651,340.16 in 2023/24 to £1,622,481.01 in 2024/25, a decrease of £28,859.15`,
    );
  });

  it('stage 1 down from 7.3 to 6.3 months, then called a slight increase', () => {
    expect(run.stderr).toContain(`${at('a slight increase')}  narrative.performance  "a slight increase" contradicts the figures: stage 1 (start to end) went from 7.3 months in 2023/24 to 6.3 months in 2024/25, a decrease of 1 month`);
  });

  it('a change of 64.8 days where the figures give 64.86', () => {
    expect(run.stderr).toContain(`${at('64.8 days')}  narrative.children_waiting  64.8 is not the change in average time between the best interest decision and the placement order, which is a decrease of 64.86 days`);
  });

  it('suggests the token for each number that is a figure, this year\'s or last', () => {
    expect(run.stderr).toContain(`${at('£1,622,481.01')}  narrative.post_order_support  warning: £1,622,481.01 is typed where it is a figure of the dataset: write {{support_fund.drawdown}}`);
    expect(run.stderr).toContain(`${at('505')}  narrative.post_order_support  warning: 505 is typed where it is a figure of the dataset: write {{support_fund.families | previous}}`);
  });

  it('leaves alone what agrees with the figures', () => {
    // A decrease of 3 initial visits and an increase of 8 stage 1 starts; "rose from 36 to 38"; "up from 505".
    for (const agreeing of ['decrease of 3 initial visits', 'increase of 8 stage 1 starts', 'rose from 36', 'up from 505', 'rose sharply'])
      expect(run.stderr, agreeing).not.toContain(`${at(agreeing)}  narrative`);
  });
});
