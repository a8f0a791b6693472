// Template sets as data, and the pure operations on them: read a manifest, pick a file's template, cut out a
// section's body. Loading from disk lives in templateLoader.ts (Node only).
import Ajv from 'ajv';
import schema from '../../../schemas/template.schema.json';
import { DEFAULT_CONFIG, fileNameFills, type RequiredFileSpec, type SectionSpec } from '../config';
import { parseMarkdown } from '../markdown';
import { normalizeHeading } from '../normalize';
import { renderTemplate, type TemplateVars } from '../../../common/scaffold/render';

export interface TemplateFile {
  /** Where the file goes, relative to the case-study folder, with forward slashes (may hold variables). */
  path: string;
  /** Required-file id this template fills (e.g. "requirements"), when it fills one. */
  kind?: string;
  /** Template text (unrendered). */
  text: string;
  /** Where the text came from (absolute path, or "builtin:<set>/<file>"), for messages. */
  source: string;
}

export interface TemplateSet {
  id: string;
  name: string;
  description: string;
  files: TemplateFile[];
  /** True for the sets shipped with Design Notes. */
  builtin: boolean;
  /** Folder the set was loaded from. */
  folder?: string;
}

/** A problem found while loading templates; the sets that loaded are still offered. */
export interface TemplateProblem {
  /** File or folder the problem is about. */
  path: string;
  message: string;
}

/** The manifest as written in template.json. */
export interface TemplateManifest {
  id?: string;
  name?: string;
  description?: string;
  files: { path: string; kind?: string; source?: string }[];
}

export const MANIFEST_FILE_NAME = 'template.json';
export const STANDARD_TEMPLATE_SET_ID = 'standard';

let validator: ReturnType<Ajv['compile']> | undefined;

/** Validate a parsed template.json against schemas/template.schema.json; returns readable messages. */
export function validateTemplateManifest(value: unknown): string[] {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  if (validator(value)) return [];
  return (validator.errors ?? []).map((e) => {
    const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : 'template.json';
    if (e.keyword === 'additionalProperties')
      return `${where}: unknown key "${(e.params as { additionalProperty: string }).additionalProperty}".`;
    if (e.keyword === 'pattern' && where.endsWith('.path'))
      return `${where}: must be a relative path inside the case-study folder (no leading "/", no "..", forward slashes).`;
    return `${where}: ${e.message ?? 'is invalid'}.`;
  });
}

/** The required-file kind whose name or aliases match a file name, the way the linter matches files. */
export function kindForFileName(fileName: string, specs: readonly RequiredFileSpec[]): string | undefined {
  if (!/\.(md|markdown|mdx)$/i.test(fileName)) return undefined;
  const base = fileName.split('/').pop() ?? fileName;
  return specs.find((s) => fileNameFills(base, s))?.id;
}

/** Template file of a set that fills `kind`: by its declared kind, else by a file name the linter would accept. */
export function templateFileForKind(
  set: TemplateSet,
  kind: string,
  specs: readonly RequiredFileSpec[] = DEFAULT_CONFIG.requiredFiles,
): TemplateFile | undefined {
  const declared = set.files.find((f) => f.kind === kind);
  if (declared) return declared;
  const spec = specs.find((s) => s.id === kind);
  if (!spec) return undefined;
  return set.files.find((f) => f.kind === undefined && kindForFileName(f.path, [spec]) === kind);
}

export interface TemplateLookup {
  /** Sets to look in, first match wins (e.g. the chosen user set, then the built-in standard set). */
  sets: readonly TemplateSet[];
  /** Required files and their sections (from the resolved config). */
  specs?: readonly RequiredFileSpec[];
  vars?: TemplateVars;
}

/**
 * Rendered text for a new file of `fileKind` (what the missing-file quick fix and "Add Missing Files" write).
 * Falls back to a skeleton built from the configured sections when no set has a template for the kind
 * (a kind added in .designnotes.json), so every required file can be created.
 */
export function templateForFile(fileKind: string, lookup: TemplateLookup): string | undefined {
  const specs = lookup.specs ?? DEFAULT_CONFIG.requiredFiles;
  const spec = specs.find((s) => s.id === fileKind);
  const vars = lookup.vars ?? {};
  for (const set of lookup.sets) {
    const file = templateFileForKind(set, fileKind, specs);
    if (file) {
      const text = renderTemplate(file.text, vars);
      return spec ? ensureRequiredSections(text, spec, lookup) : text;
    }
  }
  return spec ? skeletonFor(spec, vars) : undefined;
}

/**
 * Markdown body (without the heading) to put under a section of a file of `fileKind`: the section's `template`
 * from the config if set, else the body of the matching section in the first set's template for that file, else
 * a write-here hint. Ends with a newline.
 */
export function templateBodyForSection(
  fileKind: string,
  sectionId: string,
  lookup: TemplateLookup,
): string | undefined {
  const specs = lookup.specs ?? DEFAULT_CONFIG.requiredFiles;
  const spec = specs.find((s) => s.id === fileKind);
  const section = spec?.sections.find((s) => s.id === sectionId);
  if (!section) return undefined;
  const vars = lookup.vars ?? {};
  if (section.template !== undefined) return withNewline(renderTemplate(section.template, vars));
  for (const set of lookup.sets) {
    const file = templateFileForKind(set, fileKind, specs);
    if (!file) continue;
    const body = sectionBody(renderTemplate(file.text, vars), section);
    if (body !== undefined) return body;
  }
  return hintFor(section);
}

/** Body of the first heading matching `section` in `text`, trimmed of blank lines around it; undefined if absent. */
export function sectionBody(text: string, section: SectionSpec): string | undefined {
  const doc = parseMarkdown(text);
  const heading = doc.headings.find((h) => section.match.has(h.normalized));
  if (!heading) return undefined;
  const lines = doc.lines.slice(heading.line + 1, heading.sectionEndLine);
  while (lines.length && !lines[0].trim()) lines.shift();
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  return lines.length ? lines.join('\n') + '\n' : hintFor(section);
}

function hintFor(section: SectionSpec): string {
  return `<!-- write here: ${section.name.toLowerCase()}. -->\n`;
}

function withNewline(s: string): string {
  return s.endsWith('\n') ? s : s + '\n';
}

/**
 * Append the configured sections a template lacks (a team may require more sections than the built-in
 * templates have), so a new file never starts with a missing-section finding. Appended sections hold only a
 * write-here hint or the section's configured template: they are exactly where the user must write.
 */
export function ensureRequiredSections(
  text: string,
  spec: RequiredFileSpec,
  lookup: Pick<TemplateLookup, 'vars'> = {},
): string {
  const doc = parseMarkdown(text);
  const present = new Set(doc.headings.map((h) => h.normalized));
  const missing = spec.sections.filter((s) => ![...s.match].some((m) => present.has(m)));
  if (!missing.length) return text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let out = text.replace(/(\r?\n)*$/, '');
  for (const section of missing) {
    const body =
      section.template !== undefined
        ? withNewline(renderTemplate(section.template, lookup.vars ?? {}))
        : hintFor(section);
    out += `${eol}${eol}## ${section.name}${eol}${eol}${body.replace(/\r?\n/g, eol).replace(/(\r?\n)*$/, '')}`;
  }
  return out + eol;
}

/** A file for a configured kind no template covers: its title heading and one section per required section. */
function skeletonFor(spec: RequiredFileSpec, vars: TemplateVars): string {
  const title = vars.title ? `${vars.title} — ${spec.title}` : spec.title;
  return ensureRequiredSections(`# ${title}\n\n<!-- write here: ${spec.title.toLowerCase()}. -->\n`, spec, { vars });
}

/** Whether a heading's text matches a section (for callers that hold only heading strings). */
export function headingMatchesSection(headingText: string, section: SectionSpec): boolean {
  return section.match.has(normalizeHeading(headingText));
}
