// The one runtime-independent half of Mermaid validation, for every host: the Node language server and the CLI
// (worker threads: core/node/mermaidValidator.ts) and the web worker language server (nested web workers:
// server/browser/webWorkerValidator.ts) — what a worker is comes in as a factory. mermaid runs off the main thread
// so a runaway grammar cannot freeze it; each block has a time budget (on overrun the worker is replaced); results
// are cached by content, so an unchanged or repeated block is parsed once; blocks are pipelined (a worker holds a
// few at a time, so it never waits for the main thread between blocks); more workers start only when there is
// enough work for them, and idle workers stop (the next block starts one again, transparently).
// No node:* import here: the web worker language server bundles this module too.
import type { MermaidProblem, MermaidValidator } from '../rule';
import type { Range } from '../types';
import { firstContentLine } from './commonMistakes';
import { LruCache } from '../lruCache';
import { detachedString } from '../detachedString';
import type { WorkerRequest, WorkerResponse } from './validateBlock';

export type { WorkerRequest, WorkerResponse };

/** Callbacks a worker handle reports to. `failed` means the worker is gone (crashed, exited, failed to load). */
export interface MermaidWorkerEvents {
  message(message: WorkerResponse): void;
  failed(reason: string): void;
}

/** One running worker, as the pool sees it. */
export interface MermaidWorkerHandle {
  post(request: WorkerRequest): void;
  terminate(): void;
  /** Whether the worker has work: an idle Node worker thread must not keep a finished CLI run (or a test) alive. */
  setBusy?(busy: boolean): void;
}

/** Starts a worker that reports to `events`. Called again to replace a stuck or crashed worker. */
export type MermaidWorkerFactory = (events: MermaidWorkerEvents) => MermaidWorkerHandle;

/** Everything but the worker factory: what a host (Node, the browser) lets its callers tune. */
export type MermaidValidatorLimits = Omit<MermaidPoolOptions, 'createWorker'>;

export interface MermaidPoolOptions {
  createWorker: MermaidWorkerFactory;
  /** Time budget per block; on overrun the worker is replaced and the block reported as not checked. */
  timeoutMs?: number;
  /**
   * Blocks above either size are not parsed (reported as not checked). 200,000 characters is four times
   * mermaid's own default render limit (maxTextSize 50,000), so nothing mermaid would render is skipped, while a
   * pasted data dump cannot stall the worker; 5,000 lines bounds the line alignment work in the same spirit.
   */
  maxChars?: number;
  maxLines?: number;
  /** Number of distinct block texts whose results are remembered… */
  cacheSize?: number;
  /** …and their total size in characters (the texts are the keys), so a few huge blocks cannot hold memory. */
  cacheChars?: number;
  /** Most workers at once (the CLI: the machine's cores; a language server: 1, its memory matters more). */
  maxWorkers?: number;
  /**
   * Pending blocks per worker before another one starts: starting one costs about as much as parsing a few
   * hundred blocks, so ten diagrams never get a second worker. Pool size = min(maxWorkers, ceil(pending / this)).
   */
  blocksPerWorker?: number;
  /** Blocks sent to one worker ahead of its answers (it parses them in order). */
  pipelineDepth?: number;
  /** A worker with nothing to do for this long stops (0: never); the next block starts one again. */
  idleStopMs?: number;
}

export interface DisposableMermaidValidator extends MermaidValidator {
  /** Stops the workers; later calls to validate() start new ones. */
  dispose(): void;
  /** Workers running now (for tests and the benchmark). */
  readonly workerCount: number;
}

export const MERMAID_DEFAULTS = {
  timeoutMs: 2000,
  maxChars: 200_000,
  maxLines: 5000,
  cacheSize: 2000,
  cacheChars: 4_000_000,
  maxWorkers: 1,
  blocksPerWorker: 48,
  pipelineDepth: 4,
  idleStopMs: 0,
} as const;

interface Job {
  id: number;
  text: string;
  resolve(problems: MermaidProblem[]): void;
  reject(error: Error): void;
}

interface PoolWorker {
  handle: MermaidWorkerHandle;
  ready: boolean;
  /** Sent and not answered yet, in the order the worker parses them; the first is being parsed. */
  inFlight: Job[];
  timer?: ReturnType<typeof setTimeout>;
  idleTimer?: ReturnType<typeof setTimeout>;
}

function headerRange(text: string): Range {
  const lines = text.split(/\r\n|\r|\n/);
  const line = firstContentLine(lines);
  const content = lines[line] ?? '';
  const start = content.length - content.trimStart().length;
  return { start: { line, character: start }, end: { line, character: Math.max(start, content.trimEnd().length) } };
}

function countLines(text: string, max: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && n <= max; i = text.indexOf('\n', i + 1)) n++;
  // Lone CRs (old Mac line ends) count as line breaks too.
  if (n <= max && text.includes('\r')) n = text.split(/\r\n|\r|\n/).length;
  return n;
}

export function createMermaidPool(options: MermaidPoolOptions): DisposableMermaidValidator {
  const timeoutMs = options.timeoutMs ?? MERMAID_DEFAULTS.timeoutMs;
  const maxChars = options.maxChars ?? MERMAID_DEFAULTS.maxChars;
  const maxLines = options.maxLines ?? MERMAID_DEFAULTS.maxLines;
  const maxWorkers = Math.max(1, options.maxWorkers ?? MERMAID_DEFAULTS.maxWorkers);
  const blocksPerWorker = Math.max(1, options.blocksPerWorker ?? MERMAID_DEFAULTS.blocksPerWorker);
  const depth = Math.max(1, options.pipelineDepth ?? MERMAID_DEFAULTS.pipelineDepth);
  const idleStopMs = options.idleStopMs ?? MERMAID_DEFAULTS.idleStopMs;
  // Loading a grammar is bounded too (a broken install must not hang a block forever), generously: it is I/O and
  // compilation, slow on a loaded machine, not the parse the budget is about.
  const loadTimeoutMs = Math.max(30_000, timeoutMs);
  // Keyed by the block's text itself (no digest to compute); the size bound counts those keys.
  const cache = new LruCache<string, Promise<MermaidProblem[]>>(options.cacheSize ?? MERMAID_DEFAULTS.cacheSize, {
    maxWeight: options.cacheChars ?? MERMAID_DEFAULTS.cacheChars,
    weigh: (key) => key.length,
  });
  const workers: PoolWorker[] = [];
  const queue: Job[] = [];
  let nextId = 1;

  function pending(): number {
    return workers.reduce((n, w) => n + w.inFlight.length, queue.length);
  }

  function start(): PoolWorker {
    const w: PoolWorker = { handle: undefined as unknown as MermaidWorkerHandle, ready: false, inFlight: [] };
    w.handle = options.createWorker({
      message: (message) => received(w, message),
      failed: (reason) => gone(w, reason),
    });
    workers.push(w);
    return w;
  }

  function received(w: PoolWorker, message: WorkerResponse): void {
    if (!workers.includes(w)) return;
    if ('ready' in message) {
      w.ready = true;
      armTimer(w);
      pump();
      return;
    }
    const job = w.inFlight[0];
    if (!job || message.id !== job.id) return;
    if ('loading' in message) {
      armTimer(w, message.loading ? loadTimeoutMs : timeoutMs);
      return;
    }
    w.inFlight.shift();
    if ('problems' in message) job.resolve(message.problems);
    else job.reject(new Error(`Mermaid validation failed: ${message.failure}`));
    armTimer(w);
    pump();
  }

  /** The budget of the block at the head of a worker's line starts when the worker reaches it. */
  function armTimer(w: PoolWorker, budgetMs = timeoutMs): void {
    if (w.timer) clearTimeout(w.timer);
    w.timer = undefined;
    const job = w.inFlight[0];
    if (!job || !w.ready) return;
    w.timer = setTimeout(() => {
      if (w.inFlight[0] !== job) return;
      // A grammar that backtracks forever cannot be interrupted from inside: replace the worker.
      remove(w);
      w.handle.terminate();
      w.inFlight.shift();
      queue.unshift(...w.inFlight.splice(0));
      job.resolve([
        {
          kind: 'timeout',
          range: headerRange(job.text),
          message: `Diagram not checked: Mermaid took longer than ${timeoutMs} ms to parse it`,
        },
      ]);
      pump();
    }, budgetMs);
  }

  /** The worker died on its own. One that never got ready would die again: fail the queue instead of looping. */
  function gone(w: PoolWorker, reason: string): void {
    if (!workers.includes(w)) return;
    remove(w);
    const [head, ...rest] = w.inFlight.splice(0);
    if (w.ready) {
      // The block it was parsing fails; the ones sent after it are parsed by another worker.
      queue.unshift(...rest);
      head?.reject(new Error(reason));
      pump();
      return;
    }
    const failed = [...(head ? [head] : []), ...rest, ...(workers.length ? [] : queue.splice(0))];
    for (const job of failed) job.reject(new Error(reason));
  }

  function remove(w: PoolWorker): void {
    const i = workers.indexOf(w);
    if (i >= 0) workers.splice(i, 1);
    if (w.timer) clearTimeout(w.timer);
    if (w.idleTimer) clearTimeout(w.idleTimer);
    w.timer = w.idleTimer = undefined;
  }

  function pump(): void {
    const wanted = Math.min(maxWorkers, Math.ceil(pending() / blocksPerWorker));
    while (workers.length < wanted) start();
    for (const w of workers) {
      if (w.ready) {
        while (queue.length && w.inFlight.length < depth) {
          const job = queue.shift() as Job;
          w.inFlight.push(job);
          w.handle.post({ id: job.id, text: job.text });
        }
        if (w.inFlight.length && !w.timer) armTimer(w);
      }
      idleCheck(w);
    }
  }

  function idleCheck(w: PoolWorker): void {
    const busy = w.inFlight.length > 0 || (!w.ready && queue.length > 0);
    w.handle.setBusy?.(busy);
    if (busy) {
      if (w.idleTimer) clearTimeout(w.idleTimer);
      w.idleTimer = undefined;
    } else if (idleStopMs > 0 && !w.idleTimer) {
      w.idleTimer = setTimeout(() => {
        w.idleTimer = undefined;
        if (w.inFlight.length || !workers.includes(w)) return;
        remove(w);
        w.handle.terminate();
      }, idleStopMs);
      (w.idleTimer as { unref?(): void }).unref?.();
    }
  }

  function run(text: string): Promise<MermaidProblem[]> {
    return new Promise<MermaidProblem[]>((resolve, reject) => {
      queue.push({ id: nextId++, text, resolve, reject });
      pump();
    });
  }

  return {
    validate(text: string): Promise<MermaidProblem[]> {
      if (text.length > maxChars || countLines(text, maxLines) > maxLines) {
        return Promise.resolve([
          {
            kind: 'too-large',
            range: headerRange(text),
            message: `Diagram not checked: it is larger than the limit (${maxChars.toLocaleString('en-US')} characters / ${maxLines.toLocaleString('en-US')} lines)`,
          },
        ]);
      }
      const cached = cache.get(text);
      if (cached) return cached;
      const result = run(text);
      // The key is kept: a copy, not a view into the document the diagram was cut from (detachedString.ts).
      const key = detachedString(text);
      cache.set(key, result);
      // Failures are not remembered: the next request tries again with a fresh worker.
      result.catch(() => cache.delete(key));
      return result;
    },
    dispose(): void {
      const stopped = workers.splice(0);
      const jobs = [...stopped.flatMap((w) => w.inFlight.splice(0)), ...queue.splice(0)];
      for (const w of stopped) {
        if (w.timer) clearTimeout(w.timer);
        if (w.idleTimer) clearTimeout(w.idleTimer);
        w.handle.terminate();
      }
      for (const job of jobs) job.reject(new Error('Mermaid validator disposed'));
    },
    get workerCount() {
      return workers.length;
    },
  };
}
