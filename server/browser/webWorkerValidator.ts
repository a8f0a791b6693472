// Mermaid validation for the language server running in a web worker: the same pool as in Node (validatorPool.ts:
// queue, time budget, cache) with a nested dedicated web worker running dist/browser/mermaidWorker.js. A block that
// overruns the budget gets its worker terminated and replaced, exactly as in Node: a runaway grammar cannot freeze
// the language server's own worker. One worker (the pool's default), never stopped when idle: as before the pool.
import {
  createMermaidPool,
  type DisposableMermaidValidator,
  type MermaidValidatorLimits,
  type MermaidWorkerFactory,
  type WorkerResponse,
} from '../core/mermaid/validatorPool';

interface WebWorker {
  onmessage: ((event: { data: WorkerResponse }) => void) | null;
  onerror: ((event: { message?: string; preventDefault?(): void }) => void) | null;
  postMessage(message: unknown): void;
  terminate(): void;
}
type WorkerConstructor = new (url: string, options?: { name?: string }) => WebWorker;

export interface WebWorkerValidatorOptions extends MermaidValidatorLimits {
  /** URL of dist/browser/mermaidWorker.js (a Blob URL where extension URLs cannot start workers, as in code-server). */
  workerUrl: string;
}

/** Starts nested web workers running the bundle at `workerUrl`. */
export function webWorkerFactory(WorkerClass: WorkerConstructor, workerUrl: string): MermaidWorkerFactory {
  return (events) => {
    const w = new WorkerClass(workerUrl, { name: 'Design Notes Mermaid validation' });
    w.onmessage = (event) => events.message(event.data);
    w.onerror = (event) => {
      event.preventDefault?.();
      events.failed(`Mermaid validation worker crashed: ${event.message ?? 'it could not start'}`);
    };
    return { post: (request) => w.postMessage(request), terminate: () => w.terminate() };
  };
}

export function createWebWorkerValidator(options: WebWorkerValidatorOptions): DisposableMermaidValidator {
  const WorkerClass = (globalThis as unknown as { Worker?: WorkerConstructor }).Worker;
  if (typeof WorkerClass !== 'function')
    throw new Error('this browser cannot start a worker inside a worker (no Worker in the language server worker)');
  return createMermaidPool({ ...options, createWorker: webWorkerFactory(WorkerClass, options.workerUrl) });
}
