// Where an editor puts the cursor in a freshly created file: where the student starts writing, after the first
// write-here prompt, so typing neither lands in front of the hint nor inside the comment.
import { firstPlaceholder } from './render';

/**
 * 0-based position to start writing in `text`: the end of the empty bullet (`- `) right after the first write-here
 * comment, or the start of the blank line after it; the comment's own start when neither follows (a prompt written
 * inline). Undefined when the text has no write-here marker.
 */
export function writingPosition(text: string): { line: number; character: number } | undefined {
  const marker = firstPlaceholder(text);
  if (!marker) return undefined;
  const { line: markerLine, character: markerCharacter } = marker;
  const lines = text.split(/\r\n|\r|\n/);
  let end = markerLine;
  while (end < lines.length && !lines[end].includes('-->', end === markerLine ? markerCharacter : 0)) end++;
  const next = lines[end + 1];
  if (end < lines.length && next !== undefined) {
    const bullet = /^(\s*[-*+]|\s*\d+[.)])\s*$/.exec(next);
    if (bullet) return { line: end + 1, character: bullet[1].length + 1 };
    if (!next.trim()) return { line: end + 1, character: 0 };
  }
  return { line: markerLine, character: markerCharacter };
}
