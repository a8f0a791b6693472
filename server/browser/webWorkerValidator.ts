// Mermaid validation for the language server running in a web worker: the Node validator's queue, time budget and
// cache (validatorQueue.ts) with a nested dedicated web worker running dist/browser/mermaidWorker.js. A block that
// overruns the budget gets its worker terminated and replaced, exactly as in Node: a runaway grammar cannot freeze
// the language server's own worker.
import {
  createQueuedValidator,
  type DisposableMermaidValidator,
  type MermaidValidatorLimits,
} from '../core/mermaid/validatorQueue';
import type { WorkerResponse } from '../core/mermaid/validateBlock';

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

export function createWebWorkerValidator(options: WebWorkerValidatorOptions): DisposableMermaidValidator {
  const WorkerClass = (globalThis as unknown as { Worker?: WorkerConstructor }).Worker;
  if (typeof WorkerClass !== 'function')
    throw new Error('this browser cannot start a worker inside a worker (no Worker in the language server worker)');
  return createQueuedValidator({
    ...options,
    cacheKey: fingerprint,
    spawn(events) {
      const w = new WorkerClass(options.workerUrl, { name: 'Design Notes Mermaid validation' });
      w.onmessage = (event) => events.message(event.data);
      w.onerror = (event) => {
        event.preventDefault?.();
        events.gone(`Mermaid validation worker crashed: ${event.message ?? 'it could not start'}`);
      };
      return { post: (request) => w.postMessage(request), terminate: () => w.terminate() };
    },
  });
}

/**
 * Cache key without node:crypto (crypto.subtle is asynchronous, and the cache lookup must not be): the length and
 * two independent 32-bit FNV-1a hashes of the text. Not a cryptographic digest: a collision would only show one
 * block the other's result, and finding one means crafting a diagram against this function on purpose.
 */
export function fingerprint(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c ^ (i & 0xff), 0x01000193);
    b ^= b >>> 13;
  }
  return `${text.length}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}
