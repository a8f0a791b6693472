import type { LanguageDocument } from '../../server/core/language/languageDocument';
import { scanDocument } from '../../server/core/language/languageDocument';
import { parseMarkdown } from '../../server/core/markdown';

export type DocumentBuilder = (text: string) => LanguageDocument;

/** The providers must behave the same on the full Markdown model and on the fast line scan; every test runs on both. */
export const DOCUMENT_BUILDERS: [string, DocumentBuilder][] = [
  ['parseMarkdown', parseMarkdown],
  ['scanDocument', scanDocument],
];
