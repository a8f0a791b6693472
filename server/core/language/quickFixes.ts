import type { RequiredFileSpec, SectionSpec } from '../config';
import type { MarkdownDocument } from '../markdown';
import { WRITE_HERE_MARKER } from '../../../common/scaffold/render';
import { templateBodyForSection, templateForFile, type TemplateLookup, type TemplateSet } from '../scaffold/templates';
import { isoDate, titleFromFolderName } from '../../../common/scaffold/names';
import { findSection, hasSection, titleHeading } from '../sections';
import type { FindingData, Range } from '../types';

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
  /** Spec of the file being fixed (for section fixes). */
  spec?: RequiredFileSpec;
  specs: readonly RequiredFileSpec[];
  lookup: TemplateLookup;
  /** Whether a path exists (a created file must never replace one). */
  exists(path: string): boolean;
}

/** Whether a section already holds a write-here prompt (a scaffold's), so inserting another would only repeat it. */
function sectionHasPrompt(doc: MarkdownDocument, section: SectionSpec): boolean {
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

/** Quick fixes for one finding, from the facts the rule put in its data. */
export function quickFixesFor(ruleId: string, data: FindingData | undefined, range: Range, ctx: FixContext): QuickFix[] {
  if (!data) return [];
  switch (data.kind) {
    case 'missing-file': {
      const spec = ctx.specs.find((s) => s.id === data.fileKind);
      if (!spec || ctx.exists(data.suggestedPath)) return [];
      const text = templateForFile(spec.id, { ...ctx.lookup, specs: ctx.specs });
      if (text === undefined) return [];
      return [{ title: `Create ${spec.fileName} from its template`, ruleId, edits: [], createFile: { path: data.suggestedPath, text }, isPreferred: true }];
    }
    case 'missing-section': {
      const spec = ctx.spec;
      const section = spec?.sections.find((s) => s.id === data.section);
      if (!spec || !section) return [];
      return [{ title: `Add section '${section.name}'`, ruleId, edits: [insertSectionEdit(ctx.doc, spec, section, { ...ctx.lookup, specs: ctx.specs })], isPreferred: true }];
    }
    case 'empty-section': {
      const spec = ctx.spec;
      const section = spec?.sections.find((s) => s.id === data.section);
      if (!spec || !section || sectionHasPrompt(ctx.doc, section)) return [];
      const edit = fillSectionEdit(ctx.doc, spec, section, { ...ctx.lookup, specs: ctx.specs });
      // Prompts, not content: the section stays empty until the student writes it, so this is not the preferred fix.
      return edit ? [{ title: `Insert the writing prompts for '${section.name}'`, ruleId, edits: [edit] }] : [];
    }
    case 'mermaid-fix':
      return [{ title: data.title, ruleId, edits: [{ range: data.range, newText: data.newText }], isPreferred: true }];
    case 'estimate-math':
      return [{ title: `Change the result to ${data.replacement}`, ruleId, edits: [{ range: data.range, newText: data.replacement }], isPreferred: true }];
    case 'mermaid-unknown-type':
      return data.suggestions.map((s, i) => ({ title: `Change to '${s}'`, ruleId, edits: [{ range, newText: s }], isPreferred: i === 0 }));
    default:
      return [];
  }
}

/**
 * All section fixes of a file in one edit list (fix-all): missing sections inserted in template order and empty
 * sections filled. Every edit is computed against the original text, so the edits never overlap.
 */
export function fixAllSections(ctx: FixContext): TextEdit[] {
  const { doc, spec } = ctx;
  if (!spec) return [];
  const lookup = { ...ctx.lookup, specs: ctx.specs };
  const edits: TextEdit[] = [];
  for (const section of spec.sections) {
    const i = findSection(doc, section);
    if (i < 0) {
      // Written in another form (a bold label, a component list under the title): adding a heading would duplicate it.
      if (!hasSection(doc, section)) edits.push(insertSectionEdit(doc, spec, section, lookup));
    } else if (!doc.headings[i].hasContent && !sectionHasPrompt(doc, section)) {
      const e = fillSectionEdit(doc, spec, section, lookup);
      if (e) edits.push(e);
    }
  }
  return edits;
}
