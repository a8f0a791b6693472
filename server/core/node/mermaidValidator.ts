// Mermaid validation in Node: the pool of validatorPool.ts (queue, budget, cache, idle stop) with worker threads
// running dist/mermaidWorker.mjs (a runaway grammar cannot freeze the language server or the CLI).
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  createMermaidPool,
  type DisposableMermaidValidator,
  type MermaidValidatorLimits,
  type MermaidWorkerFactory,
  type WorkerResponse,
} from '../mermaid/validatorPool';

export { MERMAID_DEFAULTS, type DisposableMermaidValidator } from '../mermaid/validatorPool';

export interface MermaidValidatorOptions extends Omit<MermaidValidatorLimits, 'maxWorkers'> {
  /** Path of dist/mermaidWorker.mjs. */
  workerPath: string;
  /** Most worker threads: a number, or 'cpus' for one per core. Default 1 (a language server, the CLI). */
  maxWorkers?: number | 'cpus';
  /** Replaces how a worker is started (tests); default: a worker thread running `workerPath`. */
  createWorker?: MermaidWorkerFactory;
}

/** Starts worker threads running the bundle at `workerPath`. */
export function nodeWorkerFactory(workerPath: string): MermaidWorkerFactory {
  return (events) => {
    const worker = new Worker(workerPath);
    let alive = true;
    const failed = (reason: string) => {
      if (!alive) return;
      alive = false;
      events.failed(reason);
    };
    worker.on('message', (message: WorkerResponse) => alive && events.message(message));
    worker.on('error', (error) => failed(`Mermaid validation worker crashed: ${error.message}`));
    worker.on('exit', (code) => failed(`Mermaid validation worker exited unexpectedly (code ${code})`));
    return {
      post: (request) => worker.postMessage(request),
      terminate: () => {
        alive = false;
        void worker.terminate();
      },
      // An idle worker must not keep a CLI run (or a test) alive.
      setBusy: (busy) => (busy ? worker.ref() : worker.unref()),
    };
  };
}

export function createMermaidValidator(options: MermaidValidatorOptions): DisposableMermaidValidator {
  if (!options.createWorker && !existsSync(options.workerPath)) {
    throw new Error(`Mermaid validation worker not found at ${options.workerPath}; run \`npm run build\` first.`);
  }
  const maxWorkers = options.maxWorkers === 'cpus' ? availableParallelism() : options.maxWorkers;
  return createMermaidPool({
    ...options,
    maxWorkers,
    createWorker: options.createWorker ?? nodeWorkerFactory(options.workerPath),
  });
}
