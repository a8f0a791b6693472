// Mermaid validation cost per changed diagram: the language server's path (validator → worker thread → fast parse
// → error description) against a bare `mermaid.parse` of the same text in this process, same run, interleaved.
// Target: the validator's median and p95 at most 1/3 of bare mermaid.parse. Also checks that both give the same
// verdict on every sample.
// Run: npm run build && node --import tsx bench/mermaid.bench.ts [--quick]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseMarkdown } from '../server/core/markdown';
import { createMermaidValidator } from '../server/core/node/mermaidValidator';

const root = path.resolve(__dirname, '..');
const workerPath = path.join(root, 'dist', 'mermaidWorker.mjs');
const QUICK = process.env.BENCH_QUICK === '1' || process.argv.includes('--quick');
const ROUNDS = QUICK ? 2 : 6;

interface WorkerModule {
  referenceParse(text: string): Promise<{ ok: boolean }>;
  validateBlock(text: string): Promise<unknown[]>;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...markdownFiles(full));
    else if (/\.md$/i.test(entry.name)) out.push(full);
  }
  return out;
}

/** Real diagrams (shared corpus) plus one valid and one broken sample of every diagram type. */
function samples(): string[] {
  const texts: string[] = [];
  const corpus = path.resolve(root, '..', 'shared', 'corpus');
  if (existsSync(corpus)) {
    for (const file of markdownFiles(corpus)) {
      for (const fence of parseMarkdown(readFileSync(file, 'utf8')).fences)
        if (fence.lang === 'mermaid') texts.push(fence.content);
    }
  }
  const types = path.join(root, 'test', 'fixtures', 'mermaid', 'types');
  for (const name of readdirSync(types).sort()) texts.push(readFileSync(path.join(types, name), 'utf8'));
  return texts;
}

/**
 * The text after the user's edit number `round`: a changed label where the diagram has a word to change, so the
 * validator's cache misses and both sides parse a diagram of the same shape.
 */
function edited(text: string, round: number): string {
  const lines = text.split('\n');
  for (let i = lines.length - 1; i > 0; i--) {
    const m = /[A-Za-z]{3,}/.exec(lines[i]);
    if (m && !lines[i].trimStart().startsWith('%%')) {
      lines[i] = lines[i].slice(0, m.index + m[0].length) + `x${round}` + lines[i].slice(m.index + m[0].length);
      return lines.join('\n');
    }
  }
  return `${text}\n%% edit ${round}`;
}

async function main(): Promise<void> {
  if (!existsSync(workerPath)) throw new Error(`${workerPath} missing: run \`npm run build\` first`);
  const mermaid = (await import(pathToFileURL(workerPath).href)) as WorkerModule;
  const validator = createMermaidValidator({ workerPath, timeoutMs: 10_000 });
  try {
    const texts = samples();
    // Warm-up: load every diagram type on both sides (first use of a type loads its grammar).
    for (const text of texts) {
      await validator.validate(edited(text, -1));
      await mermaid.referenceParse(edited(text, -1));
    }
    const validatorMs: number[] = [];
    const bareMs: number[] = [];
    // The same work as the worker does, in this thread: separates parse cost from the thread hop (which on a busy
    // machine includes waiting for a core).
    const inProcessMs: number[] = [];
    let sameVerdicts = 0;
    let checked = 0;
    let rejected = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const text of texts) {
        const changed = edited(text, round);
        let t = performance.now();
        const problems = await validator.validate(changed);
        validatorMs.push(performance.now() - t);
        t = performance.now();
        const reference = await mermaid.referenceParse(changed);
        bareMs.push(performance.now() - t);
        t = performance.now();
        await mermaid.validateBlock(`${changed}\n`);
        inProcessMs.push(performance.now() - t);
        checked++;
        if (!reference.ok) rejected++;
        if (reference.ok === (problems.length === 0)) sameVerdicts++;
      }
    }
    // Round trip of a trivial block (mermaid's `info` diagram parses in ~0.1 ms): the cost of the thread hop alone.
    const hopMs: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t = performance.now();
      await validator.validate(`info\n%% ${i}\n`);
      hopMs.push(performance.now() - t);
    }
    hopMs.sort((a, b) => a - b);
    const v = [...validatorMs].sort((a, b) => a - b);
    const b = [...bareMs].sort((a, b2) => a - b2);
    const vMedian = percentile(v, 50);
    const vP95 = percentile(v, 95);
    const p = [...inProcessMs].sort((a, b2) => a - b2);
    const bMedian = percentile(b, 50);
    const bP95 = percentile(b, 95);
    const total = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
    const medianRatio = vMedian / bMedian;
    const p95Ratio = vP95 / bP95;
    console.log(
      `mermaid validation per changed diagram: ${texts.length} samples x ${ROUNDS} edits = ${checked} parses (${rejected} invalid)`,
    );
    console.log(
      `  validator (worker, fast path): median ${vMedian.toFixed(2)} ms   p95 ${vP95.toFixed(2)} ms   total ${total(v).toFixed(0)} ms`,
    );
    console.log(
      `  bare mermaid.parse (in-process): median ${bMedian.toFixed(2)} ms   p95 ${bP95.toFixed(2)} ms   total ${total(b).toFixed(0)} ms`,
    );
    console.log(
      `  same work in-process (no thread hop): median ${percentile(p, 50).toFixed(2)} ms   p95 ${percentile(p, 95).toFixed(2)} ms   ratio to mermaid.parse: median ${(percentile(p, 50) / bMedian).toFixed(2)}   p95 ${(percentile(p, 95) / bP95).toFixed(2)}`,
    );
    console.log(
      `  thread hop (trivial block through the worker): median ${percentile(hopMs, 50).toFixed(2)} ms   p95 ${percentile(hopMs, 95).toFixed(2)} ms`,
    );
    console.log(
      `  ratio validator / mermaid.parse: median ${medianRatio.toFixed(2)}   p95 ${p95Ratio.toFixed(2)}   total ${(total(v) / total(b)).toFixed(2)}`,
    );
    console.log(`  target <= 1/3 of mermaid.parse: ${medianRatio <= 1 / 3 && p95Ratio <= 1 / 3 ? 'met' : 'NOT met'}`);
    console.log(`  identical verdicts: ${sameVerdicts === checked ? 'yes' : 'NO'} (${sameVerdicts}/${checked})`);
    // Last line: machine-readable.
    console.log(
      JSON.stringify({
        bench: 'mermaid',
        samples: texts.length,
        parses: checked,
        validatorMedianMs: vMedian,
        validatorP95Ms: vP95,
        bareMedianMs: bMedian,
        bareP95Ms: bP95,
        medianRatio,
        p95Ratio,
        inProcessMedianMs: percentile(p, 50),
        inProcessP95Ms: percentile(p, 95),
        hopMedianMs: percentile(hopMs, 50),
        identicalVerdicts: sameVerdicts === checked,
      }),
    );
  } finally {
    validator.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
