// Completion and hover latency on a large design document: a generated 5,000-line Markdown file with 20 Mermaid
// diagrams. Target: p95 < 20 ms per request. Prints median and p95 for each kind of request.
// Run: node --import tsx bench/completion.bench.ts [--quick]
//
// The providers take a document model. Per-request figures below use a model built once; the rows "scan + …" are
// what the server does for a request right after an edit (scanDocument, a linear line scan, then the provider),
// and the full markdown-it parse is printed for comparison: it is too slow to run per keystroke on 5,000 lines.
import { DEFAULT_CONFIG } from '../server/core/config';
import { loadCatalog } from '../server/core/catalog/catalog';
import { PatternIndex } from '../server/core/catalog/patternIndex';
import { provideCompletions, provideHover, requiredFileSpecFor, scanDocument } from '../server/core/language';
import { parseMarkdown, type MarkdownDocument } from '../server/core/markdown';
import type { Position } from '../server/core/types';

const QUICK = process.env.BENCH_QUICK === '1' || process.argv.includes('--quick');
const RUNS = QUICK ? 200 : 1000;
const LINES = 5000;
const DIAGRAMS = 20;

const PROSE = [
  'Reads go through a cache-aside layer backed by Redis, and writes invalidate the key.',
  'The API gateway applies rate limiting with a token bucket per API key before requests reach services.',
  'Orders are published with a transactional outbox so that the saga can compensate on failure.',
  'We shard by user id with consistent hashing and keep two read replicas per shard.',
  '- p99 latency under 200 ms at 10,000 requests/s; 99.9% monthly availability.',
  'A circuit breaker and timeouts protect checkout from a slow payment provider.',
];

function diagram(n: number): string[] {
  return [
    '```mermaid',
    'flowchart LR',
    `  client${n}([Client]) --> lb${n}[Load Balancer]`,
    `  lb${n} --> api${n}[API Service]`,
    `  api${n} --> cache${n}[(Cache)]`,
    `  api${n} --> db${n}[(Primary Database)]`,
    `  api${n} -.-> q${n}[[Event Queue]]`,
    `  q${n} --> w${n}[Worker]`,
    '```',
  ];
}

/** A large high-level design: sections of prose and lists, with diagrams spread evenly. */
function generate(): string {
  const lines = ['# Large System: High-Level Design', '', '## Architecture', ''];
  const every = Math.floor(LINES / DIAGRAMS);
  let d = 0;
  while (lines.length < LINES) {
    if (lines.length >= (d + 1) * every - 12 && d < DIAGRAMS) {
      lines.push('', ...diagram(d++), '');
    } else if (lines.length % 60 === 0) {
      lines.push(`## Section ${lines.length}`, '');
    } else {
      lines.push(PROSE[lines.length % PROSE.length]);
    }
  }
  return lines.slice(0, LINES).join('\n');
}

function stats(samples: number[]): { median: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { median: at(0.5), p95: at(0.95) };
}

function measure(label: string, fn: () => unknown): { label: string; median: number; p95: number } {
  for (let i = 0; i < 20; i++) fn(); // warm-up (JIT)
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return { label, ...stats(samples) };
}

function main(): void {
  const base = generate();
  const baseLines = base.split('\n');
  const indexStart = performance.now();
  const index = new PatternIndex(loadCatalog().catalog);
  const indexMs = performance.now() - indexStart;
  const spec = requiredFileSpecFor('/w/case-studies/large/high-level-design.md', DEFAULT_CONFIG.requiredFiles);

  // Positions in the second half of the file, so nothing benefits from being near the top.
  const proseLine = baseLines.findIndex((l, i) => i > LINES / 2 && l.startsWith('Reads go through'));
  const diagramLine = baseLines.findIndex((l, i) => i > LINES / 2 && /--> lb\d+\[Load Balancer\]/.test(l));
  const edgeLine = baseLines.findIndex((l, i) => i > LINES / 2 && /^ {2}api\d+ --> cache/.test(l));

  // Documents as they look while typing: a prefix in prose, "#" on a new line, a node id and a space in a diagram.
  const withLine = (line: number, text: string) => {
    const copy = [...baseLines];
    copy.splice(line, 0, text);
    return copy.join('\n');
  };
  const cases: { label: string; doc: MarkdownDocument; position: Position; kind: 'completion' | 'hover' }[] = [
    {
      label: 'completion: pattern prefix in prose',
      doc: parseMarkdown(withLine(proseLine, 'We add a circuit br')),
      position: { line: proseLine, character: 19 },
      kind: 'completion',
    },
    {
      label: 'completion: missing section on "#" line',
      doc: parseMarkdown(withLine(proseLine, '#')),
      position: { line: proseLine, character: 1 },
      kind: 'completion',
    },
    {
      label: 'completion: Mermaid edge after node id',
      doc: parseMarkdown(withLine(edgeLine, '  api0 ')),
      position: { line: edgeLine, character: 7 },
      kind: 'completion',
    },
    {
      label: 'completion: Mermaid component at statement start',
      doc: parseMarkdown(withLine(edgeLine, '  da')),
      position: { line: edgeLine, character: 4 },
      kind: 'completion',
    },
    {
      label: 'hover: pattern in prose',
      doc: parseMarkdown(base),
      position: { line: proseLine, character: 22 },
      kind: 'hover',
    },
    {
      label: 'hover: pattern in diagram label',
      doc: parseMarkdown(base),
      position: { line: diagramLine, character: baseLines[diagramLine].indexOf('Load Bal') + 3 },
      kind: 'hover',
    },
  ];

  const results = cases.map((c) => {
    const ctx = { index, spec };
    // Sanity: every measured request produces a result, so the benchmark measures real work.
    const once =
      c.kind === 'completion'
        ? provideCompletions(c.doc, c.position, ctx).length
        : provideHover(c.doc, c.position, ctx)
          ? 1
          : 0;
    if (!once) throw new Error(`${c.label}: no result at ${JSON.stringify(c.position)}`);
    return measure(c.label, () =>
      c.kind === 'completion' ? provideCompletions(c.doc, c.position, ctx) : provideHover(c.doc, c.position, ctx),
    );
  });
  const typed = withLine(proseLine, 'We add a circuit br');
  const typedDiagram = withLine(edgeLine, '  api0 ');
  results.push(
    measure('scan + completion in prose (request after an edit)', () =>
      provideCompletions(scanDocument(typed), { line: proseLine, character: 19 }, { index, spec }),
    ),
  );
  results.push(
    measure('scan + completion in diagram (request after an edit)', () =>
      provideCompletions(scanDocument(typedDiagram), { line: edgeLine, character: 7 }, { index, spec }),
    ),
  );
  results.push(
    measure('scan + hover in prose', () =>
      provideHover(scanDocument(base), { line: proseLine, character: 22 }, { index, spec }),
    ),
  );
  results.push(measure('full parseMarkdown of the document (comparison only)', () => parseMarkdown(typed)));

  const width = Math.max(...results.map((r) => r.label.length));
  console.log(
    `completion.bench: ${LINES} lines, ${DIAGRAMS} diagrams, ${index.patterns.length} patterns, ${RUNS} runs each; index built in ${indexMs.toFixed(1)} ms`,
  );
  console.log(`${'request'.padEnd(width)}  median ms   p95 ms   target p95 < 20 ms`);
  for (const r of results) {
    const target = r.label.includes('comparison') ? '' : r.p95 < 20 ? 'met' : 'NOT met';
    console.log(
      `${r.label.padEnd(width)}  ${r.median.toFixed(3).padStart(9)}  ${r.p95.toFixed(3).padStart(7)}   ${target}`,
    );
  }
}

main();
