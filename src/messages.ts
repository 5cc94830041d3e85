/**
 * Every sentence the tool says to a person, in one place: one function per message, grouped by
 * where it is said. A message says what was expected and what was found, in the author's terms;
 * where it is (file, line, path in the data) is added by the problem that carries it.
 */

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Reading folders and files (load). */
export const loading = {
  recordsWithoutYear: (year: string) => `child records for ${year}, but no ${year}.yaml beside them: start the year with annual-report new`,
  recordsTwice: (yearFile: string) => `${yearFile} has children_records of its own: keep the imported records or the typed ones, not both`,
  lookMissing: (what: string, path: string) => `expected ${what} at ${path} (relative to this file's folder), found nothing there`,
  placeholder: (text: string) => `still to fill in: "${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`,
  notPublishable: () =>
    'A public document cannot be built while its dataset still has sections to fill in (above). Write them, or build a draft with --draft: it says DRAFT on every page and in its title.',
  noDatasetAtPath: () => 'expected a dataset file or an authority folder, found nothing at this path',
  notAYearFile: (hint: string) => `expected a year file named like 2024-25.yaml (${hint})`,
  authorityFileNamed: () => 'authority.yaml is loaded with its years; name a year file or the folder',
  noDataFolder: () => 'expected a data folder holding one folder per authority, found nothing at this path',
  badAuthorityFolder: (hint: string, id: string) => `expected an authority folder named with ${hint}, found "${id}"`,
  noAuthorityFile: () => 'expected authority.yaml beside the year files (name, short_name, contact), or agency.yaml for a regional adoption agency, found neither',
  noSuchPartner: (partner: string, path: string) => `expected "${partner}" to be a partner authority with a folder of its own, found no ${path}: add the authority, or correct the id`,
  partnerNamesOtherAgency: (partner: string, named: string | null, agency: string) =>
    named ? `expected ${partner}'s authority.yaml to name ${agency} as its regional_agency, found "${named}"` : `expected ${partner}'s authority.yaml to name ${agency} as its regional_agency, found no regional_agency there`,
  notAPartner: (agency: string, agencyFile: string, id: string) => `${agency} (${agencyFile}) does not list "${id}" among its partners: add it there, or correct regional_agency`,
  badYearFileName: (hint: string, name: string) => `expected a year file named like 2024-25.yaml (${hint}), found "${name}"`,
  yearDoesNotMatchFile: (expected: string, found: string) => `expected year ${expected} to match the file name, found ${found}`,
  idDoesNotMatchFolder: (expected: string, found: string) => `expected id "${expected}" to match the folder name, found "${found}"`,
  accentTooPale: (minimum: number, colour: string, ratio: string) =>
    `expected an accent colour with at least ${minimum}:1 contrast against white, found ${colour} at ${ratio}:1; choose a darker shade`,
  logoNotAFileName: (name: string) => `expected the name of a file in the authority’s folder, such as logo.svg, found "${name}"`,
  logoMissing: (name: string) => `expected a logo file ${name} beside authority.yaml, found no such file`,
  logoNotAnImage: (reason: string) => `expected the logo to be an SVG or PNG image: ${reason}`,
  logoWrongType: (type: string) => `expected the logo to be an SVG or PNG image, found ${type}`,
  linkedFromOutside: (what: 'file' | 'folder') => `expected a ${what} inside the data folder, found a link to a ${what} outside it (not read)`,
  noDatasets: (where: string) => `No datasets found in ${where}: expected data/<authority>/<yyyy-yy>.yaml`,
};

/** Images an authority's documents show. */
export const images = {
  outsideFolder: () => 'images must be files in the authority’s folder',
  tooLarge: (name: string) => `${name} is over 2 MB`,
  notAnImage: (name: string) => `${name} is not a PNG, JPEG, GIF or SVG image`,
  anAddress: () => 'images must be files in the authority’s folder, not addresses',
  badFileName: (href: string) => `"${href}" is not a file name; write a % in a file name as %25`,
  noSuchFile: (name: string) => `no file ${name} in the authority’s folder`,
  leftOut: (what: string, reason: string) => `image "${what}" left out: ${reason}`,
};

/** YAML text and its shape. */
export const yaml = {
  tooLarge: (limitMb: number, foundMb: string) => `expected a dataset under ${limitMb} MB, found ${foundMb} MB; split it or remove what does not belong in it`,
  notUtf8: (byte: string, offset: number) => `expected text encoded as UTF-8, found an invalid byte (0x${byte}) at byte ${offset}; save the file as UTF-8`,
  syntax: (what: string) => `YAML syntax: ${what}`,
  /** The yaml library's error codes, in words; others keep the library's own first line. */
  syntaxCodes: {
    DUPLICATE_KEY: 'this key is written twice in the same mapping; keep one',
    TAB_AS_INDENT: 'tabs are not allowed for indentation in YAML; indent with spaces',
    BAD_INDENT: 'the indentation here does not line up with the lines above',
    MISSING_CHAR: 'a closing bracket or quote is missing',
    MULTIPLE_DOCS: 'only one YAML document is allowed per file; remove the `---` separator',
  } as Record<string, string>,
  emptyFile: () => 'expected a YAML mapping of fields, found an empty file',
  tooDeep: (depth: number) => `expected data nested at most ${depth} levels deep, found deeper nesting`,
  aliasBomb: (detail: string) => `expected ordinary data, found YAML aliases that expand too far (${detail})`,
  unknownField: (key: string, suggestion: string | undefined, known: readonly string[]) =>
    `unknown field "${key}" is ignored${suggestion ? `; did you mean "${suggestion}"?` : known.length > 0 ? `; expected one of ${known.join(', ')}` : ''}`,
  invisibleControls: (count: number) =>
    `${count} invisible character${count === 1 ? '' : 's'} (direction overrides or zero-width) removed: they can make text read other than it prints`,
  moreUnknownFields: (count: number) => `and ${count} more unknown fields, each ignored`,
  /** A schema's "expected …" with what the file has there. */
  wrongValue: (expected: string, found: string, missingKey: string | undefined) =>
    `${expected}, found ${found}${missingKey === undefined ? '' : ` (add "${missingKey}" here)`}`,
  foundNothing: () => 'nothing',
  foundMapping: () => 'a mapping of fields',
  foundList: () => 'a list',
  foundEmpty: () => 'an empty value',
  foundOther: () => 'something else',
};

/** What the schemas expect of a value (the loader adds what was found). */
export const expected = {
  value: (what: string) => `expected ${what}`,
  zeroOrMore: (what: string) => `expected ${what}, 0 or more`,
  wholeNumber: () => 'expected a whole number',
  oneOf: (choices: readonly string[]) => `expected one of ${choices.join(', ')}`,
  date: (what: string) => `expected ${what} written yyyy-mm-dd, such as 2025-11-04`,
  month: () => 'expected a month written yyyy-mm, such as 2021-03',
  trueOrFalse: () => 'expected true or false',
  yesOrNo: () => 'expected yes or no (true or false)',
  reasonFor: (what: string) => `expected a reason, since this is ${what}`,
  list: (of: string) => `expected a list of ${of}`,
  atLeastOne: (what: string) => `expected at least one ${what}`,
  reviewAfterApproval: () => 'expected the next review after the approval date',
  reviewWithinAYear: () => 'expected the next review within a year of approval (the statement is reviewed at least once a year)',
  colour: () => 'expected a colour written #rrggbb',
  colourExample: () => 'expected a colour written #rrggbb, such as #00529b',
  threshold: () => 'expected a threshold from 0 to 10',
  atMost: (what: string, largest: number) => `expected ${what} no larger than ${largest.toLocaleString('en-GB')}`,
  notTiny: (what: string) => `expected ${what} of 0 or at least 0.000001`,
  dateFrom1950: (what: string) => `expected ${what} from 1950 on`,
  partOfTotal: (part: string, total: string) => `expected ${part} to be no more than ${total}`,
  notBoth: (coarse: string, fine: string) => `expected ${fine} or ${coarse}, not both: ${coarse} includes ${fine}`,
};

/** Child and adopter records. */
export const records = {
  dateAfterYear: (year: string, end: string, found: string) => `expected a date by the end of ${year} (${end}), found ${found}`,
  outOfOrder: (later: string, earlier: string, earlierDate: string, found: string) => `expected ${later} on or after ${earlier} (${earlierDate}), found ${found}`,
  duplicateReference: (ref: string, first: number) => `expected each reference once, found ${ref} again (first at record ${first})`,
  adoptedWithoutOrder: () => 'expected an adoption_order date for a child whose status is adopted',
  careBeforeBirth: (born: string, entered: string) => `expected the child to enter care in or after its month of birth (${born}), found ${entered}`,
  placedWithoutDate: (status: string) => `expected a placed date for a child whose status is ${status}`,
  waitingWithoutOrder: () => 'expected a placement_order date for a child waiting for adoption',
  fosterCarerWithoutStart: () => 'expected foster_placement_start for a foster-carer adoption (A10 uses it)',
  fosterStartAfterMovingIn: (movedIn: string, found: string) => `expected the foster placement to start on or before moving in (${movedIn}), found ${found}`,
  placedWithoutProvision: () => 'a placed child needs a provision (who approved the adopters) for the placements by provision type',
  fastTrackWithStage1: () => 'fast-track households start at stage 2; their stage 1 dates are left out of stage 1 measures',
};

/** Figures typed and computed (metrics). */
export const figures = {
  typedDisagreesWithRecords: (label: string, typed: string, group: string, line: number | undefined, computed: string) =>
    `${label}: the dataset gives ${typed} here, but its ${group} (line ${line}) give ${computed}; the records' figure is used`,
  partsDoNotAddUp: (sum: number, total: number, line: number | undefined) =>
    `placements by provision type add up to ${sum}, but children placed is ${total} (line ${line}); they should agree`,
};

/** Figures checked against each other. */
export const consistency = {
  partsDoNotAddUp: (parts: string, sum: number, total: string, value: number, line: number | undefined) =>
    `${parts} add up to ${sum}, but ${total.charAt(0).toLowerCase()}${total.slice(1)} is ${value} (line ${line}); they should agree (give what is left as a part of its own, such as not_known)`,
  ordersAndMatchesLongerThanJourney: (parts: string, whole: string) =>
    `${parts} is more than ${whole}: for each child, entering care to the order and the order to the match come before moving in; check the figures are for the same children and period`,
  matchAfterMovingIn: (a2: string, poToPlaced: string) =>
    `${a2} is more than ${poToPlaced}: a child is matched before moving in; check the figures are for the same children and period`,
  matchAfterPlacement: (match: string, placement: string) =>
    `${match} is more than ${placement}: a household is matched before a child moves in; check the figures are for the same households`,
  cohortLargerThanOrders: (code: string, children: number, orders: number, line: number | undefined) =>
    `${code} is over ${children} children adopted, but the year's adoption orders are ${orders} (line ${line}); a one-year ${code} is over the children adopted in the year`,
  comparatorPeriod: (period: string, years: number, code: string) =>
    `this comparator covers ${years} years (${period}), so it is compared only with a ${code} over the same years, never with one year's: give three_year_days`,
};

/** Numbers typed in narrative, checked against the figures. */
export const narrativeFigures = {
  typedFigure: (raw: string, tokens: readonly string[]) =>
    `${raw} is typed where it is a figure of the dataset: write ${tokens.slice(0, 3).join(' or ')} (${raw} → ${tokens[0]}) so it cannot fall out of step; if it is another number, mark it {{= ${raw}}}`,
  besideMeasure: (raw: string, words: string, label: string, value: string, year: string, previous: string | null, token: string) =>
    `${raw} stands beside "${words}", but ${label.charAt(0).toLowerCase()}${label.slice(1)} is ${value} in ${year}${previous ? ` (${previous})` : ''}: write ${token} if it is that figure, or mark it {{= ${raw}}} if it is another number`,
  notLastYears: (raw: string, label: string, year: string, value: string, token: string) =>
    `${raw} is given as ${year}'s figure, but ${label.charAt(0).toLowerCase()}${label.slice(1)} was ${value} in ${year}: write ${token}`,
  wrongDirection: (word: string, label: string, from: string, fromYear: string, to: string, toYear: string, wording: string, token: string) =>
    `"${word}" contradicts the figures: ${label.charAt(0).toLowerCase()}${label.slice(1)} went from ${from} in ${fromYear} to ${to} in ${toYear}, ${wording}; write ${token}`,
  wrongAmount: (raw: string, label: string, wording: string, token: string) =>
    `${raw} is not the change in ${label.charAt(0).toLowerCase()}${label.slice(1)}, which is ${wording}: write ${token}`,
  showsHidden: (raw: string, label: string, token: string) =>
    `${raw} shows ${label.charAt(0).toLowerCase()}${label.slice(1)}, which public documents hide to protect children’s privacy: write ${token}, which prints "c"`,
  changeOfHidden: (raw: string, label: string, token: string) =>
    `${raw} is the change in ${label.charAt(0).toLowerCase()}${label.slice(1)}, which public documents hide: it would let a reader work it out; write ${token}`,
};

/** Figure tokens in narrative, `{{children.placed}}`. */
export const tokens = {
  noWithinRegion: (name: string, year: string) => `{{${name}}} has no value: ${year} does not give placements by provision type`,
  unknownFigure: (name: string, suggestion: string | undefined) =>
    `unknown figure {{${name}}}${suggestion ? `; did you mean {{${suggestion}}}?` : ''} (the README lists the names)`,
  unknownFormat: (format: string, name: string, formats: readonly string[]) => `unknown format "${format}" for {{${name}}}; expected one of ${formats.join(', ')}`,
  noPrevious: (name: string, previous: string) => `{{${name} | previous}} has no value: ${previous} does not give it`,
  noValue: (name: string, year: string) => `{{${name}}} has no value in ${year}: the dataset does not give it`,
  noShare: (name: string) => `{{${name} | share}} has no value: it is not a part of a total the dataset gives, nor a percentage of a number of children`,
  noChange: (name: string, previous: string, label: string) => `{{${name} | change}} has no value: ${previous} does not give ${label.toLowerCase()}`,
};

/** Narrative as HTML (render). */
export const narrative = {
  uncaptionedTable: () => 'a table here has no caption: write a line "Table: what it shows" just before it',
  linkToNowhere: (target: string, document: string, known: readonly string[]) =>
    `the link "#${target}" points at nothing in the ${document.toLowerCase()}; expected one of ${known.join(', ')}`,
  blockedRequest: (url: string, fieldFound: boolean) =>
    `the document asked to load ${url}; it was blocked (documents load nothing from outside themselves)${fieldFound ? '' : ' (no dataset field holds this address)'}`,
};

/** Which documents a dataset has. */
export const documents = {
  noAgencyReport: (agency: string | null, year: string) =>
    agency
      ? `expected ${agency} to have a dataset for ${year} (data/<agency>/ with agency.yaml listing this authority), found none: the covering report cannot take its report to committee`
      : 'expected a regional_agency in authority.yaml, and that agency’s dataset for the year, found no regional_agency: the covering report cannot take an agency report to committee',
  noCoveringReport: () => 'the dataset has no covering_report',
  noStatementOfPurpose: () => 'the dataset has no statement_of_purpose',
  packNeedsCoveringReport: (reason: string) => `expected covering_report: a committee pack starts with the covering report (${reason})`,
  skipped: (what: string, reason: string) => `skipped ${what}: ${reason}`,
};

/** Templates and chart specs: mistakes in the project's own files (or a council's overrides). */
export const templates = {
  helperExpects: (helper: string, what: string, got: string) => `${helper} expects ${what}, got ${got}`,
  inTemplate: (file: string, message: string) => `${file}: ${message}`,
  chartSpec: (file: string, message: string) => `${file}: ${message}`,
  chartPlaceholder: (name: string) => `chart placeholder {{${name}}} has no value`,
  noSvg: () => 'vega produced no SVG element',
  chartsLoadNothing: () => 'charts load no external data',
};

/** Printing. */
/** How to install a browser to print with, on each platform. */
function installChromium(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'install Google Chrome or Chromium (brew install --cask chromium) into /Applications';
  if (platform === 'win32') return 'install Google Chrome, or use the Microsoft Edge that comes with Windows';
  return 'install Chromium: on Debian or Ubuntu, apt-get install -y --no-install-recommends chromium; on Fedora, dnf install chromium';
}
const capitaliseFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export const printing = {
  chromiumNotAt: (path: string, platform: NodeJS.Platform) =>
    `Chromium was not found at ${path} (from --chromium or CHROMIUM_PATH). Point it at the browser's executable, or ${installChromium(platform)}`,
  chromiumNotFound: (looked: readonly string[], platform: NodeJS.Platform) =>
    `Chromium is needed to print PDFs and was not found (looked in ${looked.join(', ')}). ${capitaliseFirst(installChromium(platform))}\nor set CHROMIUM_PATH to a Chromium, Chrome or Edge executable. Use --no-pdf to build HTML only.`,
  chromiumWouldNotStart: (path: string, detail: string) => `Chromium at ${path} could not be started: ${detail}`,
  navigatedAway: (url: string) => `the document navigated away to ${url} before printing`,
  tooLong: (seconds: number) => `printing took too long (over ${seconds} s)`,
  rendererCrashed: (detail: string) => `the browser's page crashed while printing (${detail})`,
  browserDied: () => 'the browser stopped while printing',
  noDestination: (ids: readonly string[]) => `the PDF has no destination for ${ids.join(', ')}; every contents entry needs an element with that id`,
  contentsUnsettled: (prints: number) => `the contents page numbers had not settled after ${prints} prints`,
};

/** Building and reporting what was built. */
export const building = {
  problemsFound: (problems: string, errors: number) => `${problems}\n\n${plural(errors, 'problem')} found; nothing was written.`,
  noSuchAgency: (agency: string, known: readonly string[]) =>
    `No authority names "${agency}" as its regional_agency in authority.yaml; the agencies named are: ${known.join(', ') || 'none'}`,
  unchanged: (name: string) => `unchanged ${name}`,
  built: (name: string, pages: number | null) => `built ${name}${pages === null ? '' : ` (${pages} pages)`}`,
  timing: (ms: number, prints: number) => `  ${ms} ms, ${plural(prints, 'print')}`,
  failed: (name: string, message: string) => `FAILED ${name}: ${message}`,
  summary: (documents: number, unchanged: number, seconds: string, outDir: string) =>
    `${plural(documents, 'document')} built${unchanged > 0 ? `, ${unchanged} unchanged` : ''} in ${seconds} s into ${outDir}`,
  failures: (lines: readonly string[]) => `${lines.length} document(s) failed:\n${lines.join('\n')}`,
  valid: (datasets: readonly string[]) => `${plural(datasets.length, 'dataset')} valid: ${datasets.join(', ')}`,
};

/** Writing into out/. */
export const outputs = {
  outsideOutput: (outDir: string, folder: string) => `refusing to write outside ${outDir}: ${folder}`,
  symlinkInOutput: (folder: string) => `refusing to write into ${folder}: it is a symbolic link, and outputs are written only inside the output folder; make it a folder`,
  waitingForOutput: (outDir: string, pid: number | undefined) => `waiting for the build writing into ${outDir}${pid ? ` (process ${pid})` : ''} to finish`,
  outputLocked: (outDir: string, pid: number | undefined) =>
    `another build is still writing into ${outDir}${pid ? ` (process ${pid})` : ''}; wait for it to finish, or build into another folder with --out`,
};

/** The command line. */
export const commandLine = {
  wholeNumber: () => 'expected a whole number of 1 or more',
  authority: (hint: string, found: string) => `expected an authority written with ${hint}, found "${found}"`,
  year: (hint: string, found: string) => `expected ${hint}, found "${found}"`,
  documentKinds: (kinds: readonly string[], unknown: readonly string[]) => `expected one of ${kinds.join(', ')}, found ${unknown.join(', ')}`,
  outputFormats: (formats: readonly string[], unknown: readonly string[]) => `expected formats among ${formats.join(', ')}, found ${unknown.join(', ')}`,
  oneYearAfterRegion: (found: string) => `expected one year after --region, found ${found}`,
  unexpected: (message: string) => `unexpected error: ${message}\n(run with --debug for the stack)`,
  causedBy: (text: string) => `caused by: ${text}`,
  previewing: (url: string) => `previewing at ${url} (Ctrl-C to stop)`,
};

/** The preview server. */
export const preview = {
  badRequest: () => 'Bad request: the address is not a valid URL.',
  notThisHost: () => 'Misdirected request: the preview answers only to 127.0.0.1, localhost and [::1].',
  tooManyStreams: () => 'Too many pages are following the preview; close some and reload.',
  portInUse: (port: number) => `port ${port} is in use: stop what is using it, or choose another with --port`,
  rebuilt: (documents: number) => `preview: rebuilt ${plural(documents, 'document')}`,
  problem: (firstLine: string) => `preview: ${firstLine}`,
};

/** Starting a dataset (`annual-report new`). */
export const scaffolding = {
  exists: (path: string) => `${path} already exists; \`annual-report new\` never overwrites a file`,
  wroteNextYear: (path: string, from: string) =>
    `wrote ${path} from ${from}: fill in the figures marked "fill in", write the sections marked "To write", review the rest`,
  wroteAuthority: (path: string) => `wrote ${path}: check the names and fill in the contact`,
  wroteTemplate: (path: string) => `wrote ${path}: a template with every section; fill it in`,
  then: (path: string) => `then: annual-report validate ${path}`,
  wrote: (path: string) => `wrote ${path}`,
  kept: (path: string) => `kept ${path}: it already exists`,
  projectReady: (folder: string) =>
    `the project is ready in ${folder}; next: annual-report new <authority> <yyyy-yy> (such as: annual-report new example-town 2025-26)`,
};

/** The SSDA903 import: the return's own mistakes, each at its file and row, and what the import did. */
export const ssda903 = {
  notCsv: (detail: string) => `not a CSV table the import can read: ${detail}`,
  emptyFile: () => 'left out: the file is empty',
  otherTable: (columns: string) => `left out: not one of the tables the adoption measures need (Header, Episodes, AD1, PlacedAdoption); its columns begin ${columns}`,
  missingColumns: (table: string, missing: readonly string[]) => `the ${table} table lacks the column${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`,
  tableMissing: (table: string) => `no ${table} table among the files: export it from the return with its header row`,
  dateMissing: () => 'expected a date, dd/mm/yyyy, found nothing',
  notADate: (text: string) => `expected a date, dd/mm/yyyy, found "${text}"`,
  unknownCode: (text: string, allowed: readonly string[], rule?: string) =>
    `expected one of ${allowed.join(', ')}, found "${text}"${rule ? ` (the DfE's validation rule ${rule})` : ''}`,
  noChildId: () => 'expected a child ID, found nothing',
  notInHeader: () => 'the child has episodes but no row in the Header table',
  endsBeforeStart: (dec: string, decom: string) => `the episode ends (${dec}) before it starts (${decom})`,
  reasonWithoutEnd: (rec: string) => `a reason the episode ended (${rec}) but no date it ended`,
  adoptedNotPlaced: (rec: string, place: string) =>
    `an adoption (${rec}) must end a placement for adoption (A3 to A6), found placement ${place} (the DfE's validation rule 390)`,
  openNotLast: (next: string) => `the episode has no end date, but another begins after it (${next})`,
  overlaps: (decom: string, dec: string) => `the episode begins (${decom}) before the one before it ends (${dec})`,
  gapInCare: (dec: string, decom: string) => `the episode before ended ${dec} with the child still looked after (X1), so this one should begin then, found ${decom}`,
  ad1NotAdopted: (year: string) => `an adoption record (AD1) for a child not adopted in ${year}`,
  fosterCarerNotA3A5: (place: string) =>
    `FOSTER_CARE is 1 (adopted by the foster carer), but the adoptive placement is ${place}, not A3 or A5 (the DfE's validation rule 335)`,
  orderWithoutDecision: () => 'a placement order (LS E1 or D1) with no decision that the child should be placed for adoption in PlacedAdoption or AD1',
  noInput: (path: string) => `${path}: no such file or folder (give the return's CSV tables, or the folder holding them)`,
  noAuthority: (folder: string, id: string) => `${folder} does not exist: start the authority first (annual-report new ${id} <yyyy-yy>)`,
  keyCreated: (path: string) =>
    `created the pseudonymisation key ${path}: keep it, and back it up (the same key gives every child the same reference each year); never publish it or put it in data/ or out/`,
  nothingWritten: () => 'Nothing was written: correct the return (or export it again) and import again.',
  read: (children: number, kept: number, year: string) => `read ${children} children; ${kept} on the adoption pathway in ${year}`,
  counts: (c: { adopted: number; placed: number; orders: number; decisions: number; waiting: number }) =>
    `adopted ${c.adopted}, placed ${c.placed}, placement orders ${c.orders}, decisions to place ${c.decisions}, waiting at year end ${c.waiting}`,
  measure: (code: string, computed: string, typed: string | undefined) => `  ${code}: ${computed}${typed === undefined ? '' : ` (the year file types ${typed})`}`,
  unchanged: (path: string) => `${path} is already up to date`,
  wouldWrite: (path: string, c: { added: number; removed: number; changed: number }) =>
    `would write ${path}: ${c.added} children added, ${c.changed} changed, ${c.removed} removed (--dry-run: nothing written)`,
  wrote: (path: string, count: number) => `wrote ${path}: ${count} children`,
};

/** Plain English: advice on a narrative field, at its line. */
export const plainEnglish = {
  longSentence: (words: number, most: number) => `a sentence of ${words} words: plain English keeps to ${most} or fewer; split it`,
  avoid: (word: string, instead: string) => `"${word}" is on GOV.UK's list of words to avoid: write "${instead}"`,
  notInGlossary: (term: string) =>
    `${term} is not in the glossary, so readers cannot look it up: write it out, or add it to authority.yaml's glossary (term, expansion, explanation)`,
};
