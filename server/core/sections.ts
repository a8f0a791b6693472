import type { SectionSpec } from './config';
import type { Heading, MarkdownDocument } from './markdown';
import { normalizeHeading } from './normalize';
import type { Range } from './types';

/**
 * Whether a heading (or bold label) fills a section: its normalised text equals the name or an alias, or starts with
 * one of them as whole words ("Architecture Evolution" fills "Architecture"), or holds one of the section's keywords
 * as a word ("Supporting Components", "Core Services/Modules" fill "Key Components"). Prefix-only for names, so
 * "Non-Functional Requirements" never fills "Functional Requirements". Every rule asks this one function, so a heading
 * accepted by missing-section is the same section for unquantified-nfr and the quick fixes.
 */
export function headingFills(normalized: string, section: SectionSpec): boolean {
  if (section.match.has(normalized)) return true;
  for (const m of section.match) if (normalized.startsWith(m + ' ')) return true;
  if (section.keywords.size) for (const word of normalized.split(' ')) if (section.keywords.has(word)) return true;
  return false;
}

const titleCache = new WeakMap<MarkdownDocument, number>();

/**
 * Index of the document's title heading, or -1: the first heading when it is the only level-1 heading. A document
 * whose sections are all level-1 headings has no title. The title names the document ("# High-Level Design"); it is
 * not one of its sections, so it never fills a required section.
 */
export function titleIndex(doc: MarkdownDocument): number {
  let index = titleCache.get(doc);
  if (index !== undefined) return index;
  index = doc.headings[0]?.level === 1 ? 0 : -1;
  for (let k = 1; index === 0 && k < doc.headings.length; k++) if (doc.headings[k].level === 1) index = -1;
  titleCache.set(doc, index);
  return index;
}

/** Index of the first heading (not the title) that fills the section, preferring an exact match over a prefix match; or -1. */
export function findSection(doc: MarkdownDocument, section: SectionSpec): number {
  const title = titleIndex(doc);
  const exact = doc.headings.findIndex((h, i) => i !== title && section.match.has(h.normalized));
  return exact >= 0 ? exact : doc.headings.findIndex((h, i) => i !== title && headingFills(h.normalized, section));
}

/**
 * A bold label that opens a paragraph or list item and ends with a colon ("**Components:**", "- **Key Components**:").
 * The label is bounded, so the match is linear in the line.
 */
const BOLD_LABEL = /^\s{0,3}(?:[-*+]\s+|\d{1,3}[.)]\s+)?(\*\*|__)([^*_\n]{1,80})\1\s*(:?)/;

/** Line of a bold label inside the document that fills the section, or -1. */
export function findSectionLabel(doc: MarkdownDocument, section: SectionSpec): number {
  for (const line of doc.proseLines) {
    const m = BOLD_LABEL.exec(doc.lines[line] ?? '');
    if (!m) continue;
    const label = m[2].trim();
    if (!label.endsWith(':') && !m[3]) continue;
    if (headingFills(normalizeHeading(label), section)) return line;
  }
  return -1;
}

/** "Name: what it does", "**Name** - what it does", "Name — what it does": a list item that introduces a component. */
const LABELLED_ITEM = /^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+(?:\*\*|__|`)|^[^:\n]{1,60}(?::|\s[-–—]\s)\s*\S/;

/**
 * Whether a list of at least two labelled items sits right under the title (before any other heading): how many
 * designs list their components. Only sections with keywords (the component list) accept this form.
 */
function labelledListUnderTitle(doc: MarkdownDocument, section: SectionSpec): boolean {
  if (!section.keywords.size) return false;
  const title = titleIndex(doc);
  const from = title >= 0 ? doc.headings[title].line : -1;
  const to = doc.headings[title + 1]?.line ?? doc.lines.length;
  let labelled = 0;
  for (const item of doc.listItems) {
    if (item.line <= from) continue;
    if (item.line >= to) break;
    if (
      item.depth === 0 &&
      (LABELLED_ITEM.test(doc.lines[item.line] ?? '') || LABELLED_ITEM.test(item.text)) &&
      ++labelled >= 2
    )
      return true;
  }
  return false;
}

/**
 * Whether the document has the section in any form people write it: a heading, a bold label inside another section,
 * or (for component lists) labelled items right under the title. missing-section, the case-study summary and the
 * quick fixes ask this, so a fix never adds a section that is already there in another form.
 */
export function hasSection(doc: MarkdownDocument, section: SectionSpec): boolean {
  return findSection(doc, section) >= 0 || findSectionLabel(doc, section) >= 0 || labelledListUnderTitle(doc, section);
}

/** The heading that names the file in messages: its first level-1 heading, else its first heading. */
export function titleHeading(doc: MarkdownDocument): Heading | undefined {
  return doc.headings.find((h) => h.level === 1) ?? doc.headings[0];
}

/** Where to attach a finding about the file as a whole: the title heading, else the start of the file. */
export function fileAnchorRange(doc: MarkdownDocument): Range {
  const title = titleHeading(doc);
  if (title) return title.range;
  return { start: { line: 0, character: 0 }, end: { line: 0, character: doc.lines[0]?.length ?? 0 } };
}

/** Indices of headings nested (at any depth) inside heading `index`'s section. */
export function descendants(doc: MarkdownDocument, index: number): number[] {
  const parent = doc.headings[index];
  const out: number[] = [];
  for (let k = index + 1; k < doc.headings.length && doc.headings[k].line < parent.sectionEndLine; k++) out.push(k);
  return out;
}

const parentsCache = new WeakMap<MarkdownDocument, number[]>();

/** For each heading, the index of its nearest enclosing heading (-1 at the top); one stack pass, cached per document. */
export function headingParents(doc: MarkdownDocument): number[] {
  let parents = parentsCache.get(doc);
  if (parents) return parents;
  parents = [];
  const stack: number[] = [];
  for (let i = 0; i < doc.headings.length; i++) {
    const level = doc.headings[i].level;
    while (stack.length && doc.headings[stack[stack.length - 1]].level >= level) stack.pop();
    parents.push(stack.length ? stack[stack.length - 1] : -1);
    stack.push(i);
  }
  parentsCache.set(doc, parents);
  return parents;
}

/** Whether heading `index` lies inside a section whose heading satisfies `predicate` (itself included). */
export function isWithin(doc: MarkdownDocument, index: number, predicate: (h: Heading) => boolean): boolean {
  if (index < 0) return false;
  // The enclosing sections are the chain of parents (at most six steps). Scanning back over every earlier heading
  // instead made the rules that ask this per heading quadratic: 60,000 headings took half a minute.
  const parents = headingParents(doc);
  for (let k = index; k >= 0; k = parents[k]) if (predicate(doc.headings[k])) return true;
  return false;
}
