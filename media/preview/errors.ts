// What the preview says about a diagram Mermaid could not render. Pure, so unit-testable.
//
// Where the error is and what it is called come from the language server (designNotes/documentDiagrams): the same
// findings, at the same document lines, as the Problems panel, placed by the server's one Mermaid position mapper
// (server/core/mermaid/positionMap.ts). The webview does not map Mermaid's positions itself. Mermaid's own message
// is shown only when the server reported nothing for the diagram (its worker unavailable, or a failure that only
// rendering hits), and then without a line.
import type { DiagramProblem } from '../../common/protocol/preview';
import { withoutDiagramLines } from '../../common/mermaid/errorText';

const MAX_MESSAGE = 1500;

/** Mermaid's error as text: its diagram-relative line numbers removed (they are not file lines), very long ones capped. */
export function renderErrorMessage(e: unknown): string {
  const raw = e instanceof Error ? e.message : typeof e === 'string' ? e : 'Mermaid could not render this diagram';
  // Jison messages repeat the line in a caret excerpt; keep it, it shows the column.
  return withoutDiagramLines(raw.length > MAX_MESSAGE ? raw.slice(0, MAX_MESSAGE) + '…' : raw);
}

/**
 * The error box's text and the 0-based document line it names (null: none). Each problem the server found is
 * "Line N: message" (N 1-based, as in Problems); the first one's details (Mermaid's message) follow.
 */
export function diagramErrorText(
  problems: readonly DiagramProblem[],
  renderError: string,
): { text: string; line: number | null } {
  const errors = problems.filter((p) => p.severity === 'error');
  if (!errors.length) return { text: renderError, line: null };
  const lines = errors.map((p) => `Line ${p.range.start.line + 1}: ${p.message}`);
  const detail = errors[0].detail;
  return { text: lines.join('\n') + (detail ? `\n\n${detail}` : ''), line: errors[0].range.start.line };
}
