import type { PatternIndex, PatternMention } from '../catalog/patternIndex';
import type { LanguageDocument } from './languageDocument';
import type { Position } from '../types';
import { fenceContaining, insideInlineCode, isMermaidFence } from './context';
import { renderPatternCard, type PatternCardOptions } from './patternCard';
import type { Hover } from './types';

export interface PatternHoverOptions extends PatternCardOptions {
  /** The document is a standalone .mmd file: every line is diagram source. */
  wholeFile?: boolean;
}

/**
 * Spans of a Mermaid line that are labels people write words in: [..], (..), {..}, |..|, ".." shapes and edge labels,
 * "-- text -->" edge labels, the text after ":" (sequence messages, notes, state transitions) and "as" display names.
 * Node ids and keywords are left out, so an id like "cache" does not turn into a hover.
 */
export function mermaidLabelSpans(line: string): [number, number][] {
  const spans: [number, number][] = [];
  const re = /"([^"]*)"|\[([^\]]*)\]|\(([^)]*)\)|\{([^}]*)\}|\|([^|]*)\||--\s+([^->][^-]*?)\s+-->/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const group = m.slice(1).findIndex((g) => g !== undefined);
    let start = m.index + m[0].indexOf(m[group + 1]);
    let end = start + m[group + 1].length;
    // Compound shapes ([( )], {{ }}, [/ /], ([ ])): the label is what lies inside all their brackets.
    while (start < end && '([{/\\'.includes(line[start])) start++;
    while (end > start && ')]}/\\'.includes(line[end - 1])) end--;
    spans.push([start, end]);
  }
  const colon = /^[^:[({|"]*:/.exec(line);
  if (colon) spans.push([colon[0].length, line.length]);
  const as = /^\s*(?:participant|actor)\s+\S+\s+as\s+/.exec(line);
  if (as) spans.push([as[0].length, line.length]);
  // mindmap and timeline lines are all label.
  return spans;
}

function hoverFor(mention: PatternMention, line: number, index: PatternIndex, options: PatternCardOptions): Hover {
  return {
    contents: { kind: 'markdown', value: renderPatternCard(mention.pattern, index, options) },
    range: { start: { line, character: mention.start }, end: { line, character: mention.end } },
  };
}

/** Hover on a pattern name or alias in prose, or in a label of a Mermaid diagram: the pattern's card. */
export function patternHover(
  doc: LanguageDocument,
  position: Position,
  index: PatternIndex,
  options: PatternHoverOptions = {},
): Hover | undefined {
  const lineText = doc.lines[position.line];
  if (lineText === undefined) return undefined;
  const fence = options.wholeFile ? undefined : fenceContaining(doc, position.line);
  const inDiagram = options.wholeFile || (fence !== undefined && isMermaidFence(fence));
  if (inDiagram) {
    if (/^\s*%%/.test(lineText)) return undefined;
    const spans = mermaidLabelSpans(lineText);
    const span = spans.find(([s, e]) => s <= position.character && position.character <= e);
    if (!span) return undefined;
    // Only the label's own text is searched, so a mention cannot run into the shape's brackets.
    const mention = index.mentionAt(lineText.slice(span[0], span[1]), position.character - span[0]);
    if (!mention) return undefined;
    return hoverFor(
      { ...mention, start: mention.start + span[0], end: mention.end + span[0] },
      position.line,
      index,
      options,
    );
  }
  if (fence || !doc.proseLines.has(position.line)) return undefined;
  if (insideInlineCode(lineText, position.character)) return undefined;
  const mention = index.mentionAt(lineText, position.character);
  return mention ? hoverFor(mention, position.line, index, options) : undefined;
}
