// Result types of the editor-free language providers. They are structurally compatible with the LSP types of the
// same names (CompletionItem, Hover, MarkupContent, TextEdit), so the server can return them unchanged, while the
// core stays free of any LSP import.
import type { Range } from '../types';

/** LSP CompletionItemKind values used by the providers. */
export const CompletionItemKind = {
  Text: 1,
  Value: 12,
  Keyword: 14,
  Snippet: 15,
  Reference: 18,
  Struct: 22,
  Operator: 24,
} as const;
export type CompletionItemKindValue = (typeof CompletionItemKind)[keyof typeof CompletionItemKind];

/** LSP InsertTextFormat: 1 = plain text, 2 = snippet with tab stops. */
export const InsertTextFormat = { PlainText: 1, Snippet: 2 } as const;
export type InsertTextFormatValue = 1 | 2;

export interface MarkupContent {
  kind: 'markdown';
  value: string;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface CompletionItem {
  label: string;
  /** Shown on every row of the list, not only the focused one (LSP 3.17 CompletionItemLabelDetails). */
  labelDetails?: { detail?: string; description?: string };
  kind: CompletionItemKindValue;
  detail?: string;
  documentation?: MarkupContent;
  /** Replaces `textEdit.range` (which always ends at the cursor) with `newText`. */
  textEdit?: TextEdit;
  insertText?: string;
  insertTextFormat: InsertTextFormatValue;
  sortText?: string;
  filterText?: string;
}

export interface Hover {
  contents: MarkupContent;
  range: Range;
}

/** Escape text so it is inserted literally inside a snippet (insertTextFormat 2). */
export function escapeSnippetText(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}
