import type { LanguageDocument } from '../../server/core/language/languageDocument';
import { scanDocument } from '../../server/core/language/languageDocument';
import { parseMarkdown } from '../../server/core/markdown';

export type DocumentBuilder = (text: string) => LanguageDocument;

/** The providers must behave the same on the full Markdown model and on the fast line scan; every test runs on both. */
export const DOCUMENT_BUILDERS: [string, DocumentBuilder][] = [
  ['parseMarkdown', parseMarkdown],
  ['scanDocument', scanDocument],
];

/** Text with a `‸` cursor marker → the text without it and the cursor's position. */
export function withCursor(textWithCursor: string): { text: string; position: { line: number; character: number } } {
  const offset = textWithCursor.indexOf('‸');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  return { text, position: { line: before.length - 1, character: before[before.length - 1].length } };
}
