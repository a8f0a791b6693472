import type { LanguageDocument, LanguageFence } from './languageDocument';

/** Whether a fence line is an opening/closing fence marker (``` or ~~~), possibly inside a container. */
function isFenceMarker(line: string | undefined): boolean {
  return !!line && /^[\s>]*(?:[-*+]\s+|\d+[.)]\s+)?(`{3,}|~{3,})/.test(line);
}

/** Last content line of a fence: closeLine is the closing fence, or the container's last line when unclosed. */
export function lastContentLine(doc: LanguageDocument, fence: LanguageFence): number {
  if (isFenceMarker(doc.lines[fence.closeLine]) && fence.closeLine > fence.openLine) return fence.closeLine - 1;
  // Unclosed at the end of the document: the empty line after a final newline (where the cursor is after pressing
  // Enter) belongs to the diagram being written, although the parser does not count it as a line.
  return fence.closeLine >= doc.lines.length - 2 ? doc.lines.length - 1 : fence.closeLine;
}

/** The fenced block whose content contains `line` (not its opening or closing fence line), if any. */
export function fenceContaining(doc: LanguageDocument, line: number): LanguageFence | undefined {
  for (const fence of doc.fences) {
    if (line <= fence.openLine) return undefined; // fences are in document order
    if (line <= lastContentLine(doc, fence)) return fence;
  }
  return undefined;
}

/** Whether `character` on the line sits inside an inline code span (an odd number of backtick runs before it). */
export function insideInlineCode(lineText: string, character: number): boolean {
  const before = lineText.slice(0, character);
  return ((before.match(/`+/g) ?? []).length & 1) === 1;
}

/** A Mermaid fence (```mermaid) — the language of a fence is its info string's first word. */
export function isMermaidFence(fence: LanguageFence): boolean {
  return fence.lang === 'mermaid' || fence.lang === 'mmd';
}
