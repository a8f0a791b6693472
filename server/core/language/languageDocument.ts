import { frontMatterLineCount, splitLines, type MarkdownDocument } from '../markdown';
import { normalizeHeading } from '../normalize';

/**
 * What the completion and hover providers need to know about a document. A full `MarkdownDocument` from
 * parseMarkdown satisfies it; `scanDocument` builds one from a cheap line scan for requests that arrive right after
 * an edit, when parsing a large file with markdown-it would cost more than the whole request may take.
 */
export interface LanguageDocument {
  lines: string[];
  fences: readonly LanguageFence[];
  headings: readonly LanguageHeading[];
  /** Lines outside code fences, front matter and HTML comments. */
  proseLines: ReadonlySet<number>;
  frontMatterLines: number;
}

export interface LanguageFence {
  /** First word of the info string, lower-cased ("mermaid"). */
  lang: string;
  /** Line of the opening fence. */
  openLine: number;
  /** Line of the closing fence, or the last line of the document when the fence is unclosed. */
  closeLine: number;
}

export interface LanguageHeading {
  level: number;
  normalized: string;
  line: number;
}

// Compile-time check that the full Markdown model can be used wherever the light one is expected.
const _fullModelFits: (doc: MarkdownDocument) => LanguageDocument = (doc) => doc;
void _fullModelFits;

/** Container markers a fence may sit behind: blockquote ">" and list indentation or bullets. */
const FENCE_OPEN = /^(?:[ \t]*>)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(`{3,}|~{3,})(.*)$/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const LIST_OR_QUOTE = /^\s*(?:[-*+]\s|\d{1,9}[.)]\s|>)/;

/**
 * A linear scan of the lines that finds fences, ATX and setext headings, HTML comments and front matter the way
 * CommonMark does for ordinary documents. It does not build a syntax tree (no inline parsing, no list structure),
 * which makes it tens of times faster than parseMarkdown on large files; the providers only need line context.
 */
export function scanDocument(text: string): LanguageDocument {
  const lines = splitLines(text);
  const frontMatterLines = frontMatterLineCount(lines);
  const fences: LanguageFence[] = [];
  const headings: LanguageHeading[] = [];
  const proseLines = new Set<number>();
  let inComment = false;
  for (let i = frontMatterLines; i < lines.length; i++) {
    const line = lines[i];
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      continue;
    }
    // Cheap character tests first: the regexes run only on lines that can be a fence or a heading.
    const open = (line.includes('```') || line.includes('~~~')) && FENCE_OPEN.exec(line);
    if (open && !(open[1][0] === '`' && open[2].includes('`'))) {
      const marker = open[1];
      const close = new RegExp(`^(?:[ \\t]*>)*[ \\t]*${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
      let end = i + 1;
      while (end < lines.length && !close.test(lines[end])) end++;
      const info = open[2].trim();
      // An unclosed fence runs to the last line; like markdown-it, the empty string after a final newline is no line.
      const lastLine = Math.max(i, lines.length - 1 - (lines.length > 1 && lines[lines.length - 1] === '' ? 1 : 0));
      fences.push({
        lang: (info.split(/\s+/)[0] ?? '')
          .toLowerCase()
          .replace(/^\{?\.?/, '')
          .replace(/\}$/, ''),
        openLine: i,
        closeLine: Math.min(end, lastLine),
      });
      i = end;
      continue;
    }
    const trimmed = line.trimStart();
    if (trimmed.charCodeAt(0) === 60 /* < */ && trimmed.startsWith('<!--')) {
      if (!line.includes('-->', line.indexOf('<!--') + 4)) inComment = true;
      continue;
    }
    proseLines.add(i);
    const atx = trimmed.charCodeAt(0) === 35 /* # */ && ATX.exec(line);
    if (atx) {
      headings.push({ level: atx[1].length, normalized: normalizeHeading(atx[2] ?? ''), line: i });
      continue;
    }
    // Setext: a paragraph line underlined with === (level 1) or --- (level 2).
    const next = lines[i + 1];
    const underline = next === undefined ? 0 : next.trimStart().charCodeAt(0);
    if (
      (underline === 61 /* = */ || underline === 45) /* - */ &&
      trimmed &&
      !LIST_OR_QUOTE.test(line) &&
      SETEXT.test(next!) &&
      (i === frontMatterLines || !lines[i - 1].trim() || headings.at(-1)?.line === i - 1)
    ) {
      headings.push({ level: underline === 61 ? 1 : 2, normalized: normalizeHeading(trimmed), line: i });
      proseLines.add(i + 1);
      i++;
    }
  }
  return { lines, fences, headings, proseLines, frontMatterLines };
}
