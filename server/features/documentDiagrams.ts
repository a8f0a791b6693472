// designNotes/documentDiagrams: a document's Mermaid diagrams for the diagram preview. The server already holds the
// unsaved text (didChange) and the Markdown model, so the client parses nothing; the problems are the
// mermaid-syntax rule's own findings (fenceFindings), so the preview's "Line N" is the line in Problems.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  DiagramProblem,
  DocumentDiagram,
  DocumentDiagramsParams,
  DocumentDiagramsResult,
} from '../../common/protocol/preview';
import { isMermaidPath } from '../core/caseStudy';
import { checkText, decodeFile, mermaidFileDocument } from '../core/engine';
import type { FileSystem } from '../core/fileSystem';
import { parseMarkdown } from '../core/markdown';
import type { MermaidValidator, Report } from '../core/rule';
import { fenceFindings } from '../core/rules/mermaidSyntax';
import { uriToPath } from '../uris';

export interface DocumentDiagramsOptions {
  /** The open document, if the editor opened it. */
  document(uri: string): TextDocument | undefined;
  fs: FileSystem;
  validator(): MermaidValidator | undefined;
  /** Largest file read, as for checks (`maxFileSize`). */
  maxFileSize(filePath: string | undefined): number;
  /** Whether a file that is not open may be read: inside a workspace folder, links resolved. */
  readable(filePath: string): Promise<boolean>;
}

function toProblem(report: Report<unknown>): DiagramProblem {
  return {
    range: report.range,
    message: report.message,
    ...(report.detail ? { detail: report.detail } : {}),
    severity: report.severity === 'info' ? 'info' : 'error',
  };
}

export async function documentDiagrams(
  params: DocumentDiagramsParams,
  options: DocumentDiagramsOptions,
): Promise<DocumentDiagramsResult | null> {
  if (typeof params?.uri !== 'string') return null;
  const filePath = uriToPath(params.uri);
  const open = options.document(params.uri);
  let text: string;
  if (open) {
    const read = checkText(open.getText(), options.maxFileSize(filePath));
    if (!read.ok) return { uri: params.uri, version: open.version, diagrams: [], skipped: read.reason };
    text = read.text;
  } else {
    // Not open in the editor (a restored preview whose file is closed): the file on disk, inside the workspace only
    // (any LSP client may ask, and a request must not read "/etc" for it).
    if (!filePath || !(await options.readable(filePath))) return null;
    const read = decodeFile(await options.fs.readFile(filePath), options.maxFileSize(filePath));
    if (!read.ok) return read.missing ? null : { uri: params.uri, version: null, diagrams: [], skipped: read.reason };
    text = read.text;
  }
  const isMermaid = open?.languageId === 'mermaid' || isMermaidPath(filePath ?? params.uri);
  const doc = isMermaid ? mermaidFileDocument(text) : parseMarkdown(text);
  const validator = options.validator();
  const fences = doc.fences.filter((f) => f.lang === 'mermaid');
  const findings = await Promise.all(
    fences.map((fence) => (validator ? fenceFindings(fence, validator) : Promise.resolve([]))),
  );
  const diagrams = fences.map((fence, index): DocumentDiagram => ({
    index,
    source: fence.content,
    line: fence.openLine,
    contentLine: fence.contentLines[0]?.line ?? fence.openLine + 1,
    endLine: fence.closeLine,
    heading: fence.headingIndex >= 0 ? doc.headings[fence.headingIndex].text : '',
    problems: findings[index].map(toProblem),
  }));
  return { uri: params.uri, version: open ? open.version : null, diagrams };
}
