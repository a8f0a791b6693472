// Message protocol between the extension host (src/preview/panel.ts) and the diagram preview webview
// (media/preview/main.ts). Shared by both sides so a renamed field breaks the build, not the user.
// No `vscode` and no runtime LSP import here: the webview bundle includes this file (the diagram type is the
// server's answer to designNotes/documentDiagrams, imported as a type only).
//
// Everything the user wrote (diagram source, headings, file names) crosses this boundary as data inside these
// messages; the webview puts it into the DOM with textContent or hands it to mermaid, never into HTML markup.
import type { DocumentDiagram } from '../protocol/preview';

export type { DiagramProblem, DocumentDiagram } from '../protocol/preview';

export type ExportFormat = 'svg' | 'png';

/** The colour scheme VS Code reports through the webview body class. */
export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

/** Host → webview. */
export type HostMessage =
  | {
      type: 'update';
      /** Document the diagrams come from (shown in the header, kept for restore after reload). */
      uri: string;
      fileName: string;
      /** Document version; the webview ignores an update older than one it already applied. */
      version: number;
      diagrams: DocumentDiagram[];
      /** Why the server did not look at the file (too large, binary), shown instead of "no diagrams". */
      skipped?: string;
    }
  /** Highlight the diagram whose block holds the editor's cursor (null: none). */
  | { type: 'highlight'; index: number | null; reveal: boolean }
  /** Ask the webview to produce an export of one diagram (palette command); it answers with `export`. */
  | { type: 'requestExport'; index: number; format: ExportFormat };

/** Webview → host. */
export type WebviewMessage =
  | { type: 'ready' }
  /** Jump the editor to the diagram's block. */
  | { type: 'reveal'; index: number }
  | { type: 'copySource'; index: number }
  /** `data` is SVG markup for 'svg' and a `data:image/png;base64,…` URL for 'png'. */
  | { type: 'export'; index: number; format: ExportFormat; data: string }
  /** Export could not be produced (diagram has an error, canvas failed, …). */
  | { type: 'exportFailed'; index: number; format: ExportFormat; message: string }
  /** The webview finished rendering after an update (used by tests and the e2e scenario). */
  | { type: 'rendered'; version: number; ok: number; failed: number };

/** State the webview keeps with `vscode.setState` so the serializer can restore the panel after a reload. */
export interface PreviewState {
  uri: string;
  /** Per diagram index: zoom factor and pan offset. */
  views?: Record<string, { scale: number; x: number; y: number }>;
  scrollY?: number;
}

const MAX_EXPORT_CHARS = 64 * 1024 * 1024;

function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 100_000;
}

function isFormat(v: unknown): v is ExportFormat {
  return v === 'svg' || v === 'png';
}

/**
 * Validates a message that arrived from the webview. The webview runs untrusted diagram text through mermaid, so
 * the host treats what it posts as untrusted input: anything not exactly shaped like a `WebviewMessage` is dropped.
 */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'reveal':
    case 'copySource':
      return isIndex(m.index) ? { type: m.type, index: m.index } : undefined;
    case 'export': {
      if (!isIndex(m.index) || !isFormat(m.format) || typeof m.data !== 'string' || m.data.length > MAX_EXPORT_CHARS)
        return undefined;
      if (m.format === 'png' && !m.data.startsWith('data:image/png;base64,')) return undefined;
      if (m.format === 'svg' && !/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(m.data)) return undefined;
      return { type: 'export', index: m.index, format: m.format, data: m.data };
    }
    case 'exportFailed':
      return isIndex(m.index) && isFormat(m.format) && typeof m.message === 'string'
        ? { type: 'exportFailed', index: m.index, format: m.format, message: m.message.slice(0, 2000) }
        : undefined;
    case 'rendered':
      return typeof m.version === 'number' && isIndex(m.ok) && isIndex(m.failed)
        ? { type: 'rendered', version: m.version, ok: m.ok, failed: m.failed }
        : undefined;
    default:
      return undefined;
  }
}

/**
 * Indices whose diagram text differs from what the webview shows now: only those re-render when the user types,
 * so editing one block of a long file leaves the other SVGs (and their zoom) alone.
 */
export function changedDiagrams(shown: readonly (string | undefined)[], next: readonly DocumentDiagram[]): number[] {
  return next.filter((d) => shown[d.index] !== d.source).map((d) => d.index);
}
