import type { Rule } from '../rule';

/**
 * Not a check of its own: the engine reports files it will not read (too large, binary) under this id, so users see
 * why a file has no findings and can silence the note like any rule.
 */
export const FILE_SKIPPED: Rule = {
  meta: {
    id: 'file-skipped',
    description: 'A file was not checked because it is too large or not text.',
    defaultSeverity: 'info',
    docs: 'Files over `maxFileSize` (5 MB by default) or containing NUL bytes are skipped so the editor stays responsive. Split the file, or raise `maxFileSize` in `.designnotes.json`.',
  },
};
