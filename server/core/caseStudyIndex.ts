// The case-study index ("Generate Case Study Index"): the rows of the Markdown table of every case study, from the
// summaries the checks made and what each requirements file says about itself (date, focus). Pure: the server
// supplies the summaries and file texts. The table itself and the splice between the markers are
// common/indexTable.ts.
import type { IndexRow, IndexStatus } from '../../common/indexTable';
import type { CaseStudySummary } from './caseStudySummary';
import { parseMarkdown } from './markdown';

// The table and the splice are common/indexTable.ts (the client runs them); re-exported for the core and the CLI.
export * from '../../common/indexTable';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What the requirements file says about itself, for the index's date and focus columns. */
export interface CaseStudyMetadata {
  /** YYYY-MM-DD from front matter `date:`, or from the template's "Started: YYYY-MM-DD" status line. */
  date?: string;
  /** Front matter `focus:`, `summary:` or `description:`, else the first line of prose under the title. */
  focus?: string;
  /** Front matter `tags:` (inline list, comma list or YAML block list). */
  tags: string[];
}

/**
 * Metadata from a requirements file. Front matter wins (it is what a team sets on purpose); then what the
 * built-in template writes (the "Started:" status line, the summary paragraph under the title).
 */
export function readCaseStudyMetadata(text: string): CaseStudyMetadata {
  const doc = parseMarkdown(text);
  const front = parseFrontMatter(doc.lines.slice(0, doc.frontMatterLines));
  const meta: CaseStudyMetadata = { tags: listValue(front.tags) };
  const fmDate = scalar(front.date)?.slice(0, 10);
  if (fmDate && ISO_DATE.test(fmDate)) meta.date = fmDate;
  else {
    const started = /\bStarted\b\W{0,6}(\d{4}-\d{2}-\d{2})/i.exec(
      doc.lines.slice(doc.frontMatterLines, doc.frontMatterLines + 40).join('\n'),
    );
    if (started) meta.date = started[1];
  }
  const fmFocus = scalar(front.focus) ?? scalar(front.summary) ?? scalar(front.description);
  meta.focus = fmFocus || firstSummaryLine(doc);
  return meta;
}

/** "2026-01-05-url-shortener" → "2026-01-05" (the `{{date}}-{{slug}}` folder-name pattern). */
export function dateFromFolderName(name: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[-_ ]|$)/.exec(name);
  return m ? m[1] : undefined;
}

type FrontValue = string | string[];

/** The small YAML subset front matter uses in practice: `key: value`, `key: [a, b]`, and `key:` + `- item` lines. */
function parseFrontMatter(lines: string[]): Record<string, FrontValue> {
  const out: Record<string, FrontValue> = {};
  let listKey: string | undefined;
  for (const raw of lines.slice(1, -1)) {
    const item = /^\s+-\s+(.*)$/.exec(raw) ?? /^-\s+(.*)$/.exec(raw);
    if (item && listKey) {
      const current = out[listKey];
      out[listKey] = [...(Array.isArray(current) ? current : []), unquote(item[1])];
      continue;
    }
    const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(raw);
    if (!kv) continue;
    const key = kv[1].toLowerCase();
    const value = kv[2].trim();
    listKey = value === '' ? key : undefined;
    if (value === '') out[key] = [];
    else if (value.startsWith('[') && value.endsWith(']'))
      out[key] = value.slice(1, -1).split(',').map(unquote).filter(Boolean);
    else out[key] = unquote(value);
  }
  return out;
}

function unquote(s: string): string {
  const t = s.trim();
  return /^(["']).*\1$/.test(t) ? t.slice(1, -1) : t;
}

function scalar(v: FrontValue | undefined): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

function listValue(v: FrontValue | undefined): string[] {
  if (Array.isArray(v)) return v.filter(Boolean);
  return v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

/** First prose line after the first heading and before the next one: not a quote, comment, list, table or code. */
function firstSummaryLine(doc: ReturnType<typeof parseMarkdown>): string | undefined {
  const first = doc.headings[0];
  const start = first ? first.line + 1 : doc.frontMatterLines;
  const end = doc.headings[1]?.line ?? doc.lines.length;
  for (let line = start; line < end; line++) {
    if (!doc.proseLines.has(line)) continue;
    const text = doc.lines[line].trim();
    if (!text || /^(>|[-*+]\s|\d+[.)]\s|\||#)/.test(text)) continue;
    return plainText(text);
  }
  return undefined;
}

/** Inline Markdown reduced to readable text: links to their text, emphasis and code marks dropped. */
function plainText(s: string): string {
  return s
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_|`)(\S(?:.*?\S)?)\1/g, '$2')
    .replace(/<!--.*?-->/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Complete: every required file and section is there and nothing is an error. Warnings do not hold it back. */
export function caseStudyStatus(summary: Pick<CaseStudySummary, 'completeness' | 'findings'>): IndexStatus {
  return summary.completeness >= 1 && summary.findings.error === 0 ? 'complete' : 'in progress';
}

export interface IndexRowInput {
  summary: Pick<CaseStudySummary, 'name' | 'title' | 'completeness' | 'findings'>;
  /** Relative path from the index file's folder to the file the title links to (requirements.md, else the folder). */
  relativeLink?: string;
  meta?: Partial<CaseStudyMetadata>;
  /** Used when neither the file nor the folder name gives a date (e.g. the file's modification time). */
  fallbackDate?: string;
}

/** One row per case study, sorted by title (then name) so regenerating gives the same order. */
export function buildIndexRows(inputs: readonly IndexRowInput[]): IndexRow[] {
  const rows = inputs.map(({ summary, relativeLink, meta, fallbackDate }) => {
    const tags = meta?.tags ?? [];
    return {
      title: summary.title || summary.name,
      link: relativeLink ? encodeLink(relativeLink) : undefined,
      date: meta?.date ?? dateFromFolderName(summary.name) ?? fallbackDate,
      status: caseStudyStatus(summary),
      completeness: summary.completeness,
      focus: meta?.focus || (tags.length ? tags.join(', ') : undefined),
      sortKey: `${summary.title}\u0000${summary.name}`,
    };
  });
  rows.sort((a, b) => a.sortKey.localeCompare(b.sortKey, undefined, { numeric: true, sensitivity: 'base' }));
  return rows.map(({ sortKey: _sortKey, ...row }) => row);
}

function encodeLink(relative: string): string {
  return relative
    .replace(/\\/g, '/')
    .split('/')
    .map((segment) =>
      segment === '.' || segment === '..'
        ? segment
        : encodeURIComponent(segment).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    )
    .join('/');
}
