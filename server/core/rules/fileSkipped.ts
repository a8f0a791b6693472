import type { Rule } from '../rule';

/** Why a file (or a diagram, for mermaid-syntax) was not checked. */
export interface SkippedData {
  kind: 'skipped';
  reason: string;
}

/**
 * Not a check of its own: the engine reports files it will not read (too large, binary, unreadable) under this id, so users see
 * why a file has no findings and can silence the note like any rule.
 */
export const FILE_SKIPPED: Rule<SkippedData> = {
  meta: {
    id: 'file-skipped',
    description: 'A file was not checked because it is too large, not text, or cannot be read.',
    defaultSeverity: 'info',
    docs: 'Files over `maxFileSize` (1 MB by default, several times the largest real design note; a pathological megabyte of Markdown already takes seconds to parse), files containing NUL bytes, and files that cannot be read (permissions, a FIFO or device named like a note) are skipped so the editor stays responsive. Split the file, or raise `maxFileSize` in `.designnotes.json`.',
  },
};
