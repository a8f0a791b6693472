// What to create, decided without touching the disk: the New Case Study command, "Add Missing Files", the
// missing-file quick fix and `design-notes new` all plan here and write with writePlan (write.ts).
import { path, posixPath } from '../../../common/path';
import { DEFAULT_CONFIG, type RequiredFileSpec } from '../config';
import { normalizeFileStem } from '../normalize';
import {
  DEFAULT_FOLDER_NAME_PATTERN,
  folderNameFor,
  isoDate,
  slugify,
  titleFromFolderName,
  validateCaseStudyTitle,
  validateFolderName,
} from '../../../common/scaffold/names';
import { renderTemplate, type TemplateVars } from '../../../common/scaffold/render';
import {
  ensureRequiredSections,
  kindForFileName,
  templateForFile,
  type TemplateFile,
  type TemplateSet,
} from './templates';

export interface PlannedFile {
  /** Absolute path of the file to create. */
  path: string;
  /** Path relative to the case-study folder, forward slashes. */
  relativePath: string;
  /** Rendered text to write. */
  content: string;
  /** Required-file kind the file fills, if any. */
  kind?: string;
  /** Template the content came from (for messages), or "skeleton:<kind>" when built from the config. */
  source: string;
}

export interface ScaffoldPlan {
  /** Absolute case-study folder. */
  folder: string;
  /**
   * "new": the folder must not exist yet; writing fails without touching anything if it does (New Case Study).
   * "existing": files are added into an existing folder (Add Missing Files, quick fixes).
   */
  mode: 'new' | 'existing';
  files: PlannedFile[];
  templateSetId: string;
  /** The variables the templates were rendered with. */
  vars: TemplateVars;
  /** Template files left out of the plan, and why (bad path, duplicate). */
  problems: string[];
}

export type PlanOutcome = { ok: true; plan: ScaffoldPlan } | { ok: false; error: string };

export interface PlanCaseStudyOptions {
  /** Absolute folder the case study goes into (e.g. <workspace>/case-studies). */
  root: string;
  title: string;
  templateSet: TemplateSet;
  /** Sets that supply required files the chosen set lacks (normally the built-in standard set). */
  fallbackSets?: readonly TemplateSet[];
  /** Extra or overriding variables; `author` normally comes from gitAuthor(). */
  vars?: TemplateVars;
  /** Folder-name pattern, default `{{slug}}`; `{{date}}-{{slug}}` gives a YYYY-MM-DD- prefix. */
  folderNamePattern?: string;
  /** YYYY-MM-DD; default today. */
  date?: string;
  /** Required files from the resolved config; default the built-in ones. */
  specs?: readonly RequiredFileSpec[];
}

/** Plan a new case study: its folder name and every file of the template set, plus any required file the set lacks. */
export function planCaseStudy(options: PlanCaseStudyOptions): PlanOutcome {
  const pattern = options.folderNamePattern ?? DEFAULT_FOLDER_NAME_PATTERN;
  const titleProblem = validateCaseStudyTitle(options.title, pattern);
  if (titleProblem) return { ok: false, error: titleProblem };
  const title = options.title.trim();
  const date = options.date ?? isoDate();
  const folderName = folderNameFor(title, { pattern, date });
  const folder = path.join(options.root, folderName);
  const vars: TemplateVars = { author: '', ...options.vars, title, slug: slugify(title), date, folder: folderName };
  const specs = options.specs ?? DEFAULT_CONFIG.requiredFiles;
  const plan: ScaffoldPlan = {
    folder,
    mode: 'new',
    files: [],
    templateSetId: options.templateSet.id,
    vars,
    problems: [],
  };
  for (const file of options.templateSet.files) addTemplateFile(plan, file, specs);
  addMissingRequired(
    plan,
    specs,
    [options.templateSet, ...(options.fallbackSets ?? [])],
    new Set(plan.files.map((f) => f.kind).filter(isString)),
  );
  return { ok: true, plan };
}

export interface PlanMissingOptions {
  /** Variables; `title` defaults to one derived from the folder name. */
  vars?: TemplateVars;
  /** Also create the set's files that fill no required file (api.md, …) when absent. Default false. */
  includeOptional?: boolean;
  /** Sets that supply required files the given set lacks (normally the built-in standard set). */
  fallbackSets?: readonly TemplateSet[];
  date?: string;
}

/**
 * Plan only what an existing case study lacks. `existingFiles` are the names (or relative paths) of the files
 * in the folder (CaseStudyFile.relative); a required file counts as present when any of them matches it the way the linter matches
 * (numbered prefix, case, separators, aliases), so "02_HLD.md" satisfies high-level-design.
 */
export function planMissingFiles(
  caseStudyFolder: string,
  existingFiles: readonly string[],
  requiredSpecs: readonly RequiredFileSpec[],
  templateSet: TemplateSet,
  options: PlanMissingOptions = {},
): ScaffoldPlan {
  const folderName = path.basename(caseStudyFolder);
  const title = options.vars?.title || titleFromFolderName(folderName);
  const vars: TemplateVars = {
    author: '',
    date: options.date ?? isoDate(),
    ...options.vars,
    title,
    slug: slugify(title),
    folder: folderName,
  };
  const plan: ScaffoldPlan = {
    folder: caseStudyFolder,
    mode: 'existing',
    files: [],
    templateSetId: templateSet.id,
    vars,
    problems: [],
  };
  const present = new Set<string>();
  const existingLower = new Set(existingFiles.map((f) => f.replace(/\\/g, '/').toLowerCase()));
  for (const name of existingFiles.map((f) => f.replace(/\\/g, '/'))) {
    // Like the linter (caseStudy.ts assignKinds), only files directly in the folder fill a required kind.
    if (name.includes('/')) continue;
    const kind = kindForFileName(name, requiredSpecs);
    if (kind) present.add(kind);
  }
  for (const file of templateSet.files) {
    const kind = file.kind ?? kindForFileName(file.path, requiredSpecs);
    if (kind ? present.has(kind) : !options.includeOptional) continue;
    const added = addTemplateFile(plan, file, requiredSpecs);
    // An optional file already there under another case ("API.md" for "api.md") is not missing either.
    if (added && !added.kind && existingLower.has(added.relativePath.toLowerCase())) plan.files.pop();
    if (added?.kind) present.add(added.kind);
  }
  addMissingRequired(plan, requiredSpecs, [templateSet, ...(options.fallbackSets ?? [])], present);
  return plan;
}

function isString(v: string | undefined): v is string {
  return v !== undefined;
}

/** Render one template file into the plan; returns what was added, or undefined when it was skipped (see problems). */
function addTemplateFile(
  plan: ScaffoldPlan,
  file: TemplateFile,
  specs: readonly RequiredFileSpec[],
): PlannedFile | undefined {
  let relative = renderTemplate(file.path, plan.vars).replace(/\\/g, '/');
  const problem = validateRelativePath(relative);
  if (problem) {
    plan.problems.push(`Template file "${file.path}" (${file.source}) is skipped: ${problem}`);
    return undefined;
  }
  const kind = file.kind ?? kindForFileName(relative, specs);
  const spec = kind ? specs.find((s) => s.id === kind) : undefined;
  // A kind file must carry a name the linter accepts for that kind, or the new case study would report it missing.
  if (spec && !spec.match.has(normalizeFileStem(posixPath.basename(relative)))) relative = spec.fileName;
  if (kind && plan.files.some((f) => f.kind === kind)) {
    plan.problems.push(
      `Template file "${file.path}" (${file.source}) is skipped: another file of the set already fills "${kind}".`,
    );
    return undefined;
  }
  if (plan.files.some((f) => f.relativePath.toLowerCase() === relative.toLowerCase())) {
    plan.problems.push(
      `Template file "${file.path}" (${file.source}) is skipped: the set already has a file at "${relative}".`,
    );
    return undefined;
  }
  let content = renderTemplate(file.text, plan.vars);
  if (spec) content = ensureRequiredSections(content, spec, { vars: plan.vars });
  const planned: PlannedFile = {
    path: path.join(plan.folder, ...relative.split('/')),
    relativePath: relative,
    content,
    kind: spec?.id,
    source: file.source,
  };
  plan.files.push(planned);
  return planned;
}

function addMissingRequired(
  plan: ScaffoldPlan,
  specs: readonly RequiredFileSpec[],
  sets: readonly TemplateSet[],
  present: Set<string>,
): void {
  for (const spec of specs) {
    if (present.has(spec.id)) continue;
    const content = templateForFile(spec.id, { sets, specs, vars: plan.vars }) ?? '';
    if (plan.files.some((f) => f.relativePath.toLowerCase() === spec.fileName.toLowerCase())) {
      plan.problems.push(
        `Required file "${spec.fileName}" clashes with a template file of the same name; the template file is kept.`,
      );
      continue;
    }
    plan.files.push({
      path: path.join(plan.folder, spec.fileName),
      relativePath: spec.fileName,
      content,
      kind: spec.id,
      source: `skeleton:${spec.id}`,
    });
    present.add(spec.id);
  }
}

/** Why a template's relative path cannot be created inside the case-study folder, or undefined. */
export function validateRelativePath(relative: string): string | undefined {
  if (!relative) return 'the path is empty.';
  if (relative.startsWith('/') || /^[A-Za-z]:/.test(relative))
    return 'the path must be relative to the case-study folder.';
  for (const segment of relative.split('/')) {
    const reason = validateFolderName(segment);
    if (reason) return `"${segment}": ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`;
  }
  return undefined;
}
