// The runtime-independent half of Mermaid validation: blocks are parsed one at a time in a worker with a time
// budget, results are cached by content, and a worker that overruns the budget is replaced. What a "worker" is
// comes in as `spawn`: a Node worker thread (workerValidator.ts) or a web worker (server/browser/mermaidWebWorker.ts).
// No node:* import here: the web worker language server bundles this module too.
import type { MermaidProblem, MermaidValidator } from '../rule';
import type { Range } from '../types';
import { firstContentLine } from './commonMistakes';
import { LruCache } from './lruCache';
import type { WorkerRequest, WorkerResponse } from './validateBlock';

export interface MermaidValidatorLimits {
  /** Time budget per block; on overrun the worker is replaced and the block reported as not checked. */
  timeoutMs?: number;
  /**
   * Blocks above either size are not parsed (reported as not checked). 200,000 characters is four times
   * mermaid's own default render limit (maxTextSize 50,000), so nothing mermaid would render is skipped, while a
   * pasted data dump cannot stall the worker; 5,000 lines bounds the line alignment work in the same spirit.
   */
  maxChars?: number;
  maxLines?: number;
  /** Number of distinct block texts whose results are remembered. */
  cacheSize?: number;
}

export interface DisposableMermaidValidator extends MermaidValidator {
  /** Stops the worker; later calls to validate() start a new one. */
  dispose(): void;
}

export const MERMAID_DEFAULTS = { timeoutMs: 2000, maxChars: 200_000, maxLines: 5000, cacheSize: 500 } as const;

/** What the queue needs from one worker. */
export interface ValidatorWorker {
  post(request: WorkerRequest): void;
  terminate(): void;
  /** Busy or idle: an idle Node worker must not keep a CLI run (or a test) alive. Optional elsewhere. */
  setBusy?(busy: boolean): void;
}

/** Events a spawned worker reports: its messages, and its death (crash or exit) with a reason. */
export interface ValidatorWorkerEvents {
  message(message: WorkerResponse): void;
  gone(reason: string): void;
}

export interface QueuedValidatorOptions extends MermaidValidatorLimits {
  spawn(events: ValidatorWorkerEvents): ValidatorWorker;
  /** Cache key of a block's text (a digest, so 500 remembered blocks never hold 500 copies of 200 KB). */
  cacheKey(text: string): string;
}

interface Job {
  id: number;
  text: string;
  resolve(problems: MermaidProblem[]): void;
  reject(error: Error): void;
}

function headerRange(text: string): Range {
  const lines = text.split(/\r\n|\r|\n/);
  const line = firstContentLine(lines);
  const content = lines[line] ?? '';
  const start = content.length - content.trimStart().length;
  return { start: { line, character: start }, end: { line, character: Math.max(start, content.trimEnd().length) } };
}

export function createQueuedValidator(options: QueuedValidatorOptions): DisposableMermaidValidator {
  const timeoutMs = options.timeoutMs ?? MERMAID_DEFAULTS.timeoutMs;
  const maxChars = options.maxChars ?? MERMAID_DEFAULTS.maxChars;
  const maxLines = options.maxLines ?? MERMAID_DEFAULTS.maxLines;
  const cache = new LruCache<string, Promise<MermaidProblem[]>>(options.cacheSize ?? MERMAID_DEFAULTS.cacheSize);

  let worker: ValidatorWorker | undefined;
  let ready = false;
  let current: Job | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const queue: Job[] = [];
  let nextId = 1;

  function startWorker(): ValidatorWorker {
    ready = false;
    const w: ValidatorWorker = options.spawn({
      message(message) {
        if (w !== worker) return;
        if ('ready' in message) {
          ready = true;
          pump();
          return;
        }
        if (!current || message.id !== current.id) return;
        const job = current;
        finish();
        if ('problems' in message) job.resolve(message.problems);
        else job.reject(new Error(`Mermaid validation failed: ${message.failure}`));
        pump();
      },
      gone: (reason) => gone(w, reason),
    });
    return w;
  }

  /** The worker died on its own. A worker that never got ready would die again: fail the queue instead of looping. */
  function gone(w: ValidatorWorker, reason: string): void {
    if (w !== worker) return;
    const startedUp = ready;
    worker = undefined;
    const failed = [...(current ? [current] : []), ...(startedUp ? [] : queue.splice(0))];
    finish();
    for (const job of failed) job.reject(new Error(reason));
    if (startedUp) pump();
  }

  function finish(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    current = undefined;
    if (queue.length === 0) worker?.setBusy?.(false);
  }

  function pump(): void {
    if (current || queue.length === 0) return;
    if (!worker) worker = startWorker();
    worker.setBusy?.(true);
    if (!ready) return; // pump() runs again on 'ready'
    const job = queue.shift() as Job;
    current = job;
    timer = setTimeout(() => {
      if (current !== job) return;
      // A grammar that backtracks forever cannot be interrupted from inside: replace the worker.
      const stuck = worker;
      worker = undefined;
      finish();
      stuck?.terminate();
      job.resolve([
        {
          kind: 'timeout',
          range: headerRange(job.text),
          message: `Diagram not checked: Mermaid took longer than ${timeoutMs} ms to parse it`,
        },
      ]);
      pump();
    }, timeoutMs);
    worker.post({ id: job.id, text: job.text });
  }

  function run(text: string): Promise<MermaidProblem[]> {
    return new Promise<MermaidProblem[]>((resolve, reject) => {
      queue.push({ id: nextId++, text, resolve, reject });
      pump();
    });
  }

  return {
    validate(text: string): Promise<MermaidProblem[]> {
      const lineCount = text.split(/\r\n|\r|\n/).length;
      if (text.length > maxChars || lineCount > maxLines) {
        return Promise.resolve([
          {
            kind: 'too-large',
            range: headerRange(text),
            message: `Diagram not checked: it is larger than the limit (${maxChars.toLocaleString('en-US')} characters / ${maxLines.toLocaleString('en-US')} lines)`,
          },
        ]);
      }
      const key = options.cacheKey(text);
      const cached = cache.get(key);
      if (cached) return cached;
      const result = run(text);
      cache.set(key, result);
      // Failures are not remembered: the next request tries again with a fresh worker.
      result.catch(() => cache.delete(key));
      return result;
    },
    dispose(): void {
      const w = worker;
      worker = undefined;
      const pending = [...(current ? [current] : []), ...queue.splice(0)];
      finish();
      for (const job of pending) job.reject(new Error('Mermaid validator disposed'));
      w?.terminate();
    },
  };
}
