import { path } from '../../../common/path';
import { isWholeFile } from '../caseStudyModel';
import { withoutHtmlComments, type Heading, type MarkdownDocument } from '../markdown';
import { displayHeading, normalizeHeading } from '../normalize';
import type { CaseStudyRuleContext, Rule, SourceFile } from '../rule';
import { fileAnchorRange, isWithin } from '../sections';
import { isStub } from '../stubs';

const TRADE_OFFS_KIND = 'trade-offs';

/** Headings that hold trade-offs in files other than trade-offs.md (e.g. "## 7. Trade-Offs & Decisions" in a design). */
const CONTAINERS = new Set(
  [
    'trade offs',
    'tradeoffs',
    'trade off',
    'trade offs and decisions',
    'design decisions',
    'key design decisions',
    'design decisions and trade offs',
    'decisions',
    'key decisions',
    'trade off analysis',
  ].map(normalizeHeading),
);

/** Sections of a trade-offs file that are not trade-offs themselves. */
const NOT_A_TRADE_OFF = new Set(
  [
    'summary',
    'overview',
    'introduction',
    'context',
    'background',
    'conclusion',
    'conclusions',
    'references',
    'further reading',
    'notes',
    'glossary',
    'contents',
    'table of contents',
    'see also',
    'related',
    'key takeaways',
    'takeaways',
    'appendix',
    'assumptions',
    'evaluator lens',
    'open questions',
    'next steps',
    'decision drivers',
    'consequences',
    'links',
    'more information',
    'decision framework',
    'principles',
    'key principles',
    'lessons learned',
  ].map(normalizeHeading),
);

/**
 * Phrases that name a rejected or compared alternative: "A vs B", "instead of", "rather than", "X over Y", "faster
 * than Y", "without X", "(not Y)", "alternatives", "considered", "rejected", pros and cons, and a counterfactual
 * ("database-only reads would not scale"). Every branch is a fixed word or a bounded look-ahead, so the scan is
 * linear in the text; the former `\bchose\b[^.\n]*\bover\b` rescanned the rest of the sentence from every "chose".
 */
const ALTERNATIVE =
  /\bvs\.?(?=[\s:,)]|$)|\bversus\b|\binstead\b|\brather than\b|\balternative(?:s|ly)?\b|\bconsidered\b|\brejected\b|\bcompared (?:to|with)\b|\bcomparison\b|\boptions?\b|\bwhy not\b|\bover\b(?! (?:time|the (?:network|internet|wire|years|course|past|top)|https?\b|tcp\b|udp\b|grpc\b|websockets?\b|ssl\b|tls\b|\d))|\bthan\b(?! ?[~<>≈$]? ?\d)|\bwithout\b|\(not\b|\bwould\b|\botherwise\b|\bif we\b|\btrade-?offs? between\b|\bunlike\b|\bother approach|\bpros\b|\bcons\b/i;
/** In a heading, "A or B" names the alternative too ("Push or pull?"). */
const HEADING_ALTERNATIVE = /\bor\b|\//i;
/** The delimiter row of a Markdown table: a comparison table lays the options side by side. */
const TABLE_DELIMITER = /^\s{0,3}\|?\s{0,8}:?-{3,}:?\s{0,8}\|/;
/** Sub-sections that are parts of one trade-off, not trade-offs of their own ("### Pros", "### Cons"). */
const PARTS_OF_A_TRADE_OFF = new Set(
  [
    'pros',
    'cons',
    'pros and cons',
    'advantages',
    'disadvantages',
    'benefits',
    'drawbacks',
    'rationale',
    'decision',
    'why',
    'consequences',
    'risks',
    'mitigation',
    'when to use',
    'trade off',
    'trade offs',
    'tradeoff',
    'tradeoffs',
    'alternatives',
    'alternatives considered',
    'considered options',
    'decision outcome',
  ].map(normalizeHeading),
);
/** Phase-by-phase plans ("Phase 1: single SQL database", "Phase 3: sharding") name the options they move between. */
const STAGED_OPTION =
  /^(?:phase|stage|step|option|approach|alternative|tier|level)\s{1,3}(?:\d{1,2}(?:\s?[-–]\s?\d{1,2})?|[a-d])\b/i;
/** Words that say nothing about a decision's topic when matching it against analysed trade-offs. */
const TOPIC_STOP_WORDS = new Set(
  'why the a an of for and or vs versus to in on with over instead use using used design decision decisions strategy approach choice choose chosen our we is are as at by not no key main core system trade off offs'.split(
    ' ',
  ),
);

function topicWords(heading: string): string[] {
  return normalizeHeading(heading)
    .split(' ')
    .filter((w) => w.length > 2 && !TOPIC_STOP_WORDS.has(w))
    .map((w) => (w.length > 4 ? w.replace(/(?:ies|es|s)$/, '') : w));
}

interface Outline {
  /** For each heading, the index of its nearest enclosing heading, or -1. */
  parent: number[];
  /** For each heading, how many headings have it as their parent. */
  children: number[];
  /** Parents already judged by comparedByParent. */
  compared: Map<number, boolean>;
}

// Computed once per parsed document: looking parents up by scanning back made this rule cubic in the number of
// headings (10,000 headings took minutes); with a stack it is one linear pass.
const outlines = new WeakMap<MarkdownDocument, Outline>();

function outlineOf(doc: MarkdownDocument): Outline {
  let outline = outlines.get(doc);
  if (outline) return outline;
  const parent: number[] = [];
  const children: number[] = new Array<number>(doc.headings.length).fill(0);
  const stack: number[] = [];
  doc.headings.forEach((h, i) => {
    while (stack.length && doc.headings[stack[stack.length - 1]].level >= h.level) stack.pop();
    const p = stack.length ? stack[stack.length - 1] : -1;
    parent.push(p);
    if (p >= 0) children[p]++;
    stack.push(i);
  });
  outline = { parent, children, compared: new Map() };
  outlines.set(doc, outline);
  return outline;
}

/** Index of the nearest enclosing heading, or -1. */
function parentOf(doc: MarkdownDocument, index: number): number {
  return outlineOf(doc).parent[index];
}

/**
 * Options are often written as sibling sections under one comparison: "## Performance vs Accuracy" with
 * "### Sliding Window" and "### Token Bucket" below it, or "## Alternative Architectures" listing each rejected
 * design. There the parent heading names the comparison, or the siblings are the alternatives of each other.
 */
function comparedByParent(doc: MarkdownDocument, index: number): boolean {
  const parent = parentOf(doc, index);
  if (parent < 0 || doc.headings[parent].level === 1) return false;
  const outline = outlineOf(doc);
  // Asked once per child: remembered per parent, so a thousand siblings do not rescan a long parent heading.
  let answer = outline.compared.get(parent);
  if (answer === undefined) {
    const p = doc.headings[parent];
    // A comment in a heading is not written text: "## Caching <!-- compare with Memcached? -->" names nothing.
    const text = withoutHtmlComments(p.text);
    answer =
      HEADING_ALTERNATIVE.test(text) ||
      ALTERNATIVE.test(text) ||
      (!CONTAINERS.has(p.normalized) && outline.children[parent] >= 2);
    outline.compared.set(parent, answer);
  }
  return answer;
}

const unwrittenHeadingsCache = new WeakMap<MarkdownDocument, Set<number>>();

/**
 * Lines of headings with nothing written under them. Such a heading names no alternative, whatever its words: an
 * "### Alternatives Considered" left empty, or holding only a template's prompt or a placeholder, is a heading
 * waiting for the alternatives, not one.
 */
function unwrittenHeadingLines(doc: MarkdownDocument): Set<number> {
  let lines = unwrittenHeadingsCache.get(doc);
  if (!lines) {
    lines = new Set(doc.headings.filter((h) => !h.hasContent).map((h) => h.line));
    unwrittenHeadingsCache.set(doc, lines);
  }
  return lines;
}

/** Whether a section's text (heading line excluded) names an alternative, in words, a comparison table or staged options. */
function namesAlternative(doc: MarkdownDocument, from: number, to: number): boolean {
  const unwrittenHeadings = unwrittenHeadingLines(doc);
  for (let l = from; l < to; l++) {
    // Only what the writer wrote counts: a scaffold's `<!-- e.g. X instead of Y -->` prompt, an HTML comment block or
    // code names no alternative (left unwritten, such a trade-offs file passed as if it held trade-offs), nor does a
    // sub-heading with nothing written under it.
    const isTable = doc.tableLines.has(l);
    if (!isTable && !doc.proseLines.has(l)) continue;
    if (unwrittenHeadings.has(l)) continue;
    const line = withoutHtmlComments(doc.lines[l] ?? '');
    if (ALTERNATIVE.test(line) || (isTable && TABLE_DELIMITER.test(line))) return true;
  }
  const staged = stagedItemsBefore(doc);
  return staged[Math.min(to, doc.lines.length)] - staged[Math.min(from, doc.lines.length)] >= 2;
}

const stagedCache = new WeakMap<MarkdownDocument, Int32Array>();

/** For each line, how many staged-option list items start before it: prefix sums, so a section's count costs O(1). */
function stagedItemsBefore(doc: MarkdownDocument): Int32Array {
  let sums = stagedCache.get(doc);
  if (sums) return sums;
  sums = new Int32Array(doc.lines.length + 1);
  for (const item of doc.listItems) if (STAGED_OPTION.test(item.text.trim())) sums[item.line + 1]++;
  for (let l = 1; l <= doc.lines.length; l++) sums[l] += sums[l - 1];
  stagedCache.set(doc, sums);
  return sums;
}

interface TradeOff {
  index: number;
  named: boolean;
}

/** Whether every sub-section directly under heading `index` is a part of one trade-off or not a trade-off itself. */
function childrenAreParts(doc: MarkdownDocument, parent: readonly number[], index: number): boolean {
  const end = doc.headings[index].sectionEndLine;
  for (let k = index + 1; k < doc.headings.length && doc.headings[k].line < end; k++) {
    if (parent[k] !== index) continue;
    const n = doc.headings[k].normalized;
    if (!PARTS_OF_A_TRADE_OFF.has(n) && !NOT_A_TRADE_OFF.has(n)) return false;
  }
  return true;
}

/** The trade-off sections of a file: leaf sections with content in a trade-offs file, or under a Trade-offs / Design Decisions heading elsewhere. */
function tradeOffsOf(file: SourceFile, isTradeOffsFile: boolean, partHeadings: ReadonlySet<number>): TradeOff[] {
  const doc = file.doc;
  const partSections = new Set([...partHeadings].map((i) => doc.headings[i]));
  const isContainer = (h: Heading) => CONTAINERS.has(h.normalized) || partSections.has(h);
  const headings = doc.headings;
  const out: TradeOff[] = [];
  const { parent } = outlineOf(doc);
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i];
    const hasChildren = headings[i + 1] !== undefined && headings[i + 1].line < h.sectionEndLine;
    // A decision written in parts ("### Context", "### Alternatives Considered", "### Consequences", Pros / Cons) is
    // one trade-off, its parts included: what it weighs is read from the parts' written text.
    const inParts = hasChildren && childrenAreParts(doc, parent, i);
    if (hasChildren ? !inParts || !h.hasContent : !h.hasOwnContent) continue;
    // A leaf section that the model took for the trade-offs part because of its "vs" is a trade-off itself.
    if (NOT_A_TRADE_OFF.has(h.normalized) || CONTAINERS.has(h.normalized)) continue;
    // "### Pros" / "### Cons" under one trade-off are its parts: the trade-off above them weighs the options.
    if (PARTS_OF_A_TRADE_OFF.has(h.normalized) && parentOf(doc, i) >= 0) continue;
    const inContainer = isWithin(doc, i, (p) => p !== h && isContainer(p));
    if (isTradeOffsFile ? h.level < 2 : !inContainer) continue;
    if (isTradeOffsFile && isWithin(doc, i, (p) => p !== h && NOT_A_TRADE_OFF.has(p.normalized))) continue;
    const text = withoutHtmlComments(h.text);
    const named =
      HEADING_ALTERNATIVE.test(text) ||
      ALTERNATIVE.test(text) ||
      namesAlternative(doc, h.line + 1, h.sectionEndLine) ||
      comparedByParent(doc, i);
    out.push({ index: i, named });
  }
  return out;
}

export const noAlternatives: Rule = {
  meta: {
    id: 'no-alternatives',
    description: 'A trade-off names no rejected alternative, or a trade-offs file holds no trade-off.',
    defaultSeverity: 'warning',
    docs:
      'A trade-off is a choice between options; one that names no alternative is just a statement. Each trade-off section ' +
      '(a sub-heading of trade-offs.md, or of a *Trade-offs* / *Design Decisions* section elsewhere) should say what else was ' +
      'considered and why it lost: "A vs B", "X over Y", "instead of", "rather than", "faster than Y", "without X", "(not Y)", ' +
      '"considered", "rejected", Pros/Cons, a comparison table, or what the other option would do. A heading such as "Alternatives Considered" ' +
      'counts only with alternatives written under it (not left empty, with a prompt or a placeholder); a decision written in parts (Context, ' +
      'Decision, Alternatives Considered, Consequences) is one trade-off. A decision summarised in the design ' +
      'whose trade-off is analysed in the trade-offs file is not checked twice; a trade-offs file with no trade-off at all is reported.',
    example: "Trade-off 'Caching layer' names no alternative: say what else you considered and why you rejected it.",
  },
  checkCaseStudy(ctx: CaseStudyRuleContext) {
    const files = [...ctx.files.values()].filter((f) => !f.isMermaidFile && !isStub(f.doc));
    // Where the case study writes its trade-offs: trade-offs files (by name) and sections of other files ("## 7.
    // Trade-Offs & Decisions" in hld.md), as the case-study model found them.
    const places = ctx.model.parts.get(TRADE_OFFS_KIND) ?? [];
    const isTradeOffsFile = (f: SourceFile) =>
      f.kind === TRADE_OFFS_KIND || places.some((p) => p.path === f.path && isWholeFile(p));
    // In a trade-offs file the whole file is the part; its "A vs B" headings are trade-offs, not containers.
    const partHeadings = (f: SourceFile) =>
      new Set(
        isTradeOffsFile(f)
          ? []
          : places.filter((p) => p.path === f.path && p.heading !== undefined).map((p) => p.heading!),
      );
    const perFile = new Map<SourceFile, TradeOff[]>(
      files.map((f) => [f, tradeOffsOf(f, isTradeOffsFile(f), partHeadings(f))]),
    );
    // The topic words of each file's trade-offs that name their alternatives, and in how many files each word occurs:
    // "analysed in another file" is then a look-up, not a pass over every other file per file.
    const topics = new Map<SourceFile, Set<string>>();
    const topicFiles = new Map<string, number>();
    for (const [file, list] of perFile) {
      const words = new Set<string>();
      for (const t of list) if (t.named) topicWords(file.doc.headings[t.index].text).forEach((w) => words.add(w));
      topics.set(file, words);
      for (const w of words) topicFiles.set(w, (topicFiles.get(w) ?? 0) + 1);
    }
    for (const [file, tradeOffs] of perFile) {
      const doc = file.doc;
      if (isTradeOffsFile(file) && !tradeOffs.length && !namesAlternative(doc, 0, doc.lines.length)) {
        ctx.report({
          path: file.path,
          range: fileAnchorRange(doc),
          message: `'${path.basename(file.path)}' holds no trade-off: name each decision, the alternatives you considered and why they lost.`,
        });
        continue;
      }
      const missing = tradeOffs.filter((t) => !t.named);
      if (!missing.length) continue;
      // Topics analysed (with their alternatives) in the case's other files: a design's "Design Decisions" summary of
      // "Redis for Counters" is covered by "Redis for Counter Storage" weighed in trade-offs.md.
      const own = topics.get(file);
      const analysedElsewhere = (w: string) =>
        !isTradeOffsFile(file) && (topicFiles.get(w) ?? 0) - (own?.has(w) ? 1 : 0) > 0;
      for (const t of missing) {
        const h = doc.headings[t.index];
        if (topicWords(h.text).some(analysedElsewhere)) continue;
        ctx.report({
          path: file.path,
          range: h.range,
          message: `Trade-off '${displayHeading(h.text)}' names no alternative: say what else you considered and why you rejected it.`,
        });
      }
    }
  },
};
