// Mermaid validation in Node: the pool of validatorPool.ts with worker threads running dist/mermaidWorker.mjs.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createMermaidPool, MERMAID_DEFAULTS, type DisposableMermaidValidator, type MermaidPoolOptions, type MermaidWorkerFactory, type WorkerResponse } from '../mermaid/validatorPool';

export { MERMAID_DEFAULTS, type DisposableMermaidValidator };

export interface MermaidValidatorOptions extends Omit<MermaidPoolOptions, 'createWorker' | 'maxWorkers'> {
  /** Path of dist/mermaidWorker.mjs. */
  workerPath: string;
  /** Most worker threads: a number, or 'cpus' for one per core (the CLI). Default 1 (a language server). */
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
  return createMermaidPool({ ...options, maxWorkers, createWorker: options.createWorker ?? nodeWorkerFactory(options.workerPath) });
}
