// What a case study is and where its parts are written, from its files' names and headings.
//
// Real case studies are not all three files. A part (requirements, design, trade-offs) may be a file by its name
// (`01_requirements.md`, `hld.md`) or a section of another file of the same case study ("## 7. Trade-offs" inside
// hld.md; one README with Requirements / Architecture / Trade-offs sections; multi-part files such as
// `01_Live-Streaming-Design-Part1-A.md`). And not every document in a case-study folder is a design: a
// post-mortem, a decision record or an essay is not held to the design layout at all. See README, "What a case
// study looks like".
import { path, pathsIgnoreCase } from '../../common/path';
import { compileGlob } from './glob';
import type { CaseStudy } from './caseStudy';
import { isMarkdownPath } from './caseStudy';
import type { CaseStudyKind, RequiredFileSpec, ResolvedConfig } from './config';
import type { MarkdownDocument } from './markdown';
import { normalizeHeading } from './normalize';
import type { SourceFile } from './rule';
import { headingFills, titleIndex } from './sections';

/** Where a part is written: a whole file (by its name), a section of a file (by its heading), or prose. */
export interface PartPlace {
  path: string;
  /** Index into the file's headings of the section that fills the part; undefined when the whole file does. */
  heading?: number;
  /** For trade-offs weighed in the prose rather than in a section of their own: the first such line (0-based). */
  line?: number;
}

/** Whether a place is a whole file that is the part by its name (not a section of it, nor lines of its prose). */
export function isWholeFile(place: PartPlace): boolean {
  return place.heading === undefined && place.line === undefined;
}

/**
 * Trade-offs weighed in running text ("Instead of managing a file server, we could use an object store"; "An
 * alternative to a relational database…"; "discuss the tradeoffs between SQL and NoSQL"), as one-file case studies
 * such as the system-design-primer's write them. Two such sentences in a case study's prose count as its trade-offs
 * part: a reviewer would not ask those for "a trade-offs file".
 */
const INLINE_TRADE_OFF =
  /\b(instead of|alternatively|(an|the) alternatives? (to|is|would)|rather than|trade-?offs? (between|of)|we could (also )?(use|store|choose)|trade-?offs?,? (and|or) alternatives|alternatives,? (and|or) trade-?offs?)\b/i;
const INLINE_TRADE_OFFS_NEEDED = 2;
const TRADE_OFFS_PART = 'trade-offs';

export interface CaseStudyModel {
  kind: CaseStudyKind;
  /** Why the kind was chosen, in words, for listings and hovers ("file names", "headings Timeline, Root Cause"). */
  kindReason: string;
  /** Where each required part (by required-file id) is written; absent or empty when nowhere. */
  parts: Map<string, PartPlace[]>;
  /** Required parts written nowhere; always empty for kinds other than design (they are not held to the parts). */
  missing: RequiredFileSpec[];
}

/** Headings of a post-mortem / incident review / retrospective (Google SRE, PagerDuty, Atlassian templates). */
const POSTMORTEM_HEADINGS = [
  'timeline',
  'root cause',
  'root causes',
  'root cause analysis',
  'contributing factors',
  'impact',
  'customer impact',
  'action items',
  'corrective actions',
  'follow up actions',
  'follow ups',
  'lessons learned',
  'what went well',
  'what went wrong',
  'where we got lucky',
  'detection',
  'resolution',
  'mitigation',
  'incident summary',
  'trigger',
];
/** Words in a title or file name that say the document is a post-mortem. */
const POSTMORTEM_TITLE = /\b(post ?mortem|postmortem|retrospective|retro|incident|outage|rca)\b/;

/** Headings of decision records: MADR ("Context and Problem Statement", "Considered Options", "Decision Outcome") and Nygard ADRs. */
const ADR_CONTEXT = ['context', 'context and problem statement'];
const ADR_DECISION = ['decision', 'decision outcome', 'considered options', 'decision drivers'];
const ADR_TITLE = /\b(adr|decision record)\b/;

/** Design headings count from two parts up: one "Architecture" section does not make an essay a design case study. */
const MIN_PARTS_FOR_DESIGN = 2;

function containsWords(normalized: string, words: string): boolean {
  return ` ${normalized} `.includes(` ${words} `);
}

/** Whether heading `index` of a document (not its title) fills a part: by the part's headings or its required sections. */
export function headingFillsPart(doc: MarkdownDocument, index: number, spec: RequiredFileSpec): boolean {
  const h = doc.headings[index];
  if (!h.normalized) return false;
  if (spec.headings.some((words) => containsWords(h.normalized, words))) return true;
  return spec.sections.some((section) => headingFills(h.normalized, section));
}

/** The files that may hold parts: Markdown files directly in the case-study folder (not its diagrams/ or assets/). */
function topLevelFiles(cs: CaseStudy, files: Map<string, SourceFile>): SourceFile[] {
  const out: SourceFile[] = [];
  for (const entry of cs.files) {
    if (entry.relative.includes('/') || !isMarkdownPath(entry.path)) continue;
    const file = files.get(entry.path);
    if (file && !file.isMermaidFile) out.push(file);
  }
  return out;
}

const kindMatchers = new Map<string, (relative: string) => boolean>();

/** The kind the configuration gives a case study (`kinds` globs relative to the config's folder), if any. */
export function configuredKind(cs: CaseStudy, config: ResolvedConfig): CaseStudyKind | undefined {
  if (!config.kinds.length) return undefined;
  const rel = path.relative(cs.root, cs.path).split(path.sep).join('/');
  for (const { glob, kind } of config.kinds) {
    let m = kindMatchers.get(glob);
    if (!m) {
      if (kindMatchers.size > 256) kindMatchers.clear();
      // The bounded matcher: these globs come from the workspace (see glob.ts).
      m = compileGlob(glob, { dot: true, nocase: pathsIgnoreCase() }) ?? (() => false);
      kindMatchers.set(glob, m);
    }
    if (m(rel)) return kind;
  }
  return undefined;
}

/** Post-mortem or ADR from headings and titles, with the reason; undefined when neither. */
function detectOtherKind(cs: CaseStudy, docs: SourceFile[]): { kind: CaseStudyKind; reason: string } | undefined {
  const headings = new Set<string>();
  const titles: string[] = [normalizeHeading(cs.name.replace(/[-_]/g, ' '))];
  for (const file of docs) {
    const t = titleIndex(file.doc);
    file.doc.headings.forEach((h, i) => (i === t ? titles.push(h.normalized) : headings.add(h.normalized)));
  }
  const pm = POSTMORTEM_HEADINGS.filter((h) => headings.has(h));
  if (pm.length >= 2) return { kind: 'postmortem', reason: `post-mortem headings (${pm.slice(0, 3).join(', ')})` };
  const context = ADR_CONTEXT.some((h) => headings.has(h));
  const decision = ADR_DECISION.filter((h) => headings.has(h));
  if (context && decision.length) return { kind: 'adr', reason: `decision-record headings (context, ${decision[0]})` };
  if (titles.some((t) => POSTMORTEM_TITLE.test(t)))
    return { kind: 'postmortem', reason: 'its title or name says post-mortem' };
  if (titles.some((t) => ADR_TITLE.test(t)) && decision.length)
    return { kind: 'adr', reason: 'its title says decision record' };
  return undefined;
}

/**
 * The kind of a case study and where its parts are. Parts are looked for by file name first (the file kinds of
 * discovery), then as sections of the case study's own top-level Markdown files. A document's title is never one
 * of its sections ("# High-Level Design" names the file, it does not write the architecture).
 */
export function analyzeCaseStudy(
  cs: CaseStudy,
  files: Map<string, SourceFile>,
  config: ResolvedConfig,
): CaseStudyModel {
  const parts = new Map<string, PartPlace[]>();
  const add = (id: string, place: PartPlace) => {
    const list = parts.get(id);
    if (list) list.push(place);
    else parts.set(id, [place]);
  };
  for (const entry of cs.files)
    for (const id of entry.kinds ?? (entry.kind ? [entry.kind] : [])) add(id, { path: entry.path });
  const byName = parts.size > 0;

  const docs = topLevelFiles(cs, files);
  for (const file of docs) {
    const title = titleIndex(file.doc);
    for (let i = 0; i < file.doc.headings.length; i++) {
      if (i === title) continue;
      for (const spec of config.requiredFiles)
        if (headingFillsPart(file.doc, i, spec)) add(spec.id, { path: file.path, heading: i });
    }
  }

  if (config.requiredFiles.some((s) => s.id === TRADE_OFFS_PART) && !parts.get(TRADE_OFFS_PART)?.length) {
    const inline = inlineTradeOffs(docs);
    if (inline) add(TRADE_OFFS_PART, inline);
  }

  const configured = configuredKind(cs, config);
  let kind: CaseStudyKind;
  let reason: string;
  // Kind detection counts parts written under headings only: prose alone does not make an essay a design.
  const filledBySections = config.requiredFiles.filter((s) =>
    parts.get(s.id)?.some((p) => p.line === undefined),
  ).length;
  if (configured) [kind, reason] = [configured, '"kinds" in .designnotes.json'];
  else if (byName) [kind, reason] = ['design', 'its file names'];
  else if (!cs.files.some((f) => isMarkdownPath(f.path))) [kind, reason] = ['design', 'an empty case-study folder'];
  else {
    const other = detectOtherKind(cs, docs);
    if (other) [kind, reason] = [other.kind, other.reason];
    else if (filledBySections >= MIN_PARTS_FOR_DESIGN) [kind, reason] = ['design', 'its headings'];
    else
      [kind, reason] = [
        'notes',
        filledBySections ? 'only one design part among its headings' : 'no design parts among its headings',
      ];
  }
  const missing = kind === 'design' ? config.requiredFiles.filter((s) => !parts.get(s.id)?.length) : [];
  return { kind, kindReason: reason, parts, missing };
}

/** The first place where trade-offs are weighed in prose, when the case study's files do so often enough. */
function inlineTradeOffs(docs: SourceFile[]): PartPlace | undefined {
  let first: PartPlace | undefined;
  let count = 0;
  for (const file of docs) {
    for (const line of [...file.doc.proseLines].sort((a, b) => a - b)) {
      if (!INLINE_TRADE_OFF.test(file.doc.lines[line] ?? '')) continue;
      first ??= { path: file.path, line };
      if (++count >= INLINE_TRADE_OFFS_NEEDED) return first;
    }
  }
  return undefined;
}
