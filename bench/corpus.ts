// Deterministic benchmark corpus: N case studies written from realistic text, with Mermaid diagrams (a few of them
// broken), files and sections missing here and there, and placeholders — what a large real workspace looks like.
// Same seed and same source text → byte-identical tree, so runs on different days compare.
//
// Prose comes from the real corpus in ../shared/corpus when it is there (paragraphs written by people, so the
// Markdown parser sees real inline syntax); otherwise from a small built-in set, and the bench says which.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** Bump when the generated text changes, so cached corpora are rebuilt. */
const GENERATOR_VERSION = 3;

export const REPO_ROOT = path.resolve(__dirname, '..');
export const SHARED_CORPUS = path.resolve(REPO_ROOT, '../shared/corpus');
const CACHE_DIR = path.join(REPO_ROOT, '.cache', 'bench');

/** mulberry32: tiny, fast, good enough for picking text; seeded so the corpus is reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Pick {
  constructor(readonly random: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  one<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)];
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
}

const BUILT_IN_PARAGRAPHS = [
  'The service accepts writes from mobile and web clients, validates them, and appends them to a partitioned log. Consumers read from the log at their own pace, which decouples the **ingest path** from the slower indexing path.',
  'Reads dominate writes by roughly 100:1, so the design favours a cache-aside layer in front of the primary store. Cache entries expire after 10 minutes; hot keys are refreshed early to avoid a thundering herd.',
  'Each region runs a full copy of the stateless tier. State lives in a replicated database with a single writer per shard; failover promotes a replica within 30 seconds, which the SLO budget allows.',
  'Requests carry an idempotency key. The API stores the key with the result for 24 hours, so a client that retries after a timeout gets the original answer instead of a duplicate charge.',
  'We considered a single relational database, but the write volume (about 40k writes per second at peak) exceeds what one primary sustains with headroom. Sharding by `user_id` keeps most queries on one shard.',
  'Back-pressure is explicit: when the queue depth passes a threshold, the gateway returns `429 Too Many Requests` with a `Retry-After` header rather than accepting work it cannot finish.',
  'Search uses an inverted index rebuilt incrementally from change-data-capture events. Index lag is typically under 2 seconds; the UI labels results as "may be slightly out of date".',
  'Media files go straight to object storage through pre-signed URLs, so large uploads never pass through the application servers. A background worker generates thumbnails and updates the metadata row.',
  'Observability covers the four golden signals per endpoint. Alerts fire on SLO burn rate rather than raw thresholds, which cut paging noise by half in the previous system.',
  'The notification fan-out is the most expensive path: one post by a user with 10M followers becomes 10M deliveries. Celebrities are handled with a pull model; everyone else with push.',
  'Consistency requirements differ by feature. Balances need strong consistency and go through the ledger service; view counters tolerate eventual consistency and are aggregated every minute.',
  'Rate limits are enforced with a token bucket per API key held in Redis, with a local in-memory fallback when Redis is unreachable, trading exactness for availability.',
  'Schema changes follow expand-and-contract: add the new column, dual-write, backfill, switch reads, and only then drop the old column, so no deployment needs downtime.',
  'The geo index partitions the map into cells (geohash precision 6, about 1.2 km). A driver location update touches one cell; a rider query reads the cell and its eight neighbours.',
  'Payments are processed through an external provider. Webhooks are verified by signature, stored before processing, and replayed from storage if a handler fails.',
  'Sessions are stateless JWTs with a 15-minute lifetime and refresh tokens stored server-side, so a stolen access token is useful only briefly and refresh tokens can be revoked.',
];

const TOPICS = [
  'URL Shortener',
  'Chat Service',
  'News Feed',
  'Ride Sharing',
  'Payment Gateway',
  'Video Streaming',
  'Search Autocomplete',
  'Rate Limiter',
  'Notification System',
  'File Storage',
  'Ticket Booking',
  'Food Delivery',
  'Web Crawler',
  'Metrics Pipeline',
  'Leaderboard',
  'Hotel Reservation',
  'Distributed Cache',
  'Email Service',
  'Ad Click Aggregator',
  'Stock Exchange',
  'Collaborative Editor',
  'Photo Sharing',
  'Key-Value Store',
  'Job Scheduler',
];
const VERBS = [
  'create',
  'update',
  'delete',
  'search',
  'share',
  'subscribe to',
  'export',
  'import',
  'comment on',
  'pin',
  'archive',
  'tag',
];
const NOUNS = [
  'posts',
  'links',
  'messages',
  'orders',
  'files',
  'bookings',
  'profiles',
  'reports',
  'playlists',
  'invoices',
  'alerts',
  'rooms',
];
const COMPONENTS = [
  'API Gateway',
  'Auth Service',
  'Write Service',
  'Read Service',
  'Queue',
  'Worker Pool',
  'Cache',
  'Primary DB',
  'Replica DB',
  'Object Store',
  'Search Index',
  'CDN',
  'Scheduler',
  'Notifier',
];
const MEASURED_NFRS = [
  'p99 read latency under 200 ms.',
  '99.95% monthly availability.',
  'Sustain 50,000 requests per second at peak.',
  'Recover from a region failure within 5 minutes (RTO), losing at most 1 minute of data (RPO).',
  'p95 write latency under 500 ms.',
  'Store 10 TB of new data per year.',
  'Deliver notifications within 2 s for 99% of users.',
];
const VAGUE_NFRS = [
  'The system should be fast.',
  'It must be highly scalable.',
  'Highly available and reliable.',
  'Low latency for users.',
  'Secure.',
];
const PLACEHOLDERS = [
  'TODO: fill in capacity estimates.',
  'TBD',
  'Lorem ipsum dolor sit amet.',
  '<!-- describe the data model -->\n\nTODO',
];

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function listMarkdown(dir: string, out: string[]): void {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of entries) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const abs = path.join(dir, name);
    const st = statSync(abs);
    if (st.isDirectory()) listMarkdown(abs, out);
    else if (/\.(md|mdx|markdown|mmd|mermaid)$/i.test(name)) out.push(abs);
  }
}

/** Every Markdown/Mermaid file under a folder, sorted (deterministic order). */
export function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  listMarkdown(dir, out);
  return out;
}

export interface TextSource {
  paragraphs: string[];
  /** Where the prose came from, for the report. */
  origin: string;
}

/** Prose paragraphs from the shared corpus (plain paragraphs only: no headings, fences, tables or HTML). */
export function loadTextSource(sharedCorpus = SHARED_CORPUS): TextSource {
  const paragraphs: string[] = [];
  if (existsSync(sharedCorpus)) {
    for (const file of markdownFiles(sharedCorpus)) {
      if (!/\.mdx?$/i.test(file)) continue;
      const text = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
      for (const block of text.split(/\n\s*\n/)) {
        const p = block.trim();
        if (p.length < 80 || p.length > 1200) continue;
        if (!/^[A-Za-z*_`"(]/.test(p)) continue;
        if (/^(#|\||```|~~~|<|>|-{3}|={3}|\s*[-*+] |\s*\d+\. )/m.test(p)) continue;
        if (/^(TODO|TBD)\b/.test(p)) continue;
        paragraphs.push(p);
      }
    }
  }
  if (paragraphs.length >= 50)
    return { paragraphs, origin: `${paragraphs.length} paragraphs from ${path.relative(REPO_ROOT, sharedCorpus)}` };
  return {
    paragraphs: BUILT_IN_PARAGRAPHS,
    origin: `${BUILT_IN_PARAGRAPHS.length} built-in paragraphs (shared corpus absent)`,
  };
}

function nodeId(i: number): string {
  return `n${i}`;
}

/** A Mermaid diagram; `broken` makes one of the mistakes people make (typo in the type, dangling arrow, missing end). */
export function diagram(pick: Pick, broken: boolean): string {
  const kind = pick.int(0, 3);
  const names = Array.from({ length: pick.int(4, 9) }, () => pick.one(COMPONENTS));
  let lines: string[];
  if (kind === 0 || kind === 1) {
    lines = [kind === 0 ? 'flowchart LR' : 'graph TD'];
    names.forEach((n, i) => lines.push(`  ${nodeId(i)}[${n}]`));
    for (let i = 1; i < names.length; i++) lines.push(`  ${nodeId(pick.int(0, i - 1))} --> ${nodeId(i)}`);
    if (pick.chance(0.5)) lines.push('  subgraph storage', `    ${nodeId(names.length - 1)}`, '  end');
  } else if (kind === 2) {
    lines = ['sequenceDiagram', '  participant C as Client'];
    names.slice(0, 4).forEach((n, i) => lines.push(`  participant S${i} as ${n}`));
    for (let i = 0; i < names.length; i++) {
      const a = i === 0 ? 'C' : `S${(i - 1) % 4}`;
      lines.push(`  ${a}->>S${i % 4}: ${pick.one(VERBS)} ${pick.one(NOUNS)}`);
    }
  } else {
    lines = ['erDiagram'];
    for (let i = 1; i < Math.min(names.length, 5); i++)
      lines.push(`  ${slug(pick.one(NOUNS)).toUpperCase()} ||--o{ ${slug(pick.one(NOUNS)).toUpperCase()} : has`);
  }
  if (broken) {
    const mistake = pick.int(0, 2);
    if (mistake === 0) lines[0] = lines[0].replace(/^(\w+)/, (w) => w.slice(0, -2) + w.slice(-1) + w.slice(-2, -1));
    else if (mistake === 1) lines.push(kind === 2 ? '  C->>' : '  n0 -->');
    else lines.push('  subgraph unfinished', '    x[Half a thought]');
  }
  return '```mermaid\n' + lines.join('\n') + '\n```';
}

function paragraphs(pick: Pick, source: TextSource, min: number, max: number): string {
  return Array.from({ length: pick.int(min, max) }, () => pick.one(source.paragraphs)).join('\n\n');
}

function bullets(pick: Pick, count: number, make: () => string): string {
  return Array.from({ length: count }, () => `- ${make()}`).join('\n');
}

interface Options {
  pick: Pick;
  source: TextSource;
  title: string;
  brokenDiagramRate: number;
}

function requirements({ pick, source, title }: Options): string {
  const parts = [`# ${title} — Requirements`, paragraphs(pick, source, 1, 2)];
  parts.push(
    '## Functional Requirements',
    bullets(pick, pick.int(3, 8), () => `Users can ${pick.one(VERBS)} ${pick.one(NOUNS)}.`),
  );
  if (!pick.chance(0.05)) {
    const vague = pick.chance(0.2);
    parts.push(
      '## Non-Functional Requirements',
      bullets(pick, pick.int(3, 6), () => (vague && pick.chance(0.4) ? pick.one(VAGUE_NFRS) : pick.one(MEASURED_NFRS))),
    );
  }
  if (pick.chance(0.5))
    parts.push('## Capacity Estimates', pick.chance(0.1) ? pick.one(PLACEHOLDERS) : paragraphs(pick, source, 1, 3));
  if (pick.chance(0.3))
    parts.push(
      '## Out of Scope',
      bullets(pick, pick.int(2, 4), () => `${pick.one(NOUNS)} analytics`),
    );
  return parts.join('\n\n') + '\n';
}

function highLevelDesign(o: Options): string {
  const { pick, source, title } = o;
  const parts = [`# ${title} — High-Level Design`, paragraphs(pick, source, 1, 2)];
  if (!pick.chance(0.04)) parts.push('## Architecture', paragraphs(pick, source, 1, 3));
  if (!pick.chance(0.08)) parts.push(diagram(pick, pick.chance(o.brokenDiagramRate)));
  if (!pick.chance(0.05))
    parts.push(
      '## Key Components',
      bullets(
        pick,
        pick.int(3, 7),
        () => `**${pick.one(COMPONENTS)}**: ${pick.one(source.paragraphs).split('. ')[0].slice(0, 160)}.`,
      ),
    );
  if (pick.chance(0.6))
    parts.push('## Request Flow', paragraphs(pick, source, 1, 2), diagram(pick, pick.chance(o.brokenDiagramRate)));
  if (pick.chance(0.5))
    parts.push(
      '## API Design',
      '```http\nPOST /v1/' + pick.one(NOUNS) + '\nContent-Type: application/json\n\n{"id": "abc123"}\n```',
      paragraphs(pick, source, 0, 2),
    );
  if (pick.chance(0.4))
    parts.push('## Data Model', pick.chance(0.15) ? pick.one(PLACEHOLDERS) : paragraphs(pick, source, 1, 2));
  if (pick.chance(0.3)) parts.push('## Scaling', paragraphs(pick, source, 1, 4));
  return parts.join('\n\n') + '\n';
}

function tradeOffs({ pick, source, title }: Options): string {
  const parts = [`# ${title} — Trade-offs`];
  for (let i = pick.int(1, 4); i > 0; i--) {
    const a = pick.one(COMPONENTS);
    const b = pick.one(COMPONENTS);
    parts.push(`## ${a} vs ${b}`, paragraphs(pick, source, 1, 2));
    if (!pick.chance(0.15))
      parts.push(`We chose ${a}; ${b} was considered as an alternative and rejected because it costs more to operate.`);
  }
  return parts.join('\n\n') + '\n';
}

export interface CorpusInfo {
  dir: string;
  caseStudies: number;
  files: number;
  bytes: number;
  diagrams: number;
  textOrigin: string;
  /** Whether the tree was generated now (false: reused from the cache). */
  generated: boolean;
}

/**
 * Write N case studies under `<dir>/case-studies/`. Typical folder: requirements.md, high-level-design.md,
 * trade-offs.md; some lack one (missing-file findings), some add low-level-design.md, a README or a diagrams/*.mmd.
 */
export function writeCorpus(dir: string, n: number, seed: number, source: TextSource): Omit<CorpusInfo, 'generated'> {
  const pick = new Pick(prng(seed));
  let files = 0;
  let bytes = 0;
  const write = (rel: string, text: string) => {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    files++;
    bytes += Buffer.byteLength(text);
  };
  const before = diagramsWritten;
  for (let i = 0; i < n; i++) {
    const topic = pick.one(TOPICS);
    const title = `${topic} ${i + 1}`;
    const folder = `case-studies/${String(i + 1).padStart(5, '0')}-${slug(topic)}`;
    const o: Options = { pick, source, title, brokenDiagramRate: 0.06 };
    write(`${folder}/requirements.md`, requirements(o));
    if (!pick.chance(0.03)) write(`${folder}/high-level-design.md`, countDiagrams(highLevelDesign(o)));
    if (!pick.chance(0.05)) write(`${folder}/trade-offs.md`, tradeOffs(o));
    if (pick.chance(0.1))
      write(
        `${folder}/low-level-design.md`,
        countDiagrams(
          `# ${title} — Low-Level Design\n\n${paragraphs(pick, source, 2, 5)}\n\n${diagram(pick, pick.chance(0.06))}\n`,
        ),
      );
    if (pick.chance(0.2)) write(`${folder}/README.md`, `# ${title}\n\n${paragraphs(pick, source, 1, 2)}\n`);
    if (pick.chance(0.1))
      write(
        `${folder}/diagrams/architecture.mmd`,
        countDiagrams(diagram(pick, pick.chance(0.06)).replace(/^```mermaid\n|\n```$/g, '') + '\n', true),
      );
  }
  return { dir, caseStudies: n, files, bytes, diagrams: diagramsWritten - before, textOrigin: source.origin };
}

let diagramsWritten = 0;
function countDiagrams(text: string, standalone = false): string {
  diagramsWritten += standalone ? 1 : (text.match(/^```mermaid$/gm) ?? []).length;
  return text;
}

/**
 * One large design document for the keystroke benchmark: about `lines` lines with `diagrams` Mermaid blocks spread
 * through it, in a case study of its own. Returns the file's path and the 0-based lines inside diagrams / in prose
 * where one-character edits can be made.
 */
export function writeLargeCaseStudy(
  dir: string,
  seed: number,
  source: TextSource,
  lines = 5000,
  diagrams = 20,
): { file: string; diagramLines: number[]; proseLines: number[]; text: string } {
  const pick = new Pick(prng(seed));
  const folder = path.join(dir, 'case-studies', 'large-design');
  mkdirSync(folder, { recursive: true });
  const o: Options = { pick, source, title: 'Large Platform', brokenDiagramRate: 0 };
  writeFileSync(path.join(folder, 'requirements.md'), requirements(o));
  writeFileSync(path.join(folder, 'trade-offs.md'), tradeOffs(o));
  const out: string[] = ['# Large Platform — High-Level Design', '', '## Architecture', ''];
  const diagramLines: number[] = [];
  const proseLines: number[] = [];
  const every = Math.floor(lines / (diagrams + 1));
  let section = 0;
  let placed = 0;
  while (out.length < lines) {
    if (placed < diagrams && out.length >= every * (placed + 1)) {
      const block = diagram(pick, false).split('\n');
      out.push(`## Diagram ${++placed}`, '');
      const start = out.length;
      out.push(...block, '');
      // Lines strictly inside the fence, not the fence markers or the diagram-type line.
      for (let l = start + 2; l < start + block.length - 1; l++) diagramLines.push(l);
      continue;
    }
    if (out.length % 60 === 0) out.push(`## Component ${++section}`, '');
    for (const line of pick.one(source.paragraphs).split('\n')) {
      if (line.trim()) proseLines.push(out.length);
      out.push(line);
    }
    out.push('');
  }
  out.push('## Key Components', '', '- **API Gateway**: routes requests.', '');
  const text = out.join('\n');
  const file = path.join(folder, 'high-level-design.md');
  writeFileSync(file, text);
  return { file, diagramLines, proseLines, text };
}

function digest(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 10);
}

/** The corpus for N case studies, generated once and then reused from .cache/bench while its inputs are unchanged. */
export function ensureCorpus(n: number, seed: number, source: TextSource): CorpusInfo {
  const key = digest([GENERATOR_VERSION, n, seed, source.paragraphs]);
  const dir = path.join(CACHE_DIR, `corpus-${n}-${key}`);
  const marker = path.join(dir, '.complete.json');
  if (existsSync(marker))
    return { ...(JSON.parse(readFileSync(marker, 'utf8')) as Omit<CorpusInfo, 'generated'>), dir, generated: false };
  rmSync(dir, { recursive: true, force: true });
  const info = writeCorpus(dir, n, seed, source);
  writeFileSync(marker, JSON.stringify(info));
  return { ...info, generated: true };
}

export function ensureLargeCaseStudy(
  seed: number,
  source: TextSource,
): ReturnType<typeof writeLargeCaseStudy> & { dir: string } {
  const key = digest([GENERATOR_VERSION, 'large', seed, source.paragraphs]);
  const dir = path.join(CACHE_DIR, `keystroke-${key}`);
  rmSync(dir, { recursive: true, force: true });
  return { ...writeLargeCaseStudy(dir, seed, source), dir };
}

if (process.argv[1] && /corpus\.ts$/.test(process.argv[1])) {
  // `node --import tsx bench/corpus.ts 100 [seed]`: generate (or find) a corpus and print where it is.
  const n = Number(process.argv[2] ?? 100);
  const info = ensureCorpus(n, Number(process.argv[3] ?? 1), loadTextSource());
  console.log(JSON.stringify(info, null, 2));
}
