import type { SectionSpec } from './config';
import type { Heading, MarkdownDocument } from './markdown';
import type { Range } from './types';

/**
 * Whether a heading fills a section: its normalised text equals the name or an alias, or starts with one of them
 * as whole words ("Architecture Evolution" fills "Architecture"). Prefix-only, so "Non-Functional Requirements"
 * never fills "Functional Requirements".
 */
export function headingFills(normalized: string, section: SectionSpec): boolean {
  if (section.match.has(normalized)) return true;
  for (const m of section.match) if (normalized.startsWith(m + ' ')) return true;
  return false;
}

/** Index of the first heading that fills the section, preferring an exact match over a prefix match; or -1. */
export function findSection(doc: MarkdownDocument, section: SectionSpec): number {
  const exact = doc.headings.findIndex((h) => section.match.has(h.normalized));
  return exact >= 0 ? exact : doc.headings.findIndex((h) => headingFills(h.normalized, section));
}

/** The document's title: its first level-1 heading, else its first heading. */
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
