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
    return [{ index: 0, source: text, line: 0, contentLine: 0, endLine: Math.max(0, text.split(/\r\n|\r|\n/).length - 1), heading: '' }];
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
      endLine: fence.closeLine,
      heading: fence.headingIndex >= 0 ? doc.headings[fence.headingIndex].text : '',
    });
  }
  return diagrams;
}

/** Index of the diagram whose block (fences included) contains `line`, or null. */
export function diagramIndexAt(diagrams: readonly DiagramSource[], line: number): number | null {
  const d = diagrams.find((x) => line >= x.line && line <= x.endLine);
  return d ? d.index : null;
}

/** Same, from the text (parses it; the panel manager caches `extractDiagrams` per document version instead). */
export function diagramAtLine(fileName: string, text: string, line: number): number | null {
  return diagramIndexAt(extractDiagrams(fileName, text), line);
}
