import { TextDocument } from 'vscode-languageserver-textdocument';

export interface Edit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

/** Apply LSP text edits the way an editor does (all against the original text). */
export function applyEdits(text: string, edits: Edit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), edits);
}
