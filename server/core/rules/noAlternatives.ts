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
  /\bvs\.?(?=[\s:,)]|$)|\bversus\b|\binstead of\b|\brather than\b|\balternatives?\b|\bconsidered\b|\brejected\b|\bcompared (?:to|with)\b|\boptions?\b|\bwhy not\b|\b(?:chose|choose|chosen|prefer(?:red)?|picked|selected|favou?r(?:ed)?)\b[^.\n]*\bover\b|\btrade-?off between\b|\bunlike\b|\bother approach/i;
/** In a heading, "A or B" names the alternative too ("Push or pull?"). */
const HEADING_ALTERNATIVE = /\bor\b|\//i;

function sectionText(doc: MarkdownDocument, from: number, to: number): string {
  return doc.lines.slice(from, to).join('\n');
}

/** Index of the nearest enclosing heading, or -1. */
function parentOf(doc: MarkdownDocument, index: number): number {
  const level = doc.headings[index].level;
  for (let k = index - 1; k >= 0; k--) if (doc.headings[k].level < level) return k;
  return -1;
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
  if (HEADING_ALTERNATIVE.test(p.text) || ALTERNATIVE.test(p.text)) return true;
  if (CONTAINERS.has(p.normalized)) return false;
  let siblings = 0;
  for (let k = parent + 1; k < doc.headings.length && doc.headings[k].line < p.sectionEndLine; k++) {
    if (parentOf(doc, k) === parent) siblings++;
  }
  return siblings >= 2;
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
      if (HEADING_ALTERNATIVE.test(h.text) || ALTERNATIVE.test(sectionText(doc, h.line, h.sectionEndLine))) continue;
      if (comparedByParent(doc, i)) continue;
      ctx.report({
        range: h.range,
        message: `Trade-off '${h.text.trim()}' names no alternative: say what else you considered and why you rejected it.`,
      });
    }
  },
};
