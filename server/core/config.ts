import Ajv, { type ErrorObject } from 'ajv';
import {
  findNodeAtLocation,
  getNodeValue,
  parseTree,
  printParseErrorCode,
  stripComments,
  type ParseError,
} from 'jsonc-parser';
import defaultsJson from './data/defaults.json';
import schema from '../../schemas/designnotes.schema.json';
import { compileGlob, expandBraces, MAX_BRACE_EXPANSIONS, MAX_GLOB_LENGTH } from './glob';
import { normalizeFileStem, normalizeHeading } from './normalize';
import type { Range, SeveritySetting } from './types';
import { excessiveNesting, rangeOf, pathOf, schemaErrorRange, TOO_DEEP_MESSAGE } from './jsonText';

export { CONFIG_FILE_NAME } from '../../common/configFile';

export interface SectionSpec {
  id: string;
  name: string;
  aliases: string[];
  template?: string;
  /** Normalised name and aliases, for matching headings. */
  match: Set<string>;
  /** Normalised words any one of which, anywhere in a heading or bold label, fills the section. */
  keywords: Set<string>;
}

export interface RequiredFileSpec {
  id: string;
  title: string;
  fileName: string;
  aliases: string[];
  sections: SectionSpec[];
  /** Normalised file stems accepted for this kind. */
  match: Set<string>;
  /** Aliases written as globs (`*architecture*`), matched against the file name and its normalised stem. */
  globs: ((name: string) => boolean)[];
  /**
   * Headings that make a section of another file of the case study fill this part (trade-offs written as
   * section 7 of hld.md). Normalised; a heading fills the part when it contains one of them as whole words.
   */
  headings: string[];
}

/** What a case study is: a design held to the required parts, or another kind of document that is not. */
export type CaseStudyKind = 'design' | 'postmortem' | 'adr' | 'notes';
export const CASE_STUDY_KINDS: readonly CaseStudyKind[] = ['design', 'postmortem', 'adr', 'notes'];

export interface ResolvedConfig {
  caseStudies: string[];
  exclude: string[];
  maxFileSize: number;
  requiredFiles: RequiredFileSpec[];
  /** Kind per glob of case-study paths (relative to the config's folder), first match wins; else detected. */
  kinds: { glob: string; kind: CaseStudyKind }[];
  rules: Record<string, SeveritySetting>;
  catalog?: string;
  templates?: string;
  /** Relative error accepted between a stated estimate and the computed one (estimate-math). */
  estimateTolerance: number;
}

export interface ConfigProblem {
  message: string;
  range: Range;
  severity: 'error' | 'warning';
}

export interface LoadedConfig {
  config: ResolvedConfig;
  problems: ConfigProblem[];
}

interface RawSection {
  id?: string;
  name: string;
  aliases?: string[];
  keywords?: string[];
  template?: string;
}
interface RawRequiredFile {
  title?: string;
  fileName?: string;
  aliases?: string[];
  headings?: string[];
  sections?: RawSection[];
  /** Replace the built-in entry of the same id instead of extending it. */
  replace?: boolean;
}
interface RawConfig {
  caseStudies?: string[];
  exclude?: string[];
  maxFileSize?: number;
  requiredFiles?: Record<string, RawRequiredFile | false>;
  kinds?: Record<string, CaseStudyKind>;
  rules?: Record<string, SeveritySetting>;
  catalog?: string;
  templates?: string;
  estimates?: { tolerance?: number };
}

const defaults = defaultsJson as unknown as RawConfig;

function resolveSection(raw: RawSection): SectionSpec {
  const aliases = raw.aliases ?? [];
  const id = raw.id ?? normalizeHeading(raw.name).replace(/ /g, '-');
  return {
    id,
    name: raw.name,
    aliases,
    template: raw.template,
    match: new Set([raw.name, ...aliases].map(normalizeHeading).filter(Boolean)),
    keywords: new Set((raw.keywords ?? []).map(normalizeHeading).filter((k) => k && !k.includes(' '))),
  };
}

const GLOB_CHARS = /[*?[\]{}]/;

function resolveRequiredFile(id: string, raw: RawRequiredFile & { fileName: string }): RequiredFileSpec {
  const aliases = raw.aliases ?? [];
  const plain = aliases.filter((a) => !GLOB_CHARS.test(a));
  const sections = (raw.sections ?? []).map(resolveSection);
  return {
    id,
    title: raw.title ?? id,
    fileName: raw.fileName,
    aliases,
    sections,
    match: new Set(
      [normalizeFileStem(raw.fileName), normalizeFileStem(id), ...plain.map(normalizeFileStem)].filter(Boolean),
    ),
    globs: aliases
      .filter((a) => GLOB_CHARS.test(a) && !isTooComplexGlob(a))
      .map((a) => compileGlob(a.replace(/\.(md|markdown|mdx)$/i, ''), { nocase: true, dot: true }))
      .filter((m): m is (name: string) => boolean => m !== undefined),
    headings: [...new Set([raw.title ?? id, ...(raw.headings ?? [])].map(normalizeHeading).filter(Boolean))],
  };
}

/**
 * A workspace entry for a built-in id extends the built-in one: its aliases and headings are added, its sections
 * are merged by id (or name) and new ones appended, its title and fileName win. Replacing the whole entry silently
 * dropped every built-in section check for a user who only wanted one more alias; `"replace": true` still does it.
 */
function mergeRequiredFile(base: RawRequiredFile | undefined, own: RawRequiredFile): RawRequiredFile {
  if (!base || own.replace) return own;
  const sections = [...(base.sections ?? [])];
  for (const section of own.sections ?? []) {
    const key = section.id ?? normalizeHeading(section.name).replace(/ /g, '-');
    const at = sections.findIndex((s) => (s.id ?? normalizeHeading(s.name).replace(/ /g, '-')) === key);
    if (at < 0) sections.push(section);
    else {
      const merged = (a?: string[], b?: string[]) => [...new Set([...(a ?? []), ...(b ?? [])])];
      sections[at] = {
        ...sections[at],
        ...section,
        aliases: merged(sections[at].aliases, section.aliases),
        keywords: merged(sections[at].keywords, section.keywords),
      };
    }
  }
  return {
    title: own.title ?? base.title,
    fileName: own.fileName ?? base.fileName,
    aliases: [...new Set([...(base.aliases ?? []), ...(own.aliases ?? [])])],
    headings: [...new Set([...(base.headings ?? []), ...(own.headings ?? [])])],
    sections,
  };
}

/** Whether a Markdown file name (no folders) fills a required part by its name: stem, alias or alias glob. */
export function fileNameFills(fileName: string, spec: RequiredFileSpec): boolean {
  const stem = normalizeFileStem(fileName);
  if (spec.match.has(stem)) return true;
  const bare = fileName.replace(/\.(md|markdown|mdx)$/i, '');
  return spec.globs.some((m) => m(bare) || m(stem));
}

function resolve(raw: RawConfig): ResolvedConfig {
  const builtIn = defaults.requiredFiles ?? {};
  const files: Record<string, RawRequiredFile | false> = { ...builtIn };
  for (const [id, own] of Object.entries(raw.requiredFiles ?? {})) {
    const base = builtIn[id];
    files[id] = own === false ? false : mergeRequiredFile(base === false ? undefined : base, own);
  }
  return {
    caseStudies: raw.caseStudies ?? defaults.caseStudies ?? [],
    exclude: raw.exclude ?? defaults.exclude ?? [],
    maxFileSize: raw.maxFileSize ?? defaults.maxFileSize ?? 1_000_000,
    requiredFiles: Object.entries(files)
      .filter(
        (e): e is [string, RawRequiredFile & { fileName: string }] =>
          e[1] !== false && typeof e[1].fileName === 'string',
      )
      .map(([id, spec]) => resolveRequiredFile(id, spec)),
    kinds: Object.entries(raw.kinds ?? {})
      .filter(([glob]) => !isTooComplexGlob(glob))
      .map(([glob, kind]) => ({ glob, kind })),
    rules: { ...(raw.rules ?? {}) },
    catalog: raw.catalog,
    templates: raw.templates,
    estimateTolerance: raw.estimates?.tolerance ?? 0.2,
  };
}

export const DEFAULT_CONFIG: ResolvedConfig = resolve({});

let validator: ReturnType<Ajv['compile']> | undefined;
function getValidator() {
  // Compiled lazily: most workspaces have no config file and never pay for it.
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  return validator;
}

/** "an array", "an object", "an integer", "a string" (Ajv may also give a list such as "string,boolean"). */
function withArticle(type: string): string {
  const first = type.split(',')[0];
  return `${/^[aeiou]/.test(first) ? 'an' : 'a'} ${type.replace(/,/g, ' or ')}`;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath ? `"${pathOf(error.instancePath).join('.')}"` : 'The configuration';
  switch (error.keyword) {
    case 'additionalProperty':
    case 'additionalProperties': {
      const prop = (error.params as { additionalProperty: string }).additionalProperty;
      return error.instancePath === '/rules'
        ? `Unknown rule id "${prop}".`
        : `Unknown setting "${prop}" in ${where === 'The configuration' ? 'the configuration' : where}.`;
    }
    case 'enum':
      return `${where} must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'type':
      return `${where} must be ${withArticle((error.params as { type: string }).type)}.`;
    case 'required':
      return `${where} needs "${(error.params as { missingProperty: string }).missingProperty}".`;
    case 'pattern':
      return `${where} must be a file name ending in .md, without folders.`;
    default:
      return `${where} ${error.message ?? 'is invalid'}.`;
  }
}

/** Drop the invalid parts of a raw config, so that everything valid still applies and defaults fill the rest. */
function prune(raw: Record<string, unknown>, errors: ErrorObject[]): RawConfig {
  const copy = structuredClone(raw);
  for (const e of errors) {
    const path = pathOf(e.instancePath);
    // An invalid required-file entry or rule severity is dropped at its own key; anything else at the top-level key.
    const depth = path[0] === 'requiredFiles' || path[0] === 'rules' || path[0] === 'kinds' ? 2 : 1;
    const cut = path.slice(0, depth);
    if (e.keyword === 'additionalProperties' && path.length === 0)
      cut.push((e.params as { additionalProperty: string }).additionalProperty);
    if (e.keyword === 'additionalProperties' && path[0] === 'rules' && path.length === 1)
      cut.push((e.params as { additionalProperty: string }).additionalProperty);
    if (cut.length === 0) continue;
    let parent: unknown = copy;
    for (let i = 0; i < cut.length - 1; i++) parent = (parent as Record<string | number, unknown>)?.[cut[i]];
    if (parent && typeof parent === 'object') delete (parent as Record<string | number, unknown>)[cut[cut.length - 1]];
  }
  return copy as RawConfig;
}

/**
 * Parse a .designnotes.json (comments and trailing commas allowed). Never throws: problems come back with their
 * position, invalid parts are ignored, and defaults stay in force for everything not validly set.
 */
export function loadConfig(text: string, knownRuleIds?: readonly string[]): LoadedConfig {
  // An empty file (just created, or only comments) sets nothing: defaults, no error.
  if (!stripComments(text).trim()) return { config: DEFAULT_CONFIG, problems: [] };
  const problems: ConfigProblem[] = [];
  const tooDeep = excessiveNesting(text);
  if (tooDeep >= 0) {
    problems.push({
      message: `The configuration ${TOO_DEEP_MESSAGE}. Built-in defaults are used.`,
      range: rangeOf(text, tooDeep, 1),
      severity: 'error',
    });
    return { config: DEFAULT_CONFIG, problems };
  }
  const parseErrors: ParseError[] = [];
  const tree = parseTree(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  for (const e of parseErrors) {
    problems.push({
      message: `Invalid JSON: ${humanParseError(printParseErrorCode(e.error))}. Built-in defaults are used.`,
      range: rangeOf(text, e.offset, e.length),
      severity: 'error',
    });
  }
  if (parseErrors.length || !tree) {
    if (!tree && !parseErrors.length && text.trim())
      problems.push({
        message: 'The configuration is not a JSON object. Built-in defaults are used.',
        range: rangeOf(text, 0, 1),
        severity: 'error',
      });
    return { config: DEFAULT_CONFIG, problems };
  }
  const raw = getNodeValue(tree) as unknown;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({
      message: 'The configuration must be a JSON object. Built-in defaults are used.',
      range: rangeOf(text, tree.offset, tree.length),
      severity: 'error',
    });
    return { config: DEFAULT_CONFIG, problems };
  }
  const validate = getValidator();
  let errors: ErrorObject[] = [];
  if (!validate(raw)) errors = dedupe(validate.errors ?? []);
  for (const e of errors) {
    problems.push({
      message: describe(e) + ' This setting is ignored.',
      range: schemaErrorRange(text, tree, e),
      severity: 'error',
    });
  }
  const cleaned = prune(raw as Record<string, unknown>, errors);
  for (const key of ['caseStudies', 'exclude'] as const) {
    const globs = cleaned[key];
    if (!Array.isArray(globs)) continue;
    cleaned[key] = globs.filter((glob, index) => {
      const problem = globProblem(glob);
      if (!problem) return true;
      const node = findNodeAtLocation(tree, [key, index]);
      problems.push({
        message: problem,
        range: node ? rangeOf(text, node.offset, node.length) : rangeOf(text, 0, 1),
        severity: 'error',
      });
      return false;
    });
  }
  if (typeof cleaned.maxFileSize === 'number' && cleaned.maxFileSize > MAX_FILE_SIZE_CEILING) {
    const node = findNodeAtLocation(tree, ['maxFileSize']);
    problems.push({
      message: `"maxFileSize" is capped at ${MAX_FILE_SIZE_CEILING.toLocaleString('en-US')} bytes: larger notes would hold the checks (and the editor's language server) for minutes and can exhaust memory. ${MAX_FILE_SIZE_CEILING.toLocaleString('en-US')} is used.`,
      range: node ? rangeOf(text, node.offset, node.length) : rangeOf(text, 0, 1),
      severity: 'warning',
    });
    cleaned.maxFileSize = MAX_FILE_SIZE_CEILING;
  }
  if (knownRuleIds && cleaned.rules) {
    // The schema lists the rule ids too; this covers callers whose schema is older than the running rules.
    for (const id of Object.keys(cleaned.rules)) {
      if (!knownRuleIds.includes(id)) {
        const node = findNodeAtLocation(tree, ['rules', id])?.parent?.children?.[0];
        problems.push({
          message: `Unknown rule id "${id}".`,
          range: node ? rangeOf(text, node.offset, node.length) : rangeOf(text, 0, 1),
          severity: 'error',
        });
        delete cleaned.rules[id];
      }
    }
  }
  return { config: resolve(cleaned), problems };
}

/**
 * The most `maxFileSize` can be set to. markdown-it needs 2–10 s per MB of the densest Markdown on the language
 * server's main thread, and a workspace sets this value: 9007199254740991 let a 62 MB note run the CLI out of heap.
 * 4 MB is thirty times the largest real design note we know of.
 */
export const MAX_FILE_SIZE_CEILING = 4_000_000;

/**
 * Globs are matched by glob.ts in bounded time, but a glob that would take long even there, or that says more than a
 * real pattern needs, is refused with a config error so the user hears about it: more than
 * MAX_BRACE_EXPANSIONS alternatives once its braces are expanded, or (in any expansion) more than three `*` in one
 * path segment. The segments are judged after expansion: `*{/,}*{/,}*…` has one `*` between slashes as written,
 * but eight in one segment once the braces pick their empty alternative.
 */
const MAX_STARS_PER_SEGMENT = 3;

/** Why a glob is refused, or undefined when it is fine. */
export function globProblem(glob: string): string | undefined {
  const expanded = expandBraces(glob);
  if (!expanded)
    return `The glob "${glob}" expands to more than ${MAX_BRACE_EXPANSIONS} alternatives (or is longer than ${MAX_GLOB_LENGTH} characters); matching it could take minutes per folder. This glob is ignored.`;
  const tooManyStars = expanded.some((g) =>
    g
      .replace(/\0/g, '')
      .split('/')
      .some((segment) => segment !== '**' && (segment.match(/\*/g) ?? []).length > MAX_STARS_PER_SEGMENT),
  );
  if (tooManyStars)
    return `The glob "${glob}" has more than ${MAX_STARS_PER_SEGMENT} wildcards in one path segment${expanded.length > 1 ? ' once its braces are expanded' : ''}; matching such a glob can take minutes per folder. This glob is ignored.`;
  return undefined;
}

export function isTooComplexGlob(glob: string): boolean {
  return globProblem(glob) !== undefined;
}

function humanParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function dedupe(errors: ErrorObject[]): ErrorObject[] {
  // oneOf failures repeat each branch's errors; keep the most specific one per path.
  const seen = new Set<string>();
  const out: ErrorObject[] = [];
  for (const e of errors) {
    if (e.keyword === 'oneOf' || e.keyword === 'const') continue;
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out.length ? out : errors.slice(0, 1);
}

/** Severity of a rule after configuration. */
export function severityOf(config: ResolvedConfig, ruleId: string, defaultSeverity: SeveritySetting): SeveritySetting {
  return config.rules[ruleId] ?? defaultSeverity;
}
