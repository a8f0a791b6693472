import type { Rule } from '../rule';
import type { MarkdownDocument } from '../markdown';
import { normalizeHeading } from '../normalize';
import { isWithin } from '../sections';

const TRADE_OFFS_KIND = 'trade-offs';

/** Headings that hold trade-offs in files other than trade-offs.md (e.g. "## 7. Trade-Offs & Decisions" in a design). */
const CONTAINERS = new Set(
  ['trade offs', 'tradeoffs', 'trade off', 'trade offs and decisions', 'design decisions', 'key design decisions', 'design decisions and trade offs', 'decisions', 'key decisions', 'trade off analysis'].map(normalizeHeading),
);

/** Sections of a trade-offs file that are not trade-offs themselves. */
const NOT_A_TRADE_OFF = new Set(
  [
    'summary', 'overview', 'introduction', 'context', 'background', 'conclusion', 'conclusions', 'references', 'further reading',
    'notes', 'glossary', 'contents', 'table of contents', 'see also', 'related', 'key takeaways', 'takeaways', 'appendix',
    'assumptions', 'evaluator lens', 'open questions', 'next steps', 'decision drivers', 'consequences', 'links', 'more information',
    'decision framework', 'principles', 'key principles', 'lessons learned',
  ].map(normalizeHeading),
);

/** Phrases that name a rejected or compared alternative. */
const ALTERNATIVE =
  /\bvs\.?(?=[\s:,)]|$)|\bversus\b|\binstead of\b|\brather than\b|\balternatives?\b|\bconsidered\b|\brejected\b|\bcompared (?:to|with)\b|\boptions?\b|\bwhy not\b|\btrade-?off between\b|\bunlike\b|\bother approach/i;
/** "chose X over Y" in one sentence (a sentence ends at "." or a line break). */
const CHOSE = /\b(?:chose|choose|chosen|prefer(?:red)?|picked|selected|favou?r(?:ed)?)\b/gi;
const OVER = /\bover\b/gi;
const SENTENCE_END = /[.\n]/g;

/**
 * Whether some sentence has a choice word followed by "over". One pass over the text: the regex this replaces,
 * `\b(?:chose|…)\b[^.\n]*\bover\b`, rescanned the rest of the sentence from every choice word, so a section of
 * "chose chose chose …" took minutes (quadratic).
 */
function namesChoiceOver(text: string): boolean {
  CHOSE.lastIndex = 0;
  // Every search below starts where the previous one of its kind stopped or later, so each character is looked at
  // a bounded number of times.
  let over = -1;
  while (CHOSE.exec(text)) {
    const from = CHOSE.lastIndex;
    if (over < from) {
      OVER.lastIndex = from;
      const m = OVER.exec(text);
      if (!m) return false;
      over = m.index;
    }
    // The first choice word of a sentence is the only one worth trying: "over" after a later one is also after it.
    SENTENCE_END.lastIndex = from;
    const end = SENTENCE_END.exec(text)?.index ?? text.length;
    if (over < end) return true;
    CHOSE.lastIndex = end;
  }
  return false;
}

function namesAlternative(text: string): boolean {
  return ALTERNATIVE.test(text) || namesChoiceOver(text);
}

/** In a heading, "A or B" names the alternative too ("Push or pull?"). */
const HEADING_ALTERNATIVE = /\bor\b|\//i;

function sectionText(doc: MarkdownDocument, from: number, to: number): string {
  return doc.lines.slice(from, to).join('\n');
}

interface Outline {
  /** For each heading, the index of its nearest enclosing heading, or -1. */
  parent: number[];
  /** For each heading, how many headings have it as their parent. */
  children: number[];
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
  outline = { parent, children };
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
  const p = doc.headings[parent];
  if (HEADING_ALTERNATIVE.test(p.text) || namesAlternative(p.text)) return true;
  if (CONTAINERS.has(p.normalized)) return false;
  return outlineOf(doc).children[parent] >= 2;
}

export const noAlternatives: Rule = {
  meta: {
    id: 'no-alternatives',
    description: 'A trade-off names no rejected alternative.',
    defaultSeverity: 'warning',
    docs:
      'A trade-off is a choice between options; one that names no alternative is just a statement. Each trade-off section ' +
      '(a sub-heading of trade-offs.md, or of a *Trade-offs* / *Design Decisions* section elsewhere) should say what else was ' +
      'considered and why it lost: "A vs B", "instead of", "rather than", "considered", "rejected", "alternatives".',
    example: "Trade-off 'Caching layer' names no alternative: say what else you considered and why you rejected it.",
  },
  checkFile(ctx) {
    const { file, caseStudy } = ctx;
    if (!caseStudy || file.isMermaidFile) return;
    const doc = file.doc;
    const isTradeOffsFile = file.kind === TRADE_OFFS_KIND;
    const headings = doc.headings;
    for (let i = 0; i < headings.length; i++) {
      const h = headings[i];
      const hasChildren = headings[i + 1] !== undefined && headings[i + 1].line < h.sectionEndLine;
      if (hasChildren || !h.hasOwnContent) continue;
      if (NOT_A_TRADE_OFF.has(h.normalized) || CONTAINERS.has(h.normalized)) continue;
      const inContainer = isWithin(doc, i, (p) => p !== h && CONTAINERS.has(p.normalized));
      if (isTradeOffsFile ? h.level < 2 : !inContainer) continue;
      if (isTradeOffsFile && isWithin(doc, i, (p) => p !== h && NOT_A_TRADE_OFF.has(p.normalized))) continue;
      if (HEADING_ALTERNATIVE.test(h.text) || namesAlternative(sectionText(doc, h.line, h.sectionEndLine))) continue;
      if (comparedByParent(doc, i)) continue;
      ctx.report({
        range: h.range,
        message: `Trade-off '${h.text.trim()}' names no alternative: say what else you considered and why you rejected it.`,
      });
    }
  },
};
