// What quick fixes are made of: the edit and fix shapes, the context a rule's fix builder gets, the template sets and
// variables fixes write with, and the section edits two rules share (missing-section inserts, empty-section fills).
// Each rule builds its own fixes (its `fixes` member, in server/core/rules/<rule>.ts); the editor's code actions and
// `lint --fix` look them up through the rule registry (server/core/rules/index.ts).
import type { RequiredFileSpec, SectionSpec } from './config';
import type { MarkdownDocument } from './markdown';
import { WRITE_HERE_MARKER } from './scaffold/render';
import { templateBodyForSection, type TemplateLookup, type TemplateSet } from './scaffold/templates';
import { isoDate, titleFromFolderName } from './scaffold/names';
import { findSection, titleHeading } from './sections';
import type { Range } from './types';

/** A text edit in the document being fixed (LSP-shaped, so the server passes it through). */
export interface TextEdit {
  range: Range;
  newText: string;
}

export interface QuickFix {
  title: string;
  /** Diagnostics' rule id this fix answers. */
  ruleId: string;
  /** Edits to the current document. */
  edits: TextEdit[];
  /** A file to create (never overwriting) with its content; the editor opens it afterwards. */
  createFile?: { path: string; text: string };
  isPreferred?: boolean;
}

function eolOf(doc: MarkdownDocument): string {
  return doc.text.includes('\r\n') ? '\r\n' : '\n';
}

function endOfDocument(doc: MarkdownDocument): Range {
  const line = doc.lines.length - 1;
  const character = doc.lines[line]?.length ?? 0;
  return { start: { line, character }, end: { line, character } };
}

function at(line: number): Range {
  return { start: { line, character: 0 }, end: { line, character: 0 } };
}

/** The level new required sections get: that of the required sections already there, else one below the title. */
function sectionLevel(doc: MarkdownDocument, spec: RequiredFileSpec): number {
  for (const s of spec.sections) {
    const i = findSection(doc, s);
    if (i >= 0) return doc.headings[i].level;
  }
  const title = titleHeading(doc);
  return Math.min(6, (title?.level ?? 1) + 1);
}

/**
 * Where a missing required section goes: before the next required section that is present (keeping the template's
 * order), else after the previous present one's section, else at the end of the file.
 */
function insertionFor(doc: MarkdownDocument, spec: RequiredFileSpec, section: SectionSpec): { range: Range; before: boolean } {
  const order = spec.sections.indexOf(section);
  for (let k = order + 1; k < spec.sections.length; k++) {
    const i = findSection(doc, spec.sections[k]);
    if (i >= 0) return { range: at(doc.headings[i].line), before: true };
  }
  for (let k = order - 1; k >= 0; k--) {
    const i = findSection(doc, spec.sections[k]);
    if (i >= 0) {
      const end = doc.headings[i].sectionEndLine;
      if (end < doc.lines.length) return { range: at(end), before: true };
      break;
    }
  }
  return { range: endOfDocument(doc), before: false };
}

function sectionText(doc: MarkdownDocument, spec: RequiredFileSpec, section: SectionSpec, lookup: TemplateLookup): string {
  const eol = eolOf(doc);
  const body = (templateBodyForSection(spec.id, section.id, lookup) ?? '').replace(/\r?\n/g, eol);
  return `${'#'.repeat(sectionLevel(doc, spec))} ${section.name}${eol}${eol}${body}`;
}

/** Edit inserting a missing section with its template body. */
export function insertSectionEdit(doc: MarkdownDocument, spec: RequiredFileSpec, section: SectionSpec, lookup: TemplateLookup): TextEdit {
  const eol = eolOf(doc);
  const where = insertionFor(doc, spec, section);
  const block = sectionText(doc, spec, section, lookup);
  if (where.before) return { range: where.range, newText: `${block.replace(/(\r?\n)*$/, '')}${eol}${eol}` };
  // At the end: separate from what is there by one blank line, end with a newline.
  const last = doc.lines[doc.lines.length - 1] ?? '';
  const lead = doc.text.length === 0 ? '' : last === '' ? (doc.lines[doc.lines.length - 2]?.trim() ? eol : '') : eol + eol;
  return { range: where.range, newText: `${lead}${block.replace(/(\r?\n)*$/, '')}${eol}` };
}

/** Edit filling an empty section (right under its heading) with the template body. */
export function fillSectionEdit(doc: MarkdownDocument, spec: RequiredFileSpec, section: SectionSpec, lookup: TemplateLookup): TextEdit | undefined {
  const i = findSection(doc, section);
  if (i < 0) return undefined;
  const eol = eolOf(doc);
  const heading = doc.headings[i];
  const body = (templateBodyForSection(spec.id, section.id, lookup) ?? '').replace(/\r?\n/g, eol).replace(/(\r?\n)*$/, '');
  const line = heading.line + 1;
  if (line >= doc.lines.length) {
    return { range: endOfDocument(doc), newText: `${eol}${eol}${body}${eol}` };
  }
  return { range: at(line), newText: `${eol}${body}${eol}` };
}

export interface FixContext {
  doc: MarkdownDocument;
  /** Spec of the file being fixed (for fix-all: the sections of this file). */
  spec?: RequiredFileSpec;
  specs: readonly RequiredFileSpec[];
  lookup: TemplateLookup;
  /** Whether a path exists (a created file must never replace one). */
  exists(path: string): boolean;
}

/** Whether a section already holds a write-here prompt (a scaffold's), so inserting another would only repeat it. */
export function sectionHasPrompt(doc: MarkdownDocument, section: SectionSpec): boolean {
  const i = findSection(doc, section);
  return i >= 0 && doc.lines.slice(doc.headings[i].line + 1, doc.headings[i].sectionEndLine).some((l) => l.includes(WRITE_HERE_MARKER));
}

/**
 * Template sets in the order fixes look in them: the team's own sets first (a fix should write what the team's
 * template says), then the built-in standard set as the fallback for kinds the team's sets do not cover.
 */
export function fixTemplateSets(sets: readonly TemplateSet[]): TemplateSet[] {
  const own = sets.filter((set) => !set.builtin);
  const standard = sets.filter((set) => set.builtin && set.id === 'standard');
  return [...own, ...standard, ...sets.filter((set) => set.builtin && set.id !== 'standard')];
}

/** Template variables for fixes in a case study (named by its folder), shared by the editor and `lint --fix`. */
export function fixTemplateVars(caseStudyName: string | undefined): NonNullable<TemplateLookup['vars']> {
  return { title: caseStudyName ? titleFromFolderName(caseStudyName) : '', slug: caseStudyName ?? '', date: isoDate(), author: '' };
}

/** The finding a fix builder answers: its rule's own data, and where it was reported. */
export interface FixTarget<Data> {
  data: Data;
  range: Range;
}

/** An edit of fix-all, with its place among the edits of all rules (edits at one place apply in this order). */
export interface OrderedEdit {
  order: number;
  edit: TextEdit;
}

/** One line of the README's quick-fix table: a fix a rule offers, as the user sees it. */
export interface FixDoc {
  /** Which of the rule's findings it answers, when not all ("unknown diagram type"). */
  when?: string;
  /** Its title in the lightbulb, with an example where the title names something. */
  title: string;
  /** What it does, in a sentence. */
  does: string;
}

/**
 * A rule's quick fixes, kept in the rule's module: built from the facts the rule put in its finding's data (typed by
 * the rule's own data type), and described for the README.
 */
export interface RuleFixes<Data> {
  docs: readonly FixDoc[];
  /** The fixes of one finding (the editor's lightbulb; the preferred one is what `lint --fix` would apply). */
  build(finding: FixTarget<Data>, ctx: Omit<FixContext, 'spec'>): Omit<QuickFix, 'ruleId'>[];
  /**
   * Whether `lint --fix` applies this finding's preferred fix without asking, and how: undefined when it needs a
   * person's judgement; else the one text its edit may replace (none: it only inserts), and its order among the
   * fixes of one file (insertions at one place are applied in this order).
   */
  unattended?(finding: FixTarget<Data>, specs: readonly RequiredFileSpec[]): { replaces?: string; order?: number } | undefined;
  /** This rule's part of fix-all (`source.fixAll.designNotes`): edits computed against the original text. */
  fixAll?(ctx: FixContext): OrderedEdit[];
}
