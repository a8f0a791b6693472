// The diagram preview's one request: the client names a document, the server (which holds its unsaved text and has
// parsed it) answers with its Mermaid diagrams, where they sit, and their Mermaid problems placed by the same code
// that places them in Problems. The client parses nothing.
import { RequestType } from 'vscode-jsonrpc';

export interface DocumentDiagramsParams {
  /** The document's URI, as the client names it in textDocument/didOpen. */
  uri: string;
  /** The version the client shows; informational (the result says which version it describes). */
  version?: number;
}

/** A Mermaid problem of one diagram, in document coordinates (0-based lines and characters). */
export interface DiagramProblem {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  /** Mermaid's own message, without its diagram-relative line numbers. */
  detail?: string;
  /** 'info' for a diagram the server did not check (too large, too slow, validator unavailable). */
  severity: 'error' | 'info';
}

/** One Mermaid diagram of the document. */
export interface DocumentDiagram {
  /** Position among the document's diagrams, 0-based. */
  index: number;
  /** The diagram text, without fences or container markers. */
  source: string;
  /** 0-based document line of the opening fence (or 0 for a whole .mmd file). */
  line: number;
  /** 0-based document line where the diagram's first source line sits. */
  contentLine: number;
  /** 0-based last line of the block (its closing fence, or the file's last line). */
  endLine: number;
  /** Nearest heading above the block ("" when none). */
  heading: string;
  /** Mermaid's problems with this diagram: the same findings, at the same places, as the mermaid-syntax rule's. */
  problems: DiagramProblem[];
}

export interface DocumentDiagramsResult {
  uri: string;
  /**
   * The document version the answer describes: the editor's version of the open document, or null when the server
   * read it from disk (not open). A client showing a newer version asks again.
   */
  version: number | null;
  diagrams: DocumentDiagram[];
  /** Why the document was not looked at (too large, binary), to show instead of "no diagrams". */
  skipped?: string;
}

export const DocumentDiagramsRequest = new RequestType<DocumentDiagramsParams, DocumentDiagramsResult | null, void>(
  'designNotes/documentDiagrams',
);
