import type { FencedBlock, MarkdownDocument } from '../markdown';

/** Whether a fence line is an opening/closing fence marker (``` or ~~~), possibly inside a container. */
function isFenceMarker(line: string | undefined): boolean {
  return !!line && /^[\s>]*(?:[-*+]\s+|\d+[.)]\s+)?(`{3,}|~{3,})/.test(line);
}

/** Last content line of a fence: closeLine is the closing fence, or the container's last line when unclosed. */
export function lastContentLine(doc: MarkdownDocument, fence: FencedBlock): number {
  return isFenceMarker(doc.lines[fence.closeLine]) && fence.closeLine > fence.openLine ? fence.closeLine - 1 : fence.closeLine;
}

/** The fenced block whose content contains `line` (not its opening or closing fence line), if any. */
export function fenceContaining(doc: MarkdownDocument, line: number): FencedBlock | undefined {
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
export function isMermaidFence(fence: FencedBlock): boolean {
  return fence.lang === 'mermaid' || fence.lang === 'mmd';
}
