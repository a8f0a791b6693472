// Finds the Mermaid diagrams of a file. Pure (no `vscode`), so the panel, the export commands and the tests share it.
import { parseMarkdown } from '../../server/core/markdown';
import type { DiagramSource } from './protocol';

/** Files that are one Mermaid diagram as a whole. */
export function isMermaidFile(fileName: string): boolean {
  return /\.(mmd|mermaid)$/i.test(fileName);
}

/**
 * Every Mermaid diagram in `text`, in document order. Markdown goes through markdown-it (via the shared Markdown
 * model), so ```mermaid and ~~~mermaid fences inside lists and blockquotes count and fences inside other code
 * blocks do not; a .mmd/.mermaid file is one diagram.
 */
export function extractDiagrams(fileName: string, text: string): DiagramSource[] {
  if (isMermaidFile(fileName)) {
    return [{ index: 0, source: text, line: 0, contentLine: 0, heading: '' }];
  }
  const doc = parseMarkdown(text);
  const diagrams: DiagramSource[] = [];
  for (const fence of doc.fences) {
    if (fence.lang !== 'mermaid') continue;
    diagrams.push({
      index: diagrams.length,
      source: fence.content,
      line: fence.openLine,
      contentLine: fence.contentLines[0]?.line ?? fence.openLine + 1,
      heading: fence.headingIndex >= 0 ? doc.headings[fence.headingIndex].text : '',
    });
  }
  return diagrams;
}

/** Index of the diagram whose block (fences included) contains `line`, or null. */
export function diagramAtLine(fileName: string, text: string, line: number): number | null {
  if (isMermaidFile(fileName)) return 0;
  const doc = parseMarkdown(text);
  let index = 0;
  for (const fence of doc.fences) {
    if (fence.lang !== 'mermaid') continue;
    if (line >= fence.openLine && line <= fence.closeLine) return index;
    index++;
  }
  return null;
}
