// Matching of headings and file names the way people actually write them:
// "## 2. ⚡ Non-Functional Requirements", "NFRs", "02_High Level Design.md", "hld.md".

/** Leading numbering such as "1.", "2.1", "2.1.3)", "A.", "iv)", "Step 3:" is not part of a heading's meaning. */
const NUMBERING =
  /\s*(?:(?:step|part|section)\s+\d+\s*[:.)-]?\s*|\d+(?:\.\d+)*[.):-]?\s+|[A-Za-z][.)]\s+|[IVXLivxl]+[.)]\s+)/iy;

/**
 * Length of the numbering prefixes at the start of a heading ("1. 2.1 A. " → all of it). Skipped with a sticky regex
 * and cut once by the caller: replacing one prefix at a time copied the rest of the heading per prefix, quadratic
 * for a heading of "1. 1. 1. …".
 */
export function numberingLength(text: string): number {
  let at = 0;
  for (;;) {
    NUMBERING.lastIndex = at;
    if (!NUMBERING.exec(text) || NUMBERING.lastIndex === at) return at;
    at = NUMBERING.lastIndex;
  }
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** Lower-cased words of letters and digits in any script; emoji, punctuation and markup become separators. */
export function normalizeWords(text: string): string {
  // Same result, faster, for plain ASCII (most headings and file names; this runs for every heading of every file):
  // NFKD leaves ASCII unchanged, there are no combining marks to drop, and its letters and digits are [a-z0-9]
  // once lower-cased. test/unit/normalize.test.ts checks the two paths agree.
  if (ASCII_ONLY.test(text))
    return text
      .toLowerCase()
      .replace(/&/g, ' and ')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function normalizeHeading(text: string): string {
  // `[^<>]`, not `[^>]`: a heading of a million "<" would otherwise rescan the rest of the line from each one.
  let t = text.replace(/<[^<>]*>/g, ' ').replace(/[*_`~[\]]/g, '');
  // Strip emoji and symbols first so that "1. ✨ Functional" loses both the number and the sparkle.
  t = t.replace(/[\p{Extended_Pictographic}\p{S}]/gu, ' ').trimStart();
  return normalizeWords(t.slice(numberingLength(t)));
}

/** File stem normalised for matching: numbering prefix, extension, case and separators removed. */
export function normalizeFileStem(fileName: string): string {
  const stem = fileName.replace(/\.(md|markdown|mdx)$/i, '');
  const withoutNumber = stem.replace(/^\d+(?:\.\d+)*\s*[-_. )]\s*/, '');
  return normalizeWords(withoutNumber || stem);
}

/**
 * A heading as a message quotes it: without its numbering ("2.1."), emoji and Markdown markup (emphasis, code, links,
 * HTML), case and words kept: "## 3. **Redis** for `counters` ⚡" → "Redis for counters". Bounded patterns keep this
 * linear on hostile headings.
 */
export function displayHeading(text: string): string {
  const t = text
    .replace(/<[^<>\n]{0,200}>/g, ' ')
    .replace(/!?\[([^[\]\n]{0,200})\]\([^()\n]{0,500}\)/g, '$1')
    .replace(/[*`~]|(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu, '')
    .replace(/[\p{Extended_Pictographic}\uFE0F\u200D]/gu, ' ')
    .trimStart();
  return t.slice(numberingLength(t)).replace(/\s+/g, ' ').trim();
}
