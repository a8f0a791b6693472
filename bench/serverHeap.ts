// Where the language server's memory goes (issue 18, target 3: under 200 MB with 1,000 case studies open).
// Starts the real server over stdio on the generated 1,000-case-study workspace, waits until every diagnostic is
// published and the Mermaid worker has stopped (idle), then reads the process's RSS and a V8 heap snapshot
// (`--heapsnapshot-signal`) and prints: RSS, the JS heap's live size, and the largest object groups by self size.
// Run: npm run build && node --import tsx bench/serverHeap.ts [--sizes 1000] [--soak 10000]
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestLspClient } from '../test/support/lspClient';
import { ensureCorpus, loadTextSource } from './corpus';
import { openSoakSession } from './soakSession';
import { procStatus } from './procStatus';

const sizeArg = process.argv.indexOf('--sizes');
const CASE_STUDIES = sizeArg > 0 ? Number(process.argv[sizeArg + 1]) : 1000;
/** The Mermaid worker's idle stop (BENCH_HEAP_IDLE_MS: e.g. 600000 keeps the start-up's worker through a soak). */
const IDLE_MS = Number(process.env.BENCH_HEAP_IDLE_MS ?? 1000);
const LATER_MS = Number(process.env.BENCH_HEAP_LATER_MS ?? 30_000);
const soakArg = process.argv.indexOf('--soak');
/** --soak N: then N edits of the bench's soak, with a snapshot after the first quarter and at the end. */
const SOAK_EDITS = soakArg > 0 ? Number(process.argv[soakArg + 1]) : 0;
const NO_SNAPSHOT = process.env.BENCH_HEAP_NO_SNAPSHOT === '1';

/** Resident memory per mapping name (anonymous mappings grouped), from /proc/<pid>/smaps. */
function rssByMapping(pid: number): [string, number][] {
  const by = new Map<string, number>();
  let name = '';
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) name = header[1] ? path.basename(header[1]) : '[anonymous]';
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) by.set(name, (by.get(name) ?? 0) + Number(rss[1]));
  }
  return [...by.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6);
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Self size per group (node type, and constructor name for objects), largest first. */
function groups(snap: Snapshot): { total: number; top: [string, number, number][] } {
  const fields = snap.snapshot.meta.node_fields;
  const stride = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const types = snap.snapshot.meta.node_types[0];
  const bySize = new Map<string, [number, number]>();
  let total = 0;
  for (let i = 0; i < snap.nodes.length; i += stride) {
    const type = types[snap.nodes[i + typeAt]];
    const size = snap.nodes[i + sizeAt];
    total += size;
    // Strings grouped as one (their text is the name); objects by constructor; the rest by type.
    const key =
      type === 'object' || type === 'closure' ? `${type} ${snap.strings[snap.nodes[i + nameAt]]}` : `(${type})`;
    const g = bySize.get(key) ?? [0, 0];
    g[0] += size;
    g[1] += 1;
    bySize.set(key, g);
  }
  const top = [...bySize.entries()]
    .sort((a, b) => b[1][0] - a[1][0])
    .slice(0, 15)
    .map(([k, [size, count]]) => [k, size, count] as [string, number, number]);
  return { total, top };
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** A heap snapshot of the server (SIGUSR2, --heapsnapshot-signal), grouped; the file is removed after reading. */
async function heapSnapshot(pid: number, dir: string): Promise<ReturnType<typeof groups>> {
  for (const f of readdirSync(dir)) rmSync(path.join(dir, f), { force: true });
  process.kill(pid, 'SIGUSR2');
  // The snapshot is written synchronously by the server; wait until its size stops changing.
  let file = '';
  let last = -1;
  for (let waited = 0; waited < 300_000; waited += 500) {
    await new Promise((r) => setTimeout(r, 500));
    const found = readdirSync(dir).find((f) => f.endsWith('.heapsnapshot'));
    if (!found) continue;
    file = path.join(dir, found);
    const size = statSync(file).size;
    if (size === last && size > 0) break;
    last = size;
  }
  if (!existsSync(file)) throw new Error('no heap snapshot was written');
  const result = groups(JSON.parse(readFileSync(file, 'utf8')) as Snapshot);
  rmSync(file, { force: true });
  return result;
}

async function main(): Promise<void> {
  const corpus = ensureCorpus(CASE_STUDIES, 1, loadTextSource());
  const snapshotDir = mkdtempSync(path.join(os.tmpdir(), 'dn-heap-'));
  const saved = { ...process.env };
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${snapshotDir}`;
  process.env.DESIGN_NOTES_MERMAID_IDLE_MS = String(IDLE_MS);
  process.env.DESIGN_NOTES_DEBOUNCE_MS = '0'; // as the bench's soak: a check per request, no typing delay
  const client = new TestLspClient();
  process.env = saved;
  try {
    const started = performance.now();
    // BENCH_HEAP_DIR: another workspace (e.g. the same one with a .designnotes.json that switches a rule off).
    const workspace = process.env.BENCH_HEAP_DIR ?? corpus.dir;
    await client.initialize([workspace]);
    await client.waitFor(() => client.diagnostics.size > 0, 'the first diagnostics', 600_000);
    await client.idle();
    const startupMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, Math.min(IDLE_MS, 5000) + 2000));
    const pid = client.process.pid!;
    const rssEarly = procStatus(pid).rssMb ?? NaN;
    // V8 gives freed heap pages back only after a while idle (its memory reducer): look again later.
    await new Promise((r) => setTimeout(r, LATER_MS));
    const report = async (label: string) => {
      const rss = procStatus(pid).rssMb ?? NaN;
      const hwm = procStatus(pid).hwmMb ?? NaN;
      const mappings = rssByMapping(pid);
      // BENCH_HEAP_NO_SNAPSHOT=1: RSS only (writing a snapshot leaves ~100 MB of malloc'd memory in RSS behind it).
      const { total, top } = NO_SNAPSHOT ? { total: NaN, top: [] } : await heapSnapshot(pid, snapshotDir);
      console.log(`${label}:`);
      console.log(
        `  RSS ${rss.toFixed(0)} MB (peak ${hwm.toFixed(0)} MB); JS heap live objects ${mb(total)}; RSS not in live JS objects: ${(rss - total / 1024 / 1024).toFixed(0)} MB (code, V8 spaces' free pages, native)`,
      );
      console.log('  RSS by mapping (/proc/<pid>/smaps, largest):');
      for (const [name, kb] of mappings) console.log(`    ${(kb / 1024).toFixed(1).padStart(7)} MB  ${name}`);
      console.log('  largest JS object groups by self size:');
      for (const [k, size, count] of top)
        console.log(`    ${mb(size).padStart(9)}  ${String(count).padStart(9)} × ${k.slice(0, 80)}`);
    };
    console.log(
      `server heap, ${CASE_STUDIES.toLocaleString('en-US')} case studies (${corpus.files} files); start-up to every diagnostic published: ${(startupMs / 1000).toFixed(2)} s; RSS ${rssEarly.toFixed(0)} MB when idle`,
    );
    await report(`${LATER_MS / 1000} s later, Mermaid worker stopped`);
    if (SOAK_EDITS) {
      // The bench's soak (bench/soakSession.ts): is what RSS gains over the session live JS objects, or not?
      const session = await openSoakSession(client, workspace);
      await session.edit(0, SOAK_EDITS / 4);
      await report(`after ${(SOAK_EDITS / 4).toLocaleString('en-US')} soak edits`);
      await session.edit(SOAK_EDITS / 4, SOAK_EDITS);
      await report(`after ${SOAK_EDITS.toLocaleString('en-US')} soak edits`);
      await new Promise((r) => setTimeout(r, LATER_MS));
      await report(`${LATER_MS / 1000} s after the soak`);
    }
    console.log(
      `  machine: ${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    await client.stop();
    rmSync(snapshotDir, { recursive: true, force: true });
  }
}

void main();
