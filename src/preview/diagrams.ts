// What the preview knows about a document's diagrams, asked of the language server (designNotes/documentDiagrams):
// the server holds the unsaved text and the Markdown model, and places each Mermaid problem where Problems does.
// The client parses nothing; it only remembers the answer per document version.
import type * as vscode from 'vscode';
import type { DocumentDiagram, DocumentDiagramsParams, DocumentDiagramsResult } from '../../common/protocol/preview';

/** Sends designNotes/documentDiagrams; resolves undefined when the server cannot answer (not running, failed). */
export type AskDiagrams = (params: DocumentDiagramsParams) => Promise<DocumentDiagramsResult | null | undefined>;

/** Files that are one Mermaid diagram as a whole. */
export function isMermaidFile(fileName: string): boolean {
  return /\.(mmd|mermaid)$/i.test(fileName);
}

export const PREVIEW_VIEW_TYPE = 'designNotes.preview';

/** Documents the preview shows: Markdown (its ```mermaid blocks) and Mermaid files. */
export function isPreviewable(document: vscode.TextDocument): boolean {
  return document.languageId === 'markdown' || isMermaidFile(document.fileName);
}

/** Index of the diagram whose block (fences included) contains `line`, or null. */
export function diagramIndexAt(diagrams: readonly DocumentDiagram[], line: number): number | null {
  const d = diagrams.find((x) => line >= x.line && line <= x.endLine);
  return d ? d.index : null;
}

/** Waits before asking again when the server answered for an older version (the change is still on its way). */
const RETRY_DELAYS_MS = [30, 100, 300];

/**
 * The diagrams of a document at its current version: one request per version (cursor moves ask on every
 * keystroke). An answer for an older version than the editor's is asked again, a few times, then taken.
 */
export class DiagramStore {
  private readonly cache = new WeakMap<
    vscode.TextDocument,
    { version: number; result: Promise<DocumentDiagramsResult | undefined> }
  >();

  constructor(private readonly ask: AskDiagrams) {}

  of(document: vscode.TextDocument): Promise<DocumentDiagramsResult | undefined> {
    const hit = this.cache.get(document);
    if (hit && hit.version === document.version) return hit.result;
    const version = document.version;
    const result = this.fetch(document, version);
    const entry = { version, result };
    this.cache.set(document, entry);
    // No answer (server starting over, crashed): the next call asks again.
    void result.then((answer) => {
      if (!answer && this.cache.get(document) === entry) this.cache.delete(document);
    });
    return result;
  }

  private async fetch(document: vscode.TextDocument, version: number): Promise<DocumentDiagramsResult | undefined> {
    const params = { uri: document.uri.toString(), version };
    let answer = (await this.ask(params)) ?? undefined;
    for (const delay of RETRY_DELAYS_MS) {
      if (!answer || document.version !== version || isCurrent(answer, document)) break;
      await new Promise((resolve) => setTimeout(resolve, delay));
      answer = (await this.ask(params)) ?? undefined;
    }
    return answer;
  }
}

/** The server answered for the version the editor holds (or from disk, for a document without unsaved changes). */
function isCurrent(answer: DocumentDiagramsResult, document: vscode.TextDocument): boolean {
  return answer.version === null ? !document.isDirty : answer.version >= document.version;
}
