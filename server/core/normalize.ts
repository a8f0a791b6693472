// Matching of headings and file names the way people actually write them:
// "## 2. ⚡ Non-Functional Requirements", "NFRs", "02_High Level Design.md", "hld.md".

/** Leading numbering such as "1.", "2.1", "2.1.3)", "A.", "iv)", "Step 3:" is not part of a heading's meaning. */
const NUMBERING = /\s*(?:(?:step|part|section)\s+\d+\s*[:.)-]?\s*|\d+(?:\.\d+)*[.):-]?\s+|[A-Za-z][.)]\s+|[IVXLivxl]+[.)]\s+)/iy;

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** Lower-cased words of letters and digits in any script; emoji, punctuation and markup become separators. */
export function normalizeWords(text: string): string {
  // Same result, faster, for plain ASCII (most headings and file names; this runs for every heading of every file):
  // NFKD leaves ASCII unchanged, there are no combining marks to drop, and its letters and digits are [a-z0-9]
  // once lower-cased. test/unit/normalize.test.ts checks the two paths agree.
  if (ASCII_ONLY.test(text)) return text.toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ').trim();
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
  // Numbering prefixes are skipped with a sticky regex and cut once: replacing them one at a time copied the rest of
  // the heading per prefix, quadratic for a heading of "1. 1. 1. …".
  let at = 0;
  for (;;) {
    NUMBERING.lastIndex = at;
    if (!NUMBERING.exec(t) || NUMBERING.lastIndex === at) break;
    at = NUMBERING.lastIndex;
  }
  return normalizeWords(t.slice(at));
}

/** File stem normalised for matching: numbering prefix, extension, case and separators removed. */
export function normalizeFileStem(fileName: string): string {
  const stem = fileName.replace(/\.(md|markdown|mdx)$/i, '');
  const withoutNumber = stem.replace(/^\d+(?:\.\d+)*\s*[-_. )]\s*/, '');
  return normalizeWords(withoutNumber || stem);
}
