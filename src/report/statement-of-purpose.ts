/**
 * The statement of purpose, with the contents Schedule 1 of the Local Authority Adoption Service
 * (England) Regulations 2003 requires, in that order. The schema makes every section required,
 * so a statement cannot be built with one missing.
 */
import type { Problem } from '../errors.js';
import type { Dataset } from '../metrics/dataset.js';
import type { YearInput } from '../load/schema.js';
import { formatDate } from '../domain/format.js';
import { disclosurePolicy, type ReportOptions } from './annual-report.js';
import { buildSections, brandOf, Narrative, runningHeader, type SectionSpec, withGlossary } from './sections.js';
import { block, contentsOf, field, type DocumentView } from './view.js';

export const STATEMENT_OF_PURPOSE_NAME = 'Adoption Service Statement of Purpose';

type StatementInput = NonNullable<YearInput['statement_of_purpose']>;

/** The section headings the regulations require, as printed. */
export const STATUTORY_HEADINGS = [
  'Aims and objectives',
  'The manager',
  'Staff: numbers, qualifications and experience',
  'Organisational structure',
  'Monitoring and evaluating the quality of the service',
  'Recruiting, preparing, assessing, approving and supporting adopters',
  'Adoption support services',
  'Complaints procedure',
  'The regulator',
  'Approval and review',
] as const;

export function statementOfPurposeView(
  dataset: Dataset,
  input: StatementInput,
  options: ReportOptions,
  idPrefix = '',
): { view: DocumentView; problems: Problem[] } {
  const narrative = new Narrative(dataset, disclosurePolicy(dataset, options.audience));
  const md = (key: keyof StatementInput & string) => () => [block.markdown(narrative.markdown(input[key] as string, ['statement_of_purpose', key]))];
  const [aims, manager, staff, structure, quality, adopters, support, complaints, regulator, approval] = STATUTORY_HEADINGS;
  const specs: SectionSpec[] = [
    { id: 'aims', title: aims, blocks: md('aims_and_objectives') },
    {
      id: 'manager',
      title: manager,
      blocks: () => [
        block.fields([
          field('Name', input.manager.name),
          field('Address', input.manager.address),
          field(
            'Qualifications',
            input.manager.qualifications,
            narrative.markdown(input.manager.qualifications, ['statement_of_purpose', 'manager', 'qualifications']),
          ),
          field('Experience', input.manager.experience, narrative.markdown(input.manager.experience, ['statement_of_purpose', 'manager', 'experience'])),
        ]),
      ],
    },
    { id: 'staff', title: staff, blocks: md('staff') },
    { id: 'structure', title: structure, blocks: md('organisational_structure') },
    { id: 'quality', title: quality, blocks: md('quality_monitoring') },
    {
      id: 'adopters',
      title: adopters,
      blocks: () => [
        ...md('adopter_procedures')(),
        block.list({ heading: 'The adopter journey, step by step', intro: null, className: 'journey', items: input.adopter_journey }),
      ],
    },
    { id: 'support', title: support, blocks: md('adoption_support') },
    { id: 'complaints', title: complaints, blocks: md('complaints') },
    {
      id: 'regulator',
      title: regulator,
      blocks: () => [block.fields([field('Name', input.regulator.name), field('Address', input.regulator.address), field('Telephone', input.regulator.phone)])],
    },
    {
      id: 'approval',
      title: approval,
      blocks: () => [block.fields([field('Approved by the executive', formatDate(input.approved)), field('Next review', formatDate(input.next_review))])],
    },
  ];
  const { sections, used: glossary } = withGlossary(buildSections(specs, idPrefix), dataset.authority.glossary, idPrefix);
  const { authority } = dataset;
  const subtitle = `approved ${formatDate(input.approved)}`;
  const view: DocumentView = {
    kind: 'statement-of-purpose',
    idPrefix,
    title: `${authority.serviceName}: ${STATEMENT_OF_PURPOSE_NAME}, ${subtitle}`,
    documentName: STATEMENT_OF_PURPOSE_NAME,
    subtitle: `Approved ${formatDate(input.approved)}`,
    runningHeader: runningHeader(authority, 'Statement of Purpose', formatDate(input.approved)),
    ...brandOf(authority),
    coverFields: [
      field('Authority', authority.name),
      field('Approved by the executive', formatDate(input.approved)),
      field('Next review', formatDate(input.next_review)),
    ],
    coverPage: true,
    contents: contentsOf(sections),
    sections,
    glossary,
  };
  return { view, problems: narrative.problems };
}
