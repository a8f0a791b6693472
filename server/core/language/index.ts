// The editor-free language features as one small API for the language server: build a PatternIndex once per
// catalog, then call these with a document (parseMarkdown's, or scanDocument's for a fresh edit) and a position.
import type { RequiredFileSpec } from '../config';
import type { PatternIndex } from '../catalog/patternIndex';
import type { LanguageDocument } from './languageDocument';
import type { Position } from '../types';
import { headingCompletions } from './headingCompletions';
import { mermaidCompletions } from './mermaidCompletions';
import type { PatternCardOptions } from './patternCard';
import { patternCompletions } from './patternCompletions';
import { patternHover } from './patternHover';
import type { CompletionItem, Hover } from './types';

export interface LanguageFeatureContext {
  index: PatternIndex;
  /** The required file the document fills (for heading completions); see requiredFileSpecFor. */
  spec?: RequiredFileSpec;
  /** A standalone Mermaid file (.mmd / .mermaid) rather than Markdown. */
  isMermaidFile?: boolean;
  card?: PatternCardOptions;
}

/** All completions at a position: heading lines get sections, diagrams get Mermaid syntax, prose gets patterns. */
export function provideCompletions(doc: LanguageDocument, position: Position, ctx: LanguageFeatureContext): CompletionItem[] {
  if (ctx.isMermaidFile) return mermaidCompletions(doc, position, { wholeFile: true });
  const mermaid = mermaidCompletions(doc, position);
  if (mermaid.length) return mermaid;
  const headings = headingCompletions(doc, position, ctx.spec);
  if (headings.length) return headings;
  return patternCompletions(doc, position, ctx.index, ctx.card);
}

export function provideHover(doc: LanguageDocument, position: Position, ctx: LanguageFeatureContext): Hover | undefined {
  return patternHover(doc, position, ctx.index, { ...ctx.card, wholeFile: ctx.isMermaidFile });
}

export { headingCompletions, requiredFileSpecFor, sectionLevel } from './headingCompletions';
export { mermaidCompletions, DIAGRAM_TYPES, FLOWCHART_COMPONENTS, FLOWCHART_EDGES } from './mermaidCompletions';
export { patternCompletions } from './patternCompletions';
export { patternHover, mermaidLabelSpans } from './patternHover';
export { renderPatternCard, type PatternCardOptions } from './patternCard';
export { scanDocument, type LanguageDocument } from './languageDocument';
export * from './types';
