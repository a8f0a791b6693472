// Shared settings and helpers of the robustness suite (not a test file itself).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Range } from '../../server/core/types';

/**
 * Fuzzing is reproducible by default: `npm test` runs a fixed seed and a modest number of runs. `npm run fuzz`
 * sets DESIGN_NOTES_FUZZ_SEED=random and more runs; a failure prints its seed, and setting that seed replays it.
 */
function seedFromEnv(): number {
  const raw = process.env.DESIGN_NOTES_FUZZ_SEED;
  if (raw === 'random') return (Math.random() * 2 ** 31) | 0;
  const n = Number(raw);
  return raw && Number.isInteger(n) ? n : 20261123;
}

export const FUZZ_SEED = seedFromEnv();
if (process.env.DESIGN_NOTES_FUZZ_SEED)
  process.stderr.write(`fuzz seed ${FUZZ_SEED} (replay with DESIGN_NOTES_FUZZ_SEED=${FUZZ_SEED})\n`);
/** Multiplier on each property's default run count (npm run fuzz: 20). */
export const FUZZ_SCALE = Math.max(1, Number(process.env.DESIGN_NOTES_FUZZ_SCALE) || 1);

export function fuzzParams(runs: number): { seed: number; numRuns: number; endOnFailure: true } {
  return { seed: FUZZ_SEED, numRuns: Math.round(runs * FUZZ_SCALE), endOnFailure: true };
}

/** Per-test time bound (ms), scaled with the number of runs. */
export function fuzzTimeout(ms: number): number {
  return ms * FUZZ_SCALE;
}

export const REPO = path.resolve(__dirname, '../..');
export const CORPUS = path.resolve(REPO, '../shared/corpus');

/** Markdown seeds for mutation: the repo's own docs and fixtures, plus the shared corpus when it is there. */
export function markdownSeeds(limit = 400): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string, depth: number) => {
    if (out.length >= limit || depth > 8 || !existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const abs = path.join(dir, name);
      const st = statSync(abs, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) walk(abs, depth + 1);
      else if (/\.(md|mmd)$/i.test(name) && st.size < 200_000 && out.length < limit)
        out.push({ name: path.relative(REPO, abs), text: readFileSync(abs, 'utf8') });
    }
  };
  walk(path.join(REPO, 'test/fixtures'), 0);
  walk(path.join(REPO, 'test/e2e/fixtures'), 0);
  walk(path.join(REPO, 'server/core/scaffold'), 0);
  for (const f of ['README.md', 'CHANGELOG.md'])
    if (existsSync(path.join(REPO, f))) out.push({ name: f, text: readFileSync(path.join(REPO, f), 'utf8') });
  walk(CORPUS, 0);
  return out;
}

export function mermaidSeeds(): { name: string; text: string }[] {
  const dir = path.join(REPO, 'test/fixtures/mermaid/types');
  if (!existsSync(dir))
    return [{ name: 'inline', text: 'flowchart TD\n  A[Start] --> B{Ok?}\n  B -->|yes| C\n  B -->|no| A\n' }];
  return readdirSync(dir)
    .sort()
    .map((name) => ({ name, text: readFileSync(path.join(dir, name), 'utf8') }));
}

/** Same line splitting as the core (\r\n, \r and \n all end a line). */
export function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Why a range does not lie inside a document with these lines, or undefined when it does. */
export function rangeProblem(range: Range, lines: readonly string[]): string | undefined {
  const { start, end } = range;
  for (const [name, p] of [
    ['start', start],
    ['end', end],
  ] as const) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character))
      return `${name} is not integral: ${JSON.stringify(p)}`;
    if (p.line < 0 || p.line >= lines.length) return `${name}.line ${p.line} outside 0..${lines.length - 1}`;
    if (p.character < 0 || p.character > lines[p.line].length)
      return `${name}.character ${p.character} outside 0..${lines[p.line].length} on line ${p.line}`;
  }
  if (start.line > end.line || (start.line === end.line && start.character > end.character))
    return `start after end: ${JSON.stringify(range)}`;
  return undefined;
}

/** Run `work`, failing with a clear message if it has not settled after `ms` (for things that must not hang). */
export async function within<T>(ms: number, what: string, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** An in-memory FileSystem (absolute POSIX paths → bytes), for fuzzing the engine without touching the disk. */
export function memoryFileSystem(
  files: Record<string, string | Uint8Array>,
): import('../../server/core/fileSystem').FileSystem {
  const enc = new TextEncoder();
  const bytes = new Map(Object.entries(files).map(([p, c]) => [p, typeof c === 'string' ? enc.encode(c) : c]));
  const isDir = (p: string) => [...bytes.keys()].some((f) => f.startsWith(p.endsWith('/') ? p : p + '/'));
  return {
    async readFile(p) {
      return bytes.get(p);
    },
    async readDirectory(dir) {
      const prefix = dir.endsWith('/') ? dir : dir + '/';
      const names = new Map<string, boolean>();
      for (const f of bytes.keys()) {
        if (!f.startsWith(prefix)) continue;
        const rest = f.slice(prefix.length);
        const slash = rest.indexOf('/');
        names.set(slash < 0 ? rest : rest.slice(0, slash), slash >= 0 || names.get(rest) === true);
      }
      return [...names].map(([name, dirLike]) => ({
        name,
        isFile: !dirLike,
        isDirectory: dirLike,
        isSymbolicLink: false,
      }));
    },
    async stat(p) {
      const b = bytes.get(p);
      if (b) return { size: b.length, isFile: true, isDirectory: false };
      return isDir(p) ? { size: 0, isFile: false, isDirectory: true } : undefined;
    },
    async realpath(p) {
      return bytes.has(p) || isDir(p) ? p : undefined;
    },
  };
}
