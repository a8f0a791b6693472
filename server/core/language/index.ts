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

/** How the editor asked (LSP CompletionContext): 1 invoked, 2 trigger character, 3 re-asking for an incomplete list. */
export interface CompletionTrigger {
  kind: 1 | 2 | 3;
  character?: string;
}

/** Structurally an LSP CompletionList. */
export interface CompletionList {
  isIncomplete: boolean;
  items: CompletionItem[];
}

/** All completions at a position: heading lines get sections, diagrams get Mermaid syntax, prose gets patterns. */
export function provideCompletions(
  doc: LanguageDocument,
  position: Position,
  ctx: LanguageFeatureContext,
  trigger?: CompletionTrigger,
): CompletionItem[] {
  return provideCompletionList(doc, position, ctx, trigger).items;
}

/**
 * Like provideCompletions, as a list. Pattern lists are marked incomplete so the editor asks again as the user types
 * on (each request costs well under a millisecond), which lets "circuit " continue to "Circuit Breaker"; a space
 * typed in prose (a trigger character for other clients) does not open a list by itself; Mermaid lists open only when asked for.
 */
export function provideCompletionList(
  doc: LanguageDocument,
  position: Position,
  ctx: LanguageFeatureContext,
  trigger?: CompletionTrigger,
): CompletionList {
  const invoked = trigger === undefined || trigger.kind === 1;
  if (ctx.isMermaidFile)
    return { isIncomplete: false, items: mermaidCompletions(doc, position, { wholeFile: true, invoked }) };
  const mermaid = mermaidCompletions(doc, position, { invoked });
  if (mermaid.length) return { isIncomplete: false, items: mermaid };
  const headings = headingCompletions(doc, position, ctx.spec);
  if (headings.length) return { isIncomplete: false, items: headings };
  if (trigger?.kind === 2 && trigger.character === ' ') return { isIncomplete: false, items: [] };
  const items = patternCompletions(doc, position, ctx.index, ctx.card, { continuing: trigger?.kind === 3 });
  return { isIncomplete: items.length > 0, items };
}

export function provideHover(
  doc: LanguageDocument,
  position: Position,
  ctx: LanguageFeatureContext,
): Hover | undefined {
  return patternHover(doc, position, ctx.index, { ...ctx.card, wholeFile: ctx.isMermaidFile });
}

export { headingCompletions, requiredFileSpecFor, sectionLevel } from './headingCompletions';
export { mermaidCompletions, DIAGRAM_TYPES, FLOWCHART_COMPONENTS, FLOWCHART_EDGES } from './mermaidCompletions';
export { patternCompletions, type PatternCompletionOptions } from './patternCompletions';
export { patternHover, mermaidLabelSpans } from './patternHover';
export { renderPatternCard, type PatternCardOptions } from './patternCard';
export { scanDocument, type LanguageDocument } from './languageDocument';
export * from './types';
