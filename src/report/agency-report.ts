/**
 * A regional adoption agency's annual report, as a view: the hub's sections and workstreams, its
 * own figures over three years, the regional figures added up from the partners' datasets (sums
 * of counts, means pooled over every child), and each partner's dashboard as an appendix.
 */
import { nextFiscalYear } from '../domain/fiscal-year.js';
import type { Problem } from '../errors.js';
import type { AgencySection } from '../load/schema.js';
import type { Dataset } from '../metrics/dataset.js';
import { ADOPTER_COUNTS, ADOPTER_TIMELINESS, CHILD_COUNTS, PROVISION_TYPES } from '../domain/measures.js';
import { authorAndContact, breakdownBlocks, breakdownsOf, executiveSummaryFigures, figuresTable, figuresWithChart, ownMeasuresIn, reportContext, type ReportOptions } from './annual-report.js';
import { regionSections } from './comparison.js';
import { buildSections, brandOf, runningHeader, withGlossary, type SectionSpec } from './sections.js';
import { block, contentsOf, field, type Block, type DocumentView } from './view.js';

export const AGENCY_REPORT_NAME = 'Regional Adoption Agency Annual Report';

/** The agency's report of the year: its dataset must be an agency's, joined to its partners (`regional`). */
export function agencyReportView(dataset: Dataset, options: ReportOptions, idPrefix = ''): { view: DocumentView; problems: Problem[] } {
  const ctx = reportContext(dataset, options, idPrefix);
  const { authority, current } = dataset;
  // Without its partners' datasets (a dataset loaded on its own), the partners are named and counted as giving nothing.
  const regional = dataset.regional ?? { agency: dataset, partners: dataset.agency!.partners.map((id) => ({ id, name: id, dataset: undefined })) };
  const hub = current.hub ?? {};
  const narrative = (key: AgencySection): Block[] => {
    const markdown = hub.sections?.[key];
    return markdown ? [block.markdown(ctx.narrative.markdown(markdown, ['sections', key]))] : [];
  };
  const section = (id: string, title: string, key: AgencySection, extra: Partial<SectionSpec> = {}): SectionSpec => ({ id: `${idPrefix}${id}`, title, blocks: () => narrative(key), ...extra });
  const partnersWith = regional.partners.filter((p) => p.dataset);
  const partnersWithout = regional.partners.filter((p) => !p.dataset);
  const partnerNames = [...regional.partners.map((p) => p.name), ...dataset.agency!.otherPartners].sort((a, b) => a.localeCompare(b));
  const region = regionSections(authority.name, current.year, regional.partners, `${idPrefix}region-`);
  const specs: SectionSpec[] = [
    section('background', 'Background', 'background', {
      blocks: () => [
        ...narrative('background'),
        block.paragraph(null, `The partners: ${partnerNames.join(', ')}. The hub is hosted by ${dataset.agency!.hostAuthority}.`),
      ],
    }),
    section('governance', 'Governance and the pooled budget', 'governance'),
    {
      id: `${idPrefix}region`,
      title: 'The region in figures',
      blocks: () => [
        block.paragraph(
          null,
          `Added up from the datasets of the partners this report holds for ${current.year.label} (${partnersWith.map((p) => p.name).join(', ') || 'none'}${dataset.agency!.otherPartners.length ? `; not ${dataset.agency!.otherPartners.join(', ')}, whose datasets it does not hold` : ''}): counts are summed, and the scorecard’s days pooled over every child, never averaged across partners.${partnersWithout.length ? ` ${partnersWithout.map((p) => p.name).join(', ')} ${partnersWithout.length === 1 ? 'has' : 'have'} no dataset for the year, so there is no regional total of a figure that would need ${partnersWithout.length === 1 ? 'it' : 'them'}.` : ''}`,
        ),
        ...(region.withinAgency
          ? [block.paragraph('key-figure', `Children placed within ${authority.shortName} (with their own authority’s adopters or a partner’s), those partners together: `, { strong: region.withinAgency }, '.')]
          : []),
      ],
      subsections: region.specs,
    },
    section('marketing', 'Marketing and recruitment', 'marketing'),
    section('events', 'Events', 'events'),
    section('family-finding', 'Family finding', 'family_finding'),
    section('adoption-support', 'Adoption support', 'adoption_support'),
    section('early-permanence', 'Early permanence', 'early_permanence'),
    section('data', 'Data', 'data'),
    {
      id: `${idPrefix}workstreams`,
      title: 'Workstreams',
      subsections: (hub.workstreams ?? []).map((w, i) => ({
        id: `${idPrefix}workstream-${i + 1}`,
        title: w.name,
        blocks: () => [block.fields([field('Led by', w.lead)]), block.markdown(ctx.narrative.markdown(w.text, ['workstreams', i, 'text']))],
      })),
    },
    {
      id: `${idPrefix}hub-figures`,
      title: 'The agency’s own figures',
      blocks: () => figuresTable(ctx, 'hub-figures', `${authority.shortName}’s figures`, ownMeasuresIn(ctx, 'figures.')),
    },
    section('stakeholders', 'Stakeholder engagement', 'stakeholders'),
    section('conclusion', 'Conclusion', 'conclusion'),
    section('plans', `Plans for ${nextFiscalYear(current.year).label}`, 'plans'),
    ...partnersWith.map((p, i) => partnerAppendix(p.dataset!, `Appendix ${i + 1}: ${p.name}`, options, `${idPrefix}p${i + 1}-`)),
  ];
  const built = buildSections(specs, '');
  const { sections, used: glossary } = withGlossary(built, authority.glossary, idPrefix);
  const view: DocumentView = {
    kind: 'annual-report',
    idPrefix,
    title: `${authority.name}: Annual Report ${current.year.label}`,
    documentName: AGENCY_REPORT_NAME,
    subtitle: current.year.label,
    runningHeader: runningHeader(authority, 'Annual Report', current.year.label),
    ...brandOf(authority),
    coverFields: [
      field('Regional adoption agency', authority.name),
      field('Partners', partnerNames.join(', ')),
      ...authorAndContact(dataset),
    ],
    coverPage: true,
    contents: contentsOf(sections),
    sections,
    glossary,
  };
  return { view, problems: ctx.narrative.problems };
}

/** A partner's dashboard, as the agency's report appends it (and seed dashboards have it): its scorecard, children, provision, age, ethnicity and the rest of who was placed, adopter recruitment and timeliness, from its own dataset. */
function partnerAppendix(partner: Dataset, title: string, options: ReportOptions, idPrefix: string): SectionSpec {
  const ctx = reportContext(partner, options, idPrefix);
  return {
    id: `${idPrefix}dashboard`,
    title,
    numbered: false,
    blocks: () => [
      block.paragraph(null, `${partner.authority.name}’s figures from its own dataset for ${partner.current.year.label}, as its own annual report prints them.`),
      ...executiveSummaryFigures(ctx),
      ...figuresWithChart(ctx, 'children', 'Children’s plans, placements and orders', CHILD_COUNTS, 'Children'),
      ...figuresWithChart(ctx, 'provision', 'Children placed by provision type', PROVISION_TYPES, 'Children placed'),
      ...breakdownsOf('children_placed_by').flatMap((b) => breakdownBlocks(ctx, b, 'Children placed')),
      ...figuresWithChart(ctx, 'adopters', 'Adopter enquiries, starts and approvals', ADOPTER_COUNTS, 'Households'),
      ...figuresTable(ctx, 'adopter-timeliness', 'Adopter timeliness by stage (months)', ADOPTER_TIMELINESS),
    ],
  };
}
