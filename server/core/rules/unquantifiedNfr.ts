import type { Rule } from '../rule';
import { isWithin } from '../sections';

const NFR_SECTION_ID = 'non-functional-requirements';

/** A digit, or a number written as a word ("five nines", "zero downtime"), makes a target measurable. */
const MEASURABLE = /\d|\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|billion|nines|half|twice|double)\b/i;

/**
 * Properties that are pass/fail without a number: you can test for them directly ("no single point of failure",
 * "exactly-once delivery", "strongly consistent reads", "must not be lost").
 */
const VERIFIABLE =
  /single points? of failure|\bspof\b|strong(?:ly)? consisten|linearizab|serializab|exactly[- ]once|at[- ]least[- ]once|at[- ]most[- ]once|read[- ]your[- ]writes|causal(?:ly)? consisten|\bacid\b|idempoten|end[- ]to[- ]end encrypt|(?:must|should|will) not be lost|no data loss|\bgdpr\b|\bhipaa\b|\bpci\b|\bsoc ?2\b|\bwcag\b/i;

/** Example targets by topic, so the message teaches what "measurable" means for the requirement at hand. */
const EXAMPLES: [RegExp, string][] = [
  [/avail|uptime|downtime|fault.?toleran|resilien|reliab/i, '99.9% monthly availability'],
  [/laten|fast|quick|responsive|performan|speed|real.?time/i, 'p99 latency < 200 ms'],
  [/scal|throughput|load|traffic|concurren|users/i, '10,000 requests/s at peak'],
  [/durab|data loss|persist|backup|recover/i, 'RPO 0, RTO 15 min'],
  [/consisten|fresh|stale|sync/i, 'reads reflect writes within 1 s'],
  [/secur|encrypt|auth|privacy|complian/i, 'keys rotated every 90 days'],
  [/cost|cheap|budget/i, 'under $2,000/month at 1M users'],
];

function exampleFor(text: string): string {
  return EXAMPLES.find(([re]) => re.test(text))?.[1] ?? 'a number with a unit';
}

function quote(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 48 ? `${t.slice(0, 45)}…` : t;
}

export const unquantifiedNfr: Rule = {
  meta: {
    id: 'unquantified-nfr',
    description: 'A non-functional requirement states no number or measurable target.',
    defaultSeverity: 'warning',
    docs:
      'Bullets under *Non-Functional Requirements* (and its sub-headings) need a target you could test: "highly available" is a wish, ' +
      '"99.9% monthly availability" is a requirement. A bullet with sub-bullets is judged by its sub-bullets. ' +
      'Pass/fail properties count as measurable (no single point of failure, exactly-once, strongly consistent, must not be lost), and questions are ignored.',
    example: "Non-functional requirement 'Highly available' has no measurable target: add one, e.g. '99.9% monthly availability'.",
  },
  checkFile(ctx) {
    const { file, config } = ctx;
    if (file.isMermaidFile) return;
    const match = new Set<string>();
    for (const spec of config.requiredFiles) for (const s of spec.sections) if (s.id === NFR_SECTION_ID) s.match.forEach((m) => match.add(m));
    if (!match.size) return;
    const doc = file.doc;
    const inNfr = new Map<number, boolean>();
    const items = doc.listItems;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const next = items[i + 1];
      // A bullet with sub-bullets is a group label ("Availability:"); its children carry the targets.
      if (next && next.line < item.endLine && next.depth > item.depth) continue;
      if (!inNfr.has(item.headingIndex)) inNfr.set(item.headingIndex, isWithin(doc, item.headingIndex, (h) => match.has(h.normalized)));
      if (!inNfr.get(item.headingIndex)) continue;
      const text = item.text.trim();
      // A question ("Are there latency targets?") is a prompt for the writer, not a requirement.
      if (!text || text.endsWith('?') || MEASURABLE.test(text) || VERIFIABLE.test(text)) continue;
      ctx.report({
        range: item.range,
        message: `Non-functional requirement '${quote(text)}' has no measurable target: add one, e.g. '${exampleFor(text)}'.`,
      });
    }
  },
};
