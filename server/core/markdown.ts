import MarkdownIt, { type Token } from 'markdown-it';
import { chunkedBlockTokens } from './blockChunks';
import { normalizeHeading } from './normalize';
import { snippetOfExampleRow } from './snippetExamples';
import { isPlaceholderText } from './stubs';
import type { Position, Range } from './types';

// One markdown-it instance for the whole process: creating it is the expensive part, parsing is cheap.
// `html: true` so HTML comments are recognised as blocks (templates put hints in them) rather than as text.
const md = new MarkdownIt({ html: true, linkify: false });
/**
 * The same parser without its inline pass. parseMarkdown runs the inline parser itself, only on the inline tokens
 * whose parse it uses (list-item text, and text that can hold a link or image). On a keystroke in a 5,000-line file
 * the inline pass over every paragraph was the largest part of the check; most paragraphs hold no link at all.
 */
const mdBlocks = new MarkdownIt({ html: true, linkify: false }).disable('inline');

/**
 * Inline-parse one token as markdown-it's own "inline" and "text_join" core rules would. Only escapes' token type
 * is normalised (text_special → text); merging adjacent text tokens is skipped since only their concatenation is read.
 */
function parseInline(token: Token, env: Record<string, unknown>): void {
  // A token kept by chunkedBlockTokens was parsed on an earlier keystroke; its content has not changed since.
  if (inlineParsed.has(token)) return;
  inlineParsed.add(token);
  token.children = [];
  md.inline.parse(token.content, md, env, token.children);
  for (const child of token.children) if (child.type === 'text_special') child.type = 'text';
}

const inlineParsed = new WeakSet<Token>();

/** Links and images start with "[" / "![" (or "<" for autolinks); linkify is off, so text without them has none. */
function mayHoldLinks(content: string): boolean {
  return content.includes('[') || content.includes('<');
}

export interface Heading {
  level: number;
  /** Heading text as written (inline Markdown, without the leading #'s). */
  text: string;
  /** Case-, numbering-, emoji- and punctuation-insensitive form used for matching. */
  normalized: string;
  /** 0-based line of the heading text. */
  line: number;
  /** Range of the heading text on its line (falls back to the whole line). */
  range: Range;
  /** First line after the section: the next heading of the same or a higher level, or the line count. */
  sectionEndLine: number;
  /** Whether anything other than headings, blank lines, HTML comments and placeholders sits inside the section. */
  hasContent: boolean;
  /** Whether content sits between this heading and the next heading of any level. */
  hasOwnContent: boolean;
}

/** Where one line of a fenced block's content starts in the source document. */
export interface SourceLineStart {
  line: number;
  character: number;
}

export interface FencedBlock {
  /** The info string, trimmed (e.g. "mermaid", "mermaid title=x"). */
  info: string;
  /** First word of the info string, lower-cased ("mermaid"). */
  lang: string;
  /** Block content as markdown-it gives it: container markers and fence indentation removed. */
  content: string;
  /** For each line of `content`, where it starts in the source. */
  contentLines: SourceLineStart[];
  /** 0-based line of the opening fence. */
  openLine: number;
  /** 0-based line of the closing fence, or the last line of the container when the fence is unclosed. */
  closeLine: number;
  /** Range of the opening fence line. */
  openRange: Range;
  /** Index of the nearest heading before the block in `MarkdownDocument.headings`, or -1. */
  headingIndex: number;
}

export interface MarkdownLink {
  href: string;
  isImage: boolean;
  line: number;
  /** Text of the link or the image's alt text. */
  text: string;
}

export interface ListItem {
  /** Plain text of the item's first paragraph. */
  text: string;
  /** 0-based first line and exclusive end line of the whole item. */
  line: number;
  endLine: number;
  /** Range covering the item's first paragraph text in the source. */
  range: Range;
  /** Nesting depth: 0 for a top-level list. */
  depth: number;
  /** Index of the nearest heading before the item, or -1. */
  headingIndex: number;
}

/** A line of prose (paragraph, list item, table cell row, heading) with its text, outside code and HTML comments. */
export interface ProseLine {
  line: number;
  text: string;
}

export interface MarkdownDocument {
  text: string;
  lines: string[];
  headings: Heading[];
  fences: FencedBlock[];
  links: MarkdownLink[];
  listItems: ListItem[];
  /** Source lines that hold prose (for text rules such as placeholders and pattern hovers). */
  proseLines: Set<number>;
  /** Source lines of table rows (header, delimiter and body), whose cells are prose too. */
  tableLines: Set<number>;
  /** Number of lines taken by YAML front matter at the top (0 if none). */
  frontMatterLines: number;
  /**
   * Whether anything other than headings, blank lines, HTML comments, placeholders and empty skeletons (empty bullets,
   * a header-only table, a Mermaid block with only its type line) is in the document.
   */
  hasContent: boolean;
  /** Paragraphs and list items that are nothing but a placeholder ("*Content coming soon…*", "WIP"), in order. */
  placeholders: ProseLine[];
}

const LINE_BREAK = /\r\n|\r|\n/;

export function splitLines(text: string): string[] {
  return text.split(LINE_BREAK);
}

/** Lines taken by a leading YAML front-matter block (`---` … `---`/`...`), which markdown-it would misread as a setext heading. */
export function frontMatterLineCount(lines: string[]): number {
  if (lines.length < 2 || lines[0].replace(/^\uFEFF/, '').trimEnd() !== '---') return 0;
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i].trimEnd();
    if (l === '---' || l === '...') return i + 1;
  }
  return 0;
}

/**
 * Whether an HTML block holds only comments. A scan from comment to comment: the regex this replaces,
 * `^\s*(<!--[\s\S]*?-->\s*)+$`, could split a run of comments in many ways and backtracked for minutes on a
 * block of a few hundred comments followed by text.
 */
function isCommentOnlyHtml(token: Token): boolean {
  const text = token.content;
  let at = skipSpace(text, 0);
  if (at >= text.length) return false;
  while (at < text.length) {
    if (!text.startsWith('<!--', at)) return false;
    const end = text.indexOf('-->', at + 4);
    if (end < 0) return false;
    at = skipSpace(text, end + 3);
  }
  return true;
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && /\s/.test(text[at])) at++;
  return at;
}

/** Whether inline text says anything once HTML comments are removed (`- <!-- a prompt -->` says nothing). */
function isWrittenText(content: string): boolean {
  return withoutHtmlComments(content).trim() !== '';
}

/** `text` without its `<!-- … -->` comments (an unclosed one runs to the end), as HTML reads them; linear. */
export function withoutHtmlComments(text: string): string {
  return replaceHtmlComments(text, () => '');
}

/** `text` with its `<!-- … -->` comments blanked out by spaces: same length, so columns stay where they were. */
export function blankHtmlComments(text: string): string {
  return replaceHtmlComments(text, (comment) => ' '.repeat(comment.length));
}

function replaceHtmlComments(text: string, by: (comment: string) => string): string {
  let from = text.indexOf('<!--');
  if (from < 0) return text;
  let out = '';
  let at = 0;
  while (from >= 0) {
    out += text.slice(at, from);
    const end = text.indexOf('-->', from + 4);
    if (end < 0) return out + by(text.slice(from));
    at = end + 3;
    out += by(text.slice(from, at));
    from = text.indexOf('<!--', at);
  }
  return out + text.slice(at);
}

/**
 * Whether a Mermaid block holds a diagram: something besides its type line (`flowchart LR`), `%%` comments and
 * directives. A scaffold's skeleton diagram (type line plus a `%%` prompt) is not written content.
 */
function isWrittenDiagram(content: string): boolean {
  let seenType = false;
  for (const raw of content.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('%%')) continue;
    if (!seenType) {
      seenType = true;
      continue;
    }
    return true;
  }
  return false;
}

/**
 * What a table's body holds: a written row, only rows a table snippet inserts as its example (the snippet named, see
 * snippetExamples.ts: they are the snippet's text, not the writer's), or nothing (a header row alone, a scaffold's
 * column skeleton). `open` is the index of table_open; cell text is read from the inline tokens' content (no inline
 * parse needed).
 */
function tableBody(tokens: Token[], open: number): { written: true } | { written: false; example?: ProseLine } {
  let inBody = false;
  let cells: string[] = [];
  let rowLine = 0;
  let example: ProseLine | undefined;
  for (let k = open + 1; k < tokens.length && tokens[k].type !== 'table_close'; k++) {
    const t = tokens[k];
    if (t.type === 'tbody_open') inBody = true;
    else if (!inBody) continue;
    else if (t.type === 'tr_open') [cells, rowLine] = [[], t.map?.[0] ?? rowLine];
    else if (t.type === 'inline') cells.push(t.content);
    else if (t.type === 'tr_close' && cells.some(isWrittenText)) {
      const snippet = snippetOfExampleRow(cells.map(withoutHtmlComments));
      if (!snippet) return { written: true };
      example ??= { line: rowLine, text: `${snippet} example rows` };
    }
  }
  return { written: false, example };
}

function lineRange(lines: string[], line: number): Range {
  const text = lines[line] ?? '';
  const start = text.length - text.trimStart().length;
  return { start: { line, character: start }, end: { line, character: text.trimEnd().length } };
}

function headingTextRange(lines: string[], line: number, text: string): Range {
  const source = lines[line] ?? '';
  const at = text ? source.indexOf(text) : -1;
  if (at >= 0) return { start: { line, character: at }, end: { line, character: at + text.length } };
  return lineRange(lines, line);
}

/**
 * Where each content line of a fence starts in the source. markdown-it strips container markers ("> ", list
 * indentation) and the fence's own indentation; the content line is what remains at the end of the source line,
 * so its start is the source length minus the content length. Lines that do not match (tabs expanded by the
 * parser) fall back to the first non-blank character.
 */
function mapContentLines(lines: string[], firstLine: number, content: string): SourceLineStart[] {
  // No content at all (a fence opened on the last line, or closed right away): no lines, rather than one past the end.
  if (content === '') return [];
  const contentLines = content.endsWith('\n') ? content.slice(0, -1).split('\n') : content.split('\n');
  const result: SourceLineStart[] = [];
  for (let i = 0; i < contentLines.length; i++) {
    const line = firstLine + i;
    // markdown-it replaces NUL with U+FFFD in its content (same length): compare like with like.
    const source = (lines[line] ?? '').replace(/\r$/, '').replace(/\0/g, '\uFFFD');
    const cl = contentLines[i];
    let character: number;
    if (source.endsWith(cl)) character = source.length - cl.length;
    else {
      const trimmed = cl.trimStart();
      const at = trimmed ? source.lastIndexOf(trimmed) : -1;
      character = at >= 0 ? at : source.length - source.trimStart().length;
    }
    result.push({ line, character });
  }
  return result;
}

function inlineText(token: Token | undefined): string {
  if (!token) return '';
  if (!token.children) return token.content;
  let out = '';
  for (const child of token.children) {
    if (child.type === 'text' || child.type === 'code_inline') out += child.content;
    else if (child.type === 'softbreak' || child.type === 'hardbreak') out += ' ';
    else if (child.type === 'image') out += child.content;
  }
  return out;
}

/**
 * Parse Markdown into the model the rules use. `eagerInline` runs markdown-it's inline pass on every paragraph, as a
 * plain md.parse does; tests use it to check that the selective inline parse gives the same model.
 */
export function parseMarkdown(text: string, options: { eagerInline?: boolean } = {}): MarkdownDocument {
  const lines = splitLines(text);
  const fmLines = frontMatterLineCount(lines);
  // Blank out front matter instead of cutting it, so token line maps stay in source coordinates.
  // markdown-it reads the text with its line breaks as "\n"; text that has no other break is already that (joining the
  // lines of a 400 KB document again took ~4 ms of every keystroke).
  // The lines markdown-it reads: front matter blanked (computed once, also handed to the chunked parse).
  const parsedLines = fmLines ? lines.map((l, i) => (i < fmLines ? '' : l)) : lines;
  const source = fmLines || text.includes('\r') ? parsedLines.join('\n') : text;
  const env: Record<string, unknown> = {};
  const eager = options.eagerInline === true;
  const tokens = eager
    ? md.parse(source, env)
    : (chunkedBlockTokens(mdBlocks, source, parsedLines) ?? mdBlocks.parse(source, env));

  const headings: Heading[] = [];
  const fences: FencedBlock[] = [];
  const links: MarkdownLink[] = [];
  const listItems: ListItem[] = [];
  const proseLines = new Set<number>();
  const tableLines = new Set<number>();
  /** Lines holding real content (not headings/comments/placeholders), used to decide whether a section is empty. */
  const contentLines: number[] = [];
  const placeholders: ProseLine[] = [];

  const openItems: ListItem[] = [];
  let listDepth = 0;
  let pendingItem: ListItem | undefined;

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    switch (t.type) {
      case 'heading_open': {
        const inline = tokens[i + 1];
        const raw = inline?.content ?? '';
        const line = t.map ? t.map[0] : 0;
        // A setext heading's text line is the first line of its map; an ATX heading has one line.
        headings.push({
          level: Number(t.tag.slice(1)),
          text: raw,
          normalized: normalizeHeading(raw),
          line,
          range: headingTextRange(lines, line, raw.split('\n')[0]),
          sectionEndLine: lines.length,
          hasContent: false,
          hasOwnContent: false,
        });
        if (t.map) for (let l = t.map[0]; l < t.map[1]; l++) proseLines.add(l);
        break;
      }
      case 'fence': {
        if (!t.map) break;
        const info = t.info.trim();
        const openLine = t.map[0];
        // map[1] is exclusive and includes the closing fence when there is one.
        const closeLine = t.map[1] - 1;
        fences.push({
          info,
          lang: (info.split(/\s+/)[0] ?? '')
            .toLowerCase()
            .replace(/^\{?\.?/, '')
            .replace(/\}$/, ''),
          content: t.content,
          contentLines: mapContentLines(lines, openLine + 1, t.content),
          openLine,
          closeLine,
          openRange: lineRange(lines, openLine),
          headingIndex: headings.length - 1,
        });
        if (fences[fences.length - 1].lang !== 'mermaid' || isWrittenDiagram(t.content)) contentLines.push(openLine);
        break;
      }
      case 'html_block':
        if (t.map && !isCommentOnlyHtml(t)) contentLines.push(t.map[0]);
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        listDepth++;
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        listDepth--;
        break;
      case 'list_item_open': {
        if (!t.map) break;
        const item: ListItem = {
          text: '',
          line: t.map[0],
          endLine: t.map[1],
          range: lineRange(lines, t.map[0]),
          depth: listDepth - 1,
          headingIndex: headings.length - 1,
        };
        listItems.push(item);
        openItems.push(item);
        pendingItem = item;
        break;
      }
      case 'list_item_close':
        openItems.pop();
        pendingItem = undefined;
        break;
      case 'inline': {
        if (!eager && ((pendingItem && t.map) || mayHoldLinks(t.content))) parseInline(t, env);
        const parentIsHeading = tokens[i - 1]?.type === 'heading_open';
        if (t.map && !parentIsHeading) {
          for (let l = t.map[0]; l < t.map[1]; l++) proseLines.add(l);
          // A placeholder is not content: a section (or file) holding only "*Coming soon…*" is still empty.
          // Comments are not text: "To be added. <!-- owner: Ana -->" is still only a placeholder.
          const written = withoutHtmlComments(t.content);
          if (isPlaceholderText(written)) placeholders.push({ line: t.map[0], text: written.trim() });
          else if (isWrittenText(t.content)) contentLines.push(t.map[0]);
        }
        if (pendingItem && t.map) {
          pendingItem.text = inlineText(t);
          const first = t.map[0];
          const last = t.map[1] - 1;
          const startText = lines[first] ?? '';
          const firstWord = t.content.trimStart().split('\n')[0].slice(0, 20);
          const at = firstWord ? startText.indexOf(firstWord) : -1;
          pendingItem.range = {
            start: { line: first, character: at >= 0 ? at : lineRange(lines, first).start.character },
            end: { line: last, character: (lines[last] ?? '').trimEnd().length },
          };
          pendingItem = undefined;
        }
        for (const child of t.children ?? []) {
          if (child.type === 'link_open') {
            links.push({
              href: String(child.attrGet('href') ?? ''),
              isImage: false,
              line: t.map ? t.map[0] : 0,
              text: '',
            });
          } else if (child.type === 'image') {
            links.push({
              href: String(child.attrGet('src') ?? ''),
              isImage: true,
              line: t.map ? t.map[0] : 0,
              text: child.content,
            });
          }
        }
        break;
      }
      case 'table_open':
        if (t.map) for (let l = t.map[0]; l < t.map[1]; l++) tableLines.add(l);
        // A header-only table (a scaffold's skeleton) is not content; nor is a table snippet's example left as inserted,
        // which counts as a placeholder.
        if (t.map) {
          const body = tableBody(tokens, i);
          if (body.written) contentLines.push(t.map[0]);
          else if (body.example) placeholders.push(body.example);
        }
        break;
      case 'code_block':
      case 'hr':
        if (t.map) contentLines.push(t.map[0]);
        break;
      default:
        break;
    }
  }

  // Section extents and emptiness, in one pass over headings.
  contentLines.sort((a, b) => a - b);
  for (let h = 0; h < headings.length; h++) {
    const heading = headings[h];
    let end = lines.length;
    let next = lines.length;
    for (let k = h + 1; k < headings.length; k++) {
      if (k === h + 1) next = headings[k].line;
      if (headings[k].level <= heading.level) {
        end = headings[k].line;
        break;
      }
    }
    heading.sectionEndLine = end;
    heading.hasContent = hasLineBetween(contentLines, heading.line + 1, end);
    heading.hasOwnContent = hasLineBetween(contentLines, heading.line + 1, Math.min(next, end));
  }

  return {
    text,
    lines,
    headings,
    fences,
    links,
    listItems,
    proseLines,
    tableLines,
    frontMatterLines: fmLines,
    hasContent: contentLines.length > 0,
    placeholders,
  };
}

/** Whether the sorted array holds a value in [from, to). */
function hasLineBetween(sorted: number[], from: number, to: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] < to;
}

/** The heading whose section contains `line` most specifically (deepest), or -1. */
export function headingAt(doc: MarkdownDocument, line: number): number {
  let found = -1;
  for (let h = 0; h < doc.headings.length; h++) {
    if (doc.headings[h].line > line) break;
    found = h;
  }
  return found;
}

export function positionAt(lines: string[], line: number, character: number): Position {
  const l = Math.max(0, Math.min(line, lines.length - 1));
  return { line: l, character: Math.max(0, Math.min(character, (lines[l] ?? '').length)) };
}
