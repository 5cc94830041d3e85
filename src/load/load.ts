/**
 * Finding and loading datasets: `data/<authority>/authority.yaml` and `data/<authority>/<yyyy-yy>.yaml`.
 * Every problem in every file is collected, so an author sees them all at once.
 */
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { z } from 'zod';
import { contrastRatio, MIN_TEXT_CONTRAST } from '../domain/colour.js';
import { agencySlug, namesAgency } from '../domain/text.js';
import type { FileSystem } from '../effects.js';
import { errorsIn, type Problem } from '../errors.js';
import { AUTHORITY_ID_HINT, FISCAL_YEAR_HINT, isAuthorityId, parseFiscalYear, YEAR_FILE, type FiscalYear } from '../domain/fiscal-year.js';
import { checkRecords } from './records.js';
import { stillToFillIn } from './placeholders.js';
import { readAuthorityImages, readImage } from './images.js';
import { normaliseAgency, normaliseAuthority, type AgencyInfo, type Authority, type AuthorityImages, type LoadedDataset, type LoadedYear } from './model.js';
import { agencySchema, agencyYearSchema, authoritySchema, projectSchema, recordsFileSchema, yearSchema, type AuthorityInput, type ProjectInput, type YearInput } from './schema.js';
import { decodeText, locate, parseYaml, problemAt, releaseTree, validateAgainst, type SourceFile } from './yaml.js';
import { loading } from '../messages.js';

export const AUTHORITY_FILE = 'authority.yaml';
/** What makes a folder under data/ a regional adoption agency's instead of an authority's. */
export const AGENCY_FILE = 'agency.yaml';

export interface LoadResult {
  datasets: LoadedDataset[];
  problems: Problem[];
}

/** A dataset the user asked for: one authority folder and, optionally, one year in it. */
interface Selection {
  folder: string;
  year?: string;
}

/**
 * Loads the datasets named by `targets` (year files or authority folders), or every dataset
 * under `dataDir` when there are none. Earlier years of each authority are loaded too, since
 * reports show them beside the current year.
 */
export function loadDatasets(files: FileSystem, targets: readonly string[], options: { dataDir: string; cwd: string }): LoadResult {
  const problems: Problem[] = [];
  const selections =
    targets.length > 0
      ? targets.map((t) => selectionFor(files, resolve(options.cwd, t), options.cwd, problems))
      : allAuthorityFolders(files, resolve(options.cwd, options.dataDir), options.cwd, problems);
  const datasets: LoadedDataset[] = [];
  const loaded = new Map<string, { authority?: Authority; years: LoadedYear[]; agency?: AgencyInfo }>();
  for (const selection of selections) {
    if (!selection) continue;
    let folder = loaded.get(selection.folder);
    if (!folder) {
      folder = loadAuthorityFolder(files, selection.folder, options.cwd, problems);
      loaded.set(selection.folder, folder);
    }
    const { authority, years, agency } = folder;
    if (!authority) continue;
    const chosen = selection.year ? years.filter((y) => y.year.id === selection.year) : years;
    for (const current of chosen) {
      if (datasets.some((d) => d.authority.id === authority.id && d.current.year.id === current.year.id)) continue;
      const earlier = years.filter((y) => y.year.startYear < current.year.startYear).sort((a, b) => b.year.startYear - a.year.startYear);
      datasets.push({ authority, current, earlier, ...(agency ? { agency } : {}) });
    }
  }
  datasets.sort((a, b) => a.authority.id.localeCompare(b.authority.id) || a.current.year.startYear - b.current.year.startYear);
  return { datasets, problems };
}

/**
 * The other partners of the regional adoption agencies of the datasets: authority folders beside
 * theirs whose authority.yaml names the same agency, with every year they have. What a public
 * document may show depends on what the partners publish (a regional total less what they show
 * gives back the rest), so a build of one authority audits its figures with theirs. Their own
 * problems are not this build's: a partner's file that does not load is left out.
 */
export function loadRegionPartners(files: FileSystem, datasets: readonly LoadedDataset[], options: { cwd: string }): LoadedDataset[] {
  const agencyOf = (name: string | null) => (name === null ? undefined : agencySlug(name));
  const agencies = new Set(datasets.map((d) => agencyOf(d.authority.regionalAgency)).filter(Boolean));
  if (agencies.size === 0) return [];
  const loadedFolders = new Set(datasets.map((d) => d.authority.folder));
  const ignored: Problem[] = [];
  const partnerFolders = [...new Set(datasets.map((d) => dirname(d.authority.folder)))]
    .flatMap((parent) => files.list(parent).filter((e) => e.kind === 'directory' && !e.name.startsWith('.')).map((e) => join(parent, e.name)))
    .filter((folder) => {
      // Only what lies inside the data folder is read, as for the datasets themselves.
      const inside = (path: string) => files.realPath(path).startsWith(`${files.realPath(dirname(folder))}${sep}`);
      const authorityFile = join(folder, AUTHORITY_FILE);
      return !loadedFolders.has(folder) && files.kind(authorityFile) === 'file' && inside(folder) && inside(authorityFile);
    })
    .filter((folder) => {
      const authority = loadAuthority(files, basename(folder), folder, join(folder, AUTHORITY_FILE), options.cwd, ignored);
      if (authority) joinAgency(files, authority, options.cwd);
      return authority !== undefined && agencies.has(agencyOf(authority.regionalAgency));
    });
  return partnerFolders.length === 0 ? [] : loadDatasets(files, partnerFolders, { dataDir: '', cwd: options.cwd }).datasets;
}

/**
 * What the datasets' documents print from elsewhere: for an authority, its regional adoption
 * agency's dataset (`data/<agency>/`, whose section each partner's report carries); for an agency,
 * its partners' datasets (whose figures its report adds up). The agency's problems are this
 * build's, since its text is printed; a partner's are not, as for loadRegionPartners.
 */
export function loadAgencyCompanions(
  files: FileSystem,
  datasets: readonly LoadedDataset[],
  options: { cwd: string },
): { datasets: LoadedDataset[]; problems: Problem[] } {
  const loadedFolders = new Set(datasets.map((d) => d.authority.folder));
  const agencyFolders = new Set<string>();
  const partnerFolders = new Set<string>();
  for (const d of datasets) {
    const parent = dirname(d.authority.folder);
    if (d.agency) for (const id of d.agency.partners) partnerFolders.add(join(parent, id));
    else if (d.authority.agencyFolder) agencyFolders.add(d.authority.agencyFolder);
  }
  const present = (folders: Set<string>, file: string) => [...folders].filter((f) => !loadedFolders.has(f) && files.kind(join(f, file)) === 'file');
  const agencies = present(agencyFolders, AGENCY_FILE);
  const partners = present(partnerFolders, AUTHORITY_FILE);
  const fromAgencies = agencies.length > 0 ? loadDatasets(files, agencies, { dataDir: '', cwd: options.cwd }) : { datasets: [], problems: [] };
  const fromPartners = partners.length > 0 ? loadDatasets(files, partners, { dataDir: '', cwd: options.cwd }).datasets : [];
  return { datasets: [...fromAgencies.datasets, ...fromPartners], problems: fromAgencies.problems };
}

/**
 * The year files the targets name, found without reading them; undefined if a target is not a
 * dataset (loading will say why).
 */
export function yearFilesOf(
  files: FileSystem,
  targets: readonly string[],
  options: { dataDir: string; cwd: string },
): { folder: string; year: string; file: string }[] | undefined {
  const problems: Problem[] = [];
  const selections =
    targets.length > 0
      ? targets.map((t) => selectionFor(files, resolve(options.cwd, t), options.cwd, problems))
      : allAuthorityFolders(files, resolve(options.cwd, options.dataDir), options.cwd, problems);
  if (problems.length > 0) return undefined;
  return selections.flatMap((selection) => {
    const years = selection!.year
      ? [`${selection!.year}.yaml`]
      : files
          .list(selection!.folder)
          .map((entry) => entry.name)
          .filter((name) => YEAR_FILE.test(name));
    return years.map((name) => ({ folder: selection!.folder, year: name.slice(0, 7), file: join(selection!.folder, name) }));
  });
}

function display(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel.startsWith('..') ? path : rel;
}

function selectionFor(files: FileSystem, target: string, cwd: string, problems: Problem[]): Selection | undefined {
  const kind = files.kind(target);
  if (kind === 'missing') {
    problems.push({ severity: 'error', file: display(target, cwd), message: loading.noDatasetAtPath() });
    return undefined;
  }
  if (kind === 'directory') return { folder: target };
  const match = YEAR_FILE.exec(basename(target));
  if (!match) {
    const hint =
      basename(target) === AUTHORITY_FILE
        ? loading.authorityFileNamed()
        : loading.notAYearFile(FISCAL_YEAR_HINT);
    problems.push({ severity: 'error', file: display(target, cwd), message: hint });
    return undefined;
  }
  return { folder: dirname(target), year: match[1]! };
}

function allAuthorityFolders(files: FileSystem, dataDir: string, cwd: string, problems: Problem[]): Selection[] {
  if (files.kind(dataDir) !== 'directory') {
    problems.push({
      severity: 'error',
      file: display(dataDir, cwd),
      message: loading.noDataFolder(),
    });
    return [];
  }
  return files
    .list(dataDir)
    .filter((entry) => entry.kind === 'directory' && !entry.name.startsWith('.'))
    .map((entry) => ({ folder: join(dataDir, entry.name) }));
}

/** The file a council project keeps its settings in, beside its data folder. */
export const PROJECT_FILE = 'annual-report.config.yaml';

/** A project's settings from `annual-report.config.yaml` in `cwd`; none when there is no such file. */
export function loadProject(files: FileSystem, cwd: string): { project?: ProjectInput; problems: Problem[] } {
  const path = join(cwd, PROJECT_FILE);
  if (files.kind(path) !== 'file') return { problems: [] };
  const problems: Problem[] = [];
  const read = readSource(files, path, cwd, problems);
  if (!read) return { problems };
  const result = validateAgainst(read.source, read.value ?? {}, projectSchema);
  if (!result.ok) return { problems: [...problems, ...result.problems] };
  // The council's own look must be there, as named.
  const look = result.value.look;
  for (const [key, kind] of [
    ['templates', 'directory'],
    ['stylesheet', 'file'],
    ['word_styles', 'file'],
  ] as const) {
    const named = look?.[key];
    if (named && files.kind(resolve(cwd, named)) !== kind)
      problems.push(problemAt(read.source, locate(read.source, ['look', key]).position, loading.lookMissing(key === 'templates' ? 'a folder' : key === 'stylesheet' ? 'a stylesheet' : 'a Word document', named), { dataPath: ['look', key] }));
  }
  return errorsIn(problems).length > 0 ? { problems } : { project: result.value, problems: [...problems, ...result.problems] };
}

function readSource(files: FileSystem, path: string, cwd: string, problems: Problem[]): { source: SourceFile; value: unknown } | undefined {
  const displayPath = display(path, cwd);
  const decoded = decodeText(displayPath, files.read(path));
  problems.push(...decoded.problems);
  if (decoded.text === undefined) return undefined;
  const parsed = parseYaml(displayPath, decoded.text);
  problems.push(...parsed.problems);
  if (parsed.value === undefined) return undefined;
  return { source: parsed.source, value: parsed.value };
}

/** A file's data, read and validated without reporting (its own load reports its problems); undefined if either fails. */
function readQuietly<S extends z.ZodType>(files: FileSystem, path: string, schema: S, cwd: string): z.output<S> | undefined {
  const read = readSource(files, path, cwd, []);
  const result = read && validateAgainst(read.source, read.value, schema);
  return result?.ok ? result.value : undefined;
}

function loadAuthorityFolder(files: FileSystem, folder: string, cwd: string, problems: Problem[]): { authority?: Authority; years: LoadedYear[] } {
  const id = basename(folder);
  if (!isAuthorityId(id)) {
    problems.push({ severity: 'error', file: display(folder, cwd), message: loading.badAuthorityFolder(AUTHORITY_ID_HINT, id) });
    return { years: [] };
  }
  // What a folder under the data folder links to must be in the data folder too: nothing else is read,
  // nor quoted in a message (a year file linked to a file of passwords would be).
  const root = files.realPath(dirname(folder));
  const outside = (path: string) => !files.realPath(path).startsWith(`${root}${sep}`);
  if (outside(folder)) {
    problems.push({ severity: 'error', file: display(folder, cwd), message: loading.linkedFromOutside('folder') });
    return { years: [] };
  }
  if (files.kind(join(folder, AGENCY_FILE)) === 'file') return loadAgencyFolder(files, folder, cwd, problems, outside);
  const authorityPath = join(folder, AUTHORITY_FILE);
  let authority: Authority | undefined;
  if (files.kind(authorityPath) === 'file' && outside(authorityPath)) {
    problems.push({ severity: 'error', file: display(authorityPath, cwd), message: loading.linkedFromOutside('file') });
  } else if (files.kind(authorityPath) !== 'file') {
    problems.push({
      severity: 'error',
      file: display(authorityPath, cwd),
      message: loading.noAuthorityFile(),
    });
  } else {
    authority = loadAuthority(files, id, folder, authorityPath, cwd, problems);
    if (authority) problems.push(...joinAgency(files, authority, cwd));
  }
  const years: LoadedYear[] = [];
  const imported: { year: FiscalYear; children: NonNullable<YearInput['children_records']>; source: SourceFile }[] = [];
  for (const path of yamlFilesBeside(files, folder, AUTHORITY_FILE, outside, cwd, problems)) {
    if (RECORDS_FILE.test(basename(path))) {
      const records = loadRecordsFile(files, path, cwd, problems);
      if (records) imported.push(records);
      continue;
    }
    const read = readYearFile(files, path, cwd, problems, yearSchema);
    if (!read) continue;
    problems.push(...checkRecords(read.value, read.year, read.source), ...stillToFillIn(read.value, read.source));
    releaseTree(read.source);
    years.push({ year: read.year, data: read.value, source: read.source });
  }
  // Records imported from the SSDA903 return join their year's data; the year file stays as its author wrote it.
  for (const records of imported) {
    const year = years.find((y) => y.year.id === records.year.id);
    if (!year) problems.push({ severity: 'error', file: records.source.displayPath, message: loading.recordsWithoutYear(records.year.id) });
    else if (year.data.children_records)
      problems.push({ severity: 'error', file: records.source.displayPath, message: loading.recordsTwice(year.source.displayPath) });
    else year.data = { ...year.data, children_records: records.children };
  }
  return authority ? { authority, years } : { years };
}

/** The YAML files of a data folder but its own (`ownFile`): each one linked from outside the data folder is a problem, and left out. */
function yamlFilesBeside(files: FileSystem, folder: string, ownFile: string, outside: (path: string) => boolean, cwd: string, problems: Problem[]): string[] {
  const inside: string[] = [];
  for (const { name } of files.list(folder)) {
    if (name === ownFile || !/\.ya?ml$/.test(name)) continue;
    const path = join(folder, name);
    if (outside(path)) problems.push({ severity: 'error', file: display(path, cwd), message: loading.linkedFromOutside('file') });
    else inside.push(path);
  }
  return inside;
}

/** A year file named like 2024-25.yaml (or as `namePattern` gives the year), read and validated, its `year` the one its name gives; undefined (with the problems) if not. */
function readYearFile<S extends z.ZodType<{ year: string }>>(
  files: FileSystem,
  path: string,
  cwd: string,
  problems: Problem[],
  schema: S,
  namePattern: RegExp = YEAR_FILE,
): { year: FiscalYear; value: z.output<S>; source: SourceFile } | undefined {
  const fiscalYear = parseFiscalYear(namePattern.exec(basename(path))?.[1] ?? '');
  if (!fiscalYear) {
    problems.push({ severity: 'error', file: display(path, cwd), message: loading.badYearFileName(FISCAL_YEAR_HINT, basename(path)) });
    return undefined;
  }
  const read = readSource(files, path, cwd, problems);
  if (!read) return undefined;
  const result = validateAgainst(read.source, read.value, schema);
  problems.push(...result.problems);
  if (!result.ok) return undefined;
  if (result.value.year !== fiscalYear.id) {
    problems.push(problemAt(read.source, locate(read.source, ['year']).position, loading.yearDoesNotMatchFile(fiscalYear.id, result.value.year), { dataPath: ['year'] }));
    return undefined;
  }
  return { year: fiscalYear, value: result.value, source: read.source };
}

/** `<yyyy-yy>.children.yaml`: the child records `annual-report import ssda903` writes beside a year file. */
export const RECORDS_FILE = /^(\d{4}-\d{2})\.children\.ya?ml$/;

function loadRecordsFile(
  files: FileSystem,
  path: string,
  cwd: string,
  problems: Problem[],
): { year: FiscalYear; children: NonNullable<YearInput['children_records']>; source: SourceFile } | undefined {
  const read = readYearFile(files, path, cwd, problems, recordsFileSchema, RECORDS_FILE);
  if (!read) return undefined;
  problems.push(...checkRecords(read.value as YearInput, read.year, read.source));
  releaseTree(read.source);
  return { year: read.year, children: read.value.children_records, source: read.source };
}

function loadAuthority(files: FileSystem, id: string, folder: string, path: string, cwd: string, problems: Problem[]): Authority | undefined {
  const read = readSource(files, path, cwd, problems);
  if (!read) return undefined;
  const result = validateAgainst(read.source, read.value, authoritySchema);
  problems.push(...result.problems);
  if (!result.ok) return undefined;
  const input = result.value;
  if (input.id !== undefined && input.id !== id) {
    problems.push(
      problemAt(read.source, locate(read.source, ['id']).position, loading.idDoesNotMatchFolder(id, input.id), { dataPath: ['id'] }),
    );
    return undefined;
  }
  const brand = loadBranding(files, folder, input, read.source, problems);
  if (!brand) return undefined;
  return normaliseAuthority(id, input, folder, read.source, brand.logo, brand.images);
}

/** The colours and logo of an authority.yaml or agency.yaml, checked; undefined (with the problems) if they fail. */
function loadBranding(
  files: FileSystem,
  folder: string,
  input: { name: string; branding?: AuthorityInput['branding'] },
  source: SourceFile,
  problems: Problem[],
): { logo: Authority['logo']; images: AuthorityImages } | undefined {
  const accent = input.branding?.accent_colour;
  if (accent && contrastRatio(accent, '#ffffff') < MIN_TEXT_CONTRAST) {
    const ratio = contrastRatio(accent, '#ffffff').toFixed(2);
    problems.push(
      problemAt(
        source,
        locate(source, ['branding', 'accent_colour']).position,
        loading.accentTooPale(MIN_TEXT_CONTRAST, accent, ratio),
        { dataPath: ['branding', 'accent_colour'] },
      ),
    );
    return undefined;
  }
  const images = readAuthorityImages(files, folder);
  const logo = input.branding?.logo ? loadLogo(images, input.branding.logo, source, problems) : null;
  if (logo === undefined) return undefined;
  return { logo: logo ? { dataUrl: logo, alt: input.branding?.logo_alt ?? `${input.name} logo` } : null, images };
}

/** The agency folder beside an authority's that its regional_agency names, read quietly (the agency's own build reports its problems). */
function agencyNamed(files: FileSystem, parent: string, name: string | null, cwd: string): { name: string; partners: string[]; folder: string } | undefined {
  if (!name) return undefined;
  for (const entry of files.list(parent)) {
    const folder = join(parent, entry.name);
    if (entry.kind !== 'directory' || files.kind(join(folder, AGENCY_FILE)) !== 'file') continue;
    const agency = readQuietly(files, join(folder, AGENCY_FILE), agencySchema, cwd);
    if (agency && namesAgency(name, { id: entry.name, name: agency.name, shortName: agency.short_name })) return { name: agency.name, partners: agency.partners, folder };
  }
  return undefined;
}

/** An authority whose regional_agency has a folder of its own must be one of that agency's partners; it then goes by the agency's own name. */
function joinAgency(files: FileSystem, authority: Authority, cwd: string): Problem[] {
  if (!authority.regionalAgency) return [];
  const agency = agencyNamed(files, dirname(authority.folder), authority.regionalAgency, cwd);
  if (!agency) return [];
  if (agency.partners.includes(authority.id)) {
    // By whichever of its names, the agency is then called by its own, so that its partners (and the disclosure audit) see one region.
    authority.regionalAgency = agency.name;
    authority.agencyFolder = agency.folder;
    return [];
  }
  const where = locate(authority.source, ['regional_agency']).position;
  return [problemAt(authority.source, where, loading.notAPartner(authority.regionalAgency, display(join(agency.folder, AGENCY_FILE), cwd), authority.id), { dataPath: ['regional_agency'] })];
}

/**
 * `data/<agency>/`: agency.yaml and the hub's year files. The agency's partners must exist and
 * name it (by any of its names) as their regional agency.
 */
function loadAgencyFolder(
  files: FileSystem,
  folder: string,
  cwd: string,
  problems: Problem[],
  outside: (path: string) => boolean,
): { authority?: Authority; years: LoadedYear[]; agency?: AgencyInfo } {
  const id = basename(folder);
  const path = join(folder, AGENCY_FILE);
  if (outside(path)) {
    problems.push({ severity: 'error', file: display(path, cwd), message: loading.linkedFromOutside('file') });
    return { years: [] };
  }
  const read = readSource(files, path, cwd, problems);
  const result = read && validateAgainst(read.source, read.value, agencySchema);
  if (result) problems.push(...result.problems);
  let authority: Authority | undefined;
  let agency: AgencyInfo | undefined;
  if (read && result?.ok) {
    const input = result.value;
    const at = (dataPath: (string | number)[], message: string) => problems.push(problemAt(read.source, locate(read.source, dataPath).position, message, { dataPath }));
    const before = problems.length;
    input.partners.forEach((partner, i) => {
      const partnerFolder = join(dirname(folder), partner);
      const authorityFile = join(partnerFolder, AUTHORITY_FILE);
      if (files.kind(authorityFile) !== 'file' || outside(authorityFile)) return at(['partners', i], loading.noSuchPartner(partner, display(authorityFile, cwd)));
      // Only its regional_agency is needed here: the partner's own load reads the rest, and reports its problems.
      const partnerInput = readQuietly(files, authorityFile, authoritySchema, cwd);
      const named = partnerInput?.regional_agency ?? null;
      if (partnerInput && !namesAgency(named, { id, name: input.name, shortName: input.short_name })) at(['partners', i], loading.partnerNamesOtherAgency(partner, named, input.name));
    });
    const brand = loadBranding(files, folder, input, read.source, problems);
    if (brand && problems.length === before) {
      authority = normaliseAgency(id, input, folder, read.source, brand.logo, brand.images);
      agency = { hostAuthority: input.host_authority, partners: input.partners, otherPartners: input.other_partners ?? [] };
    }
  }
  const years: LoadedYear[] = [];
  for (const yearPath of yamlFilesBeside(files, folder, AGENCY_FILE, outside, cwd, problems)) {
    const read = readYearFile(files, yearPath, cwd, problems, agencyYearSchema);
    if (!read) continue;
    const { year, author, figures, ...hub } = read.value;
    problems.push(...stillToFillIn(read.value as YearInput, read.source));
    releaseTree(read.source);
    years.push({ year: read.year, data: { year, ...(author ? { author } : {}), ...(figures ? { figures } : {}) }, source: read.source, hub });
  }
  return authority && agency ? { authority, years, agency } : { years };
}

/** A logo file beside authority.yaml, checked to be a PNG or an SVG, as a data URL; undefined if not. */
function loadLogo(images: AuthorityImages, name: string, source: SourceFile, problems: Problem[]): string | undefined {
  const at = (message: string) => {
    problems.push(problemAt(source, locate(source, ['branding', 'logo']).position, message, { dataPath: ['branding', 'logo'] }));
    return undefined;
  };
  if (!/^[\w][\w.-]*$/.test(name)) return at(loading.logoNotAFileName(name));
  const image = readImage(images, name);
  if ('missing' in image) return at(loading.logoMissing(name));
  if ('reason' in image) return at(loading.logoNotAnImage(image.reason));
  if (!/^data:image\/(png|svg\+xml);/.test(image.dataUrl))
    return at(loading.logoWrongType(image.dataUrl.slice(5, image.dataUrl.indexOf(';'))));
  return image.dataUrl;
}
