import type { CaseStudyRuleContext, Rule, SourceFile } from '../rule';
import { withoutHtmlComments, type ListItem, type MarkdownDocument } from '../markdown';
import { displayHeading } from '../normalize';
import { headingFills, headingParents, isWithin } from '../sections';
import { isStub } from '../stubs';
import { detachedString } from '../detachedString';

const NFR_SECTION_ID = 'non-functional-requirements';

// Every pattern here is linear: alternations of fixed words, no nested or overlapping unbounded quantifiers, and the
// look-behinds look at one character.

/**
 * A number in the text: a digit that does not continue a name ("S3", "OAuth2", "HTTP/2", "p99" alone are names, not
 * targets), or a number word, plurals included ("thousands of employees", "five nines").
 */
const MEASURABLE =
  /(?<![\p{L}\p{N}/_])\d|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|nines|half|twice|double|triple)\b/iu;

/** Numbers that count things in the document's structure rather than state a target: "Phase 1", "Step 2", "Option 3". */
const ORDINAL_NUMBER =
  /\b(?:phase|part|step|scenario|layer|tier|option|section|chapter|stage|figure|fig|table|appendix|level|version|v)\s?\d+(?:\.\d+)*\b/gi;

function measurable(text: string): boolean {
  return MEASURABLE.test(text.replace(ORDINAL_NUMBER, ' '));
}

/**
 * Properties that are pass/fail without a number: you can test for them directly ("no single point of failure",
 * "exactly-once delivery", "strongly consistent reads", "must not be lost", "strict ordering", "auditable", "all traffic
 * over TLS", "survives the loss of a zone"). A stated consistency model (eventual, causal) is a choice a test can check.
 */
const VERIFIABLE =
  /single points? of failure|\bspof\b|strong(?:ly)? consisten|linearizab|serializab|exactly[- ]once|at[- ]least[- ]once|at[- ]most[- ]once|read[- ]your[- ]writes|causal(?:ly)? consisten|\bacid\b|idempoten|end[- ]to[- ]end encrypt|(?:must|should|will|shall) (?:never|not) be lost|no data loss|zero data loss|\bgdpr\b|\bhipaa\b|\bpci\b|\bsoc ?2\b|\bwcag\b|strict(?:ly)? order|\bin[- ]order\b|order(?:ing)? guarantee|ordered delivery|\bfifo\b|total order|audit(?:able|ability|ed)?\b|audit (?:log|trail)s?|tamper[- ]?(?:proof|evident)|immutable (?:log|record|ledger)|append[- ]only|(?:never|ever) be lost|\bnever lost\b|\b(?:eventual(?:ly)?|causal(?:ly)?) consisten|\btls\b|\bhttps\b|\bmtls\b|encrypt(?:ed|ion) (?:at rest|in transit)|(?:survives?|tolerates?|handles?|withstands?) (?:the )?(?:failure|loss|outage) of (?:an? |one |any |the )?(?:whole |entire |single )?(?:node|server|zone|availability zone|az|region|data ?cent(?:er|re)|rack|instance)/i;

/** Labels (headings, bold labels, parent bullets) under which bullets are how a requirement is met, or examples. */
const NOT_REQUIREMENTS =
  /^(?:how to (?:achieve|meet|get there|ensure|implement)|how we (?:achieve|meet)|how|implementation(?: notes| details)?|approach(?:es)?|strateg(?:y|ies)|tactics?|techniques?|mechanisms?|solutions?|design (?:choices|decisions)|examples?|for example|e ?g|i ?e|such as|code quality|best practices|tips|notes?|considerations|measures?|patterns?)\b/;

/** Notes about the code rather than the system's behaviour: not requirements a number could state. */
const CODE_QUALITY =
  /\b(?:maintainab\w*|readab\w*|code quality|clean code|code reviews?|testab\w*|unit tests?|lint\w*|coding (?:standards|style|conventions)|modular\w*|well[- ]documented|documentation|extensib\w*|refactor\w*|technical debt)\b/i;

/** The qualities a requirement can be about; the first that matches the bullet's label (else its text) is its quality. */
const QUALITIES: { id: string; test: RegExp; example: string }[] = [
  {
    id: 'cost',
    test: /\bcosts?\b|cost[- ]|\bcheap|\bbudget|\bspend|\bpric(?:e|ing)\b|\bbilling\b|[$€£]/i,
    example: 'under $0.50 per 1,000 requests',
  },
  {
    id: 'availability',
    test: /avail|uptime|downtime|fault[- ]?toleran|resilien|reliab|failover|redundan|disaster|degrad|\bsla\b/i,
    example: '99.9% monthly availability',
  },
  {
    id: 'latency',
    test: /laten|response time|\bfast|\bquick|responsive|\bspeed|real[- ]?time|\bslow|\bdelays?\b|\blag\b|snappy|instant/i,
    example: 'p99 latency < 200 ms',
  },
  {
    id: 'durability',
    test: /durab|data loss|persist|backups?\b|recover|retention|retain|\brpo\b|\brto\b|remain valid|long[- ]term storage/i,
    example: 'RPO 0, RTO 15 min',
  },
  {
    id: 'consistency',
    test: /consisten|fresh|stale|\bsync|accura|up[- ]to[- ]date/i,
    example: 'reads reflect writes within 1 s',
  },
  {
    id: 'detection',
    test: /fraud|abuse|\bspam|anomal|detection/i,
    example: 'flags 95% of fraudulent payments within 1 s',
  },
  {
    id: 'security',
    test: /secur|encrypt|auth|privacy|complian|attack|\bddos\b/i,
    example: 'keys rotated every 90 days',
  },
  {
    id: 'ratio',
    test: /read[- ]heavy|write[- ]heavy|read[- :]?(?:to[- ])?write|ratio/i,
    example: 'read:write ratio 100:1',
  },
  {
    id: 'geography',
    test: /geograph|regions?\b|data ?cent(?:er|re)s?|\bglobal|multi[- ]?region|worldwide|\bedge\b|\bcdn\b/i,
    example: 'served from 3 regions',
  },
  {
    id: 'storage',
    test: /storage|\bdisk|\bspace\b|compact|\bsize\b|footprint|memory/i,
    example: '≤ 500 bytes per record',
  },
  {
    id: 'observability',
    test: /monitor|metrics?\b|\bqos\b|observab|alert|logging|tracing|dashboards?/i,
    example: 'alert within 1 min of an SLO breach',
  },
  {
    id: 'scale',
    test: /scal|throughput|\bload\b|traffic|concurren|\busers?\b|requests|\bqps\b|\brps\b|\btps\b|spikes?|growth|elastic|volume|\bdau\b|\bmau\b|capacity|\bpeak/i,
    example: '10,000 requests/s at peak',
  },
  { id: 'rate-limit', test: /rate[- ]limit|throttl|quota/i, example: '100 requests/min per user' },
];

/** Label of a bullet or line: bold text at its start, or the words before its first colon ("Fault Tolerance: …"). */
function labelOf(text: string): string | undefined {
  const colon = text.indexOf(':');
  if (colon > 0 && colon <= 60) return text.slice(0, colon);
  return undefined;
}

function qualityOf(text: string): (typeof QUALITIES)[number] | undefined {
  const label = labelOf(text);
  return (
    (label !== undefined ? QUALITIES.find((q) => q.test.test(label)) : undefined) ??
    QUALITIES.find((q) => q.test.test(text))
  );
}

function qualitiesOfLine(text: string): string[] {
  const label = labelOf(text);
  const byLabel = label !== undefined ? QUALITIES.filter((q) => q.test.test(label)) : [];
  return (byLabel.length ? byLabel : QUALITIES.filter((q) => q.test.test(text))).map((q) => q.id);
}

/**
 * A question is a prompt for the writer, not a requirement: "Are there latency targets?", also when an example
 * follows it ("Are there cost constraints? (e.g. $ per month)").
 */
function isQuestion(text: string): boolean {
  const q = text.lastIndexOf('?');
  if (q < 0) return false;
  const rest = text.slice(q + 1).trim();
  return rest === '' || (rest.startsWith('(') && rest.endsWith(')'));
}

/** Quote at most about 48 characters, cut after a whole word. */
function quote(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= 48) return t;
  const cut = t.slice(0, 47);
  const space = cut.lastIndexOf(' ');
  return `${(space >= 20 ? cut.slice(0, space) : cut).replace(/[\s,;:.(/–—-]+$/, '')}…`;
}

const LINE_PREFIX = /^\s{0,12}(?:>\s?){0,8}(?:#{1,6}\s+)?(?:[-*+]\s+|\d{1,9}[.)]\s+)?/;

/** Text of a source line without its Markdown prefix (quote, heading marks, list marker) and markup. */
function lineText(line: string): string {
  return displayHeading(
    withoutHtmlComments(line)
      .replace(LINE_PREFIX, '')
      .replace(/^\|+|\|+$/g, ''),
  );
}

const NO_QUALITIES: readonly string[] = [];

/**
 * The qualities one source line states a number for, remembered by the line's text. A keystroke re-checks the whole
 * case study, and judging every prose line of a 5,000-line file with these patterns took ~20 ms of each keystroke
 * (measured: keystroke median 21 -> 41 ms when this rule began reading the whole case study); one edit changes one
 * line, so the rest are answered from here. A plain Map emptied when full (entries or characters), not a
 * least-recently-used one: its bookkeeping on 5,000 look-ups per keystroke cost more than the patterns it saves.
 */
const lineQualities = new Map<string, readonly string[]>();
let lineQualityChars = 0;
const MAX_REMEMBERED_LINES = 20_000;
const MAX_REMEMBERED_CHARS = 4_000_000;
const MAX_REMEMBERED_LINE = 2_000;

function measuredQualitiesOfLine(line: string): readonly string[] {
  const known = lineQualities.get(line);
  if (known) return known;
  const text = lineText(line);
  const qualities = text && measurable(text) ? qualitiesOfLine(text) : NO_QUALITIES;
  if (line.length <= MAX_REMEMBERED_LINE) {
    if (lineQualities.size >= MAX_REMEMBERED_LINES || lineQualityChars >= MAX_REMEMBERED_CHARS) {
      lineQualities.clear();
      lineQualityChars = 0;
    }
    lineQualities.set(detachedString(line), qualities.length ? qualities : NO_QUALITIES);
    lineQualityChars += line.length;
  }
  return qualities;
}

/** Qualities for which some line of the case study states a number ("5 data centers", "99.99% uptime"). */
function measuredQualities(files: Iterable<SourceFile>): Set<string> {
  const out = new Set<string>();
  for (const file of files) {
    if (file.isMermaidFile) continue;
    for (const line of file.doc.proseLines)
      for (const q of measuredQualitiesOfLine(file.doc.lines[line] ?? '')) out.add(q);
  }
  return out;
}

/** For each list item, the index of the item it is nested in, or -1: one stack pass. */
function itemParents(items: readonly ListItem[]): number[] {
  const parents: number[] = [];
  const stack: number[] = [];
  for (let i = 0; i < items.length; i++) {
    while (
      stack.length &&
      !(items[stack[stack.length - 1]].endLine > items[i].line && items[stack[stack.length - 1]].depth < items[i].depth)
    )
      stack.pop();
    parents.push(stack.length ? stack[stack.length - 1] : -1);
    stack.push(i);
  }
  return parents;
}

/**
 * For each list item, the paragraph that introduces its list ("**How to achieve:**", "Targets (p99):"), when that
 * paragraph ends with a colon: the last prose line before the item in the same section that is not part of a list.
 */
function listIntros(doc: MarkdownDocument): Map<number, string> {
  const intros = new Map<number, string>();
  const itemLines = new Set<number>();
  for (const item of doc.listItems) for (let l = item.line; l < item.endLine; l++) itemLines.add(l);
  const headingLines = new Set(doc.headings.map((h) => h.line));
  const starts = new Set(doc.listItems.map((i) => i.line));
  let intro: string | undefined;
  for (let l = 0; l < doc.lines.length; l++) {
    if (headingLines.has(l)) intro = undefined;
    else if (starts.has(l)) {
      if (intro !== undefined) intros.set(l, intro);
    } else if (!itemLines.has(l) && doc.proseLines.has(l)) {
      const text = lineText(doc.lines[l] ?? '');
      intro = text.endsWith(':') ? text : undefined;
    }
  }
  return intros;
}

/** What a parent bullet, list intro or heading says about the bullets under it. */
interface Context {
  /** It states the target, or says the bullets are tactics or examples rather than requirements. */
  covers: boolean;
  quality?: (typeof QUALITIES)[number];
}

function judgeContext(text: string): Context {
  return { covers: measurable(text) || NOT_REQUIREMENTS.test(normalizedLabel(text)), quality: qualityOf(text) };
}

function memo<K, V>(cache: Map<K, V>, key: K, compute: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    cache.set(key, value);
  }
  return value;
}

function checkFile(
  ctx: CaseStudyRuleContext,
  file: SourceFile,
  nfrSections: ReturnType<typeof nfrSpecs>,
  measured: Set<string>,
): void {
  const doc = file.doc;
  const inNfr = (h: { normalized: string }) => nfrSections.some((s) => headingFills(h.normalized, s));
  const nfrHeading = new Map<number, boolean>();
  const items = doc.listItems;
  const parents = itemParents(items);
  const intros = listIntros(doc);
  const headingParent = headingParents(doc);
  const byItem = new Map<number, Context>();
  const byHeading = new Map<number, Context>();
  const byIntro = new Map<string, Context>();
  /** Items whose parent is a sentence introducing members ("Eventual consistency is acceptable for:"). */
  const memberParents = new Set<number>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const hasChildren =
      items[i + 1] !== undefined && items[i + 1].line < item.endLine && items[i + 1].depth > item.depth;
    // A comment is not written text: "- Fast <!-- 200 ms? -->" states no target.
    const text = withoutHtmlComments(item.text).trim();
    const parent = parents[i];
    if (parent >= 0 && memberParents.has(parent)) continue;
    if (!nfrHeading.has(item.headingIndex)) nfrHeading.set(item.headingIndex, isWithin(doc, item.headingIndex, inNfr));
    if (!nfrHeading.get(item.headingIndex)) continue;
    if (hasChildren) {
      // A short label ("Availability:") groups requirements; its children carry the targets. A sentence ending in a
      // colon lists the members it applies to: judge the sentence, not the members.
      if (!(text.endsWith(':') && text.split(/\s+/).length >= 3)) continue;
      memberParents.add(i);
    }
    if (!text || isQuestion(text) || measurable(text) || VERIFIABLE.test(text) || CODE_QUALITY.test(text)) continue;
    // The context states the target or says what follows is not a requirement: parent bullets, the list's intro,
    // the headings between the item and its Non-Functional Requirements heading. Each context is judged once and
    // remembered: a long parent bullet or heading over thousands of items must not be rescanned for each of them.
    const contexts: Context[] = [];
    for (let p = parent; p >= 0; p = parents[p])
      contexts.push(memo(byItem, p, () => judgeContext(withoutHtmlComments(items[p].text))));
    const intro = intros.get(item.line);
    if (intro) contexts.push(memo(byIntro, intro, () => judgeContext(intro)));
    for (let h = item.headingIndex; h >= 0; h = headingParent[h]) {
      contexts.push(memo(byHeading, h, () => judgeContext(displayHeading(doc.headings[h].text))));
      if (inNfr(doc.headings[h])) break;
    }
    const label = labelOf(text);
    if (contexts.some((c) => c.covers) || (label && NOT_REQUIREMENTS.test(normalizedLabel(label)))) continue;
    if (/^(?:e\.?g\.?|i\.?e\.?|example|for example)\b/i.test(text)) continue;
    const quality = qualityOf(text) ?? contexts.find((c) => c.quality)?.quality;
    // A target stated for the same quality elsewhere in the case study ("5 data centers" further down) covers it.
    if (quality && measured.has(quality.id)) continue;
    ctx.report({
      path: file.path,
      range: item.range,
      message: `Non-functional requirement '${quote(text)}' has no measurable target: add one, e.g. '${quality?.example ?? 'a number with a unit'}'.`,
    });
  }
}

function normalizedLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function nfrSpecs(ctx: CaseStudyRuleContext) {
  return ctx.config.requiredFiles.flatMap((spec) => spec.sections.filter((s) => s.id === NFR_SECTION_ID));
}

export const unquantifiedNfr: Rule = {
  meta: {
    id: 'unquantified-nfr',
    description: 'A non-functional requirement states no number or measurable target.',
    defaultSeverity: 'warning',
    docs:
      'Bullets under *Non-Functional Requirements* (and its sub-headings) need a target you could test: "highly available" is a wish, ' +
      '"99.9% monthly availability" is a requirement. A bullet with sub-bullets is judged by its sub-bullets. ' +
      'Pass/fail properties count as measurable (no single point of failure, exactly-once, strongly consistent, strict ordering, auditable, must not be lost); ' +
      'questions, examples, code-quality notes and tactics (under *How to achieve*, *Implementation*, *Approach*) are not requirements; ' +
      'a bullet whose label, parent or heading states the target is covered, and so is one whose quality (availability, latency, scale, cost, …) ' +
      'has a number elsewhere in the same case study. Digits inside names (S3, OAuth2) and a bare "p99" are not targets.',
    example:
      "Non-functional requirement 'Highly available' has no measurable target: add one, e.g. '99.9% monthly availability'.",
  },
  checkCaseStudy(ctx) {
    const sections = nfrSpecs(ctx);
    if (!sections.length) return;
    const files = [...ctx.files.values()].filter((f) => !f.isMermaidFile && !isStub(f.doc));
    let measured: Set<string> | undefined;
    for (const file of files) {
      // Only files with a Non-Functional Requirements section pay for the rest.
      if (!file.doc.headings.some((h) => sections.some((s) => headingFills(h.normalized, s)))) continue;
      measured ??= measuredQualities(files);
      checkFile(ctx, file, sections, measured);
    }
  },
};
