// The edits of the section fixes, shared by the two section rules: missing-section inserts a missing required
// section (heading and writing prompt, in template order, at the level of its siblings), empty-section fills an empty
// one with its prompt. Both also serve fix-all.
import type { RequiredFileSpec, SectionSpec } from '../config';
import type { TextEdit } from '../fixes';
import type { MarkdownDocument } from '../markdown';
import { WRITE_HERE_MARKER } from '../../../common/scaffold/render';
import { templateBodyForSection, type TemplateLookup } from '../scaffold/templates';
import { findSection, titleHeading } from '../sections';
import type { Range } from '../types';

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
function insertionFor(
  doc: MarkdownDocument,
  spec: RequiredFileSpec,
  section: SectionSpec,
): { range: Range; before: boolean } {
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

function sectionText(
  doc: MarkdownDocument,
  spec: RequiredFileSpec,
  section: SectionSpec,
  lookup: TemplateLookup,
): string {
  const eol = eolOf(doc);
  const body = (templateBodyForSection(spec.id, section.id, lookup) ?? '').replace(/\r?\n/g, eol);
  return `${'#'.repeat(sectionLevel(doc, spec))} ${section.name}${eol}${eol}${body}`;
}

/** Edit inserting a missing section with its template body. */
export function insertSectionEdit(
  doc: MarkdownDocument,
  spec: RequiredFileSpec,
  section: SectionSpec,
  lookup: TemplateLookup,
): TextEdit {
  const eol = eolOf(doc);
  const where = insertionFor(doc, spec, section);
  const block = sectionText(doc, spec, section, lookup);
  if (where.before) return { range: where.range, newText: `${block.replace(/(\r?\n)*$/, '')}${eol}${eol}` };
  // At the end: separate from what is there by one blank line, end with a newline.
  const last = doc.lines[doc.lines.length - 1] ?? '';
  const lead =
    doc.text.length === 0 ? '' : last === '' ? (doc.lines[doc.lines.length - 2]?.trim() ? eol : '') : eol + eol;
  return { range: where.range, newText: `${lead}${block.replace(/(\r?\n)*$/, '')}${eol}` };
}

/** Edit filling an empty section (right under its heading) with the template body. */
export function fillSectionEdit(
  doc: MarkdownDocument,
  spec: RequiredFileSpec,
  section: SectionSpec,
  lookup: TemplateLookup,
): TextEdit | undefined {
  const i = findSection(doc, section);
  if (i < 0) return undefined;
  const eol = eolOf(doc);
  const heading = doc.headings[i];
  const body = (templateBodyForSection(spec.id, section.id, lookup) ?? '')
    .replace(/\r?\n/g, eol)
    .replace(/(\r?\n)*$/, '');
  const line = heading.line + 1;
  if (line >= doc.lines.length) {
    return { range: endOfDocument(doc), newText: `${eol}${eol}${body}${eol}` };
  }
  return { range: at(line), newText: `${eol}${body}${eol}` };
}

/** Whether a section already holds a write-here prompt (a scaffold's), so inserting another would only repeat it. */
export function sectionHasPrompt(doc: MarkdownDocument, section: SectionSpec): boolean {
  const i = findSection(doc, section);
  return (
    i >= 0 &&
    doc.lines.slice(doc.headings[i].line + 1, doc.headings[i].sectionEndLine).some((l) => l.includes(WRITE_HERE_MARKER))
  );
}
