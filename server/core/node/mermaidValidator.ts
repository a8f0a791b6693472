// Mermaid validation in Node: the queue, budget and cache of validatorQueue.ts with a worker thread running
// dist/mermaidWorker.mjs (a runaway grammar cannot freeze the language server or the CLI).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import {
  createQueuedValidator,
  type DisposableMermaidValidator,
  type MermaidValidatorLimits,
} from '../mermaid/validatorQueue';
import type { WorkerResponse } from '../mermaid/validateBlock';

export { MERMAID_DEFAULTS, type DisposableMermaidValidator } from '../mermaid/validatorQueue';

export interface MermaidValidatorOptions extends MermaidValidatorLimits {
  /** Path of dist/mermaidWorker.mjs. */
  workerPath: string;
}

export function createMermaidValidator(options: MermaidValidatorOptions): DisposableMermaidValidator {
  if (!existsSync(options.workerPath)) {
    throw new Error(`Mermaid validation worker not found at ${options.workerPath}; run \`npm run build\` first.`);
  }
  return createQueuedValidator({
    ...options,
    cacheKey: (text) => createHash('sha256').update(text).digest('base64'),
    spawn(events) {
      const w = new Worker(options.workerPath);
      w.on('message', (message: WorkerResponse) => events.message(message));
      w.on('error', (error) => events.gone(`Mermaid validation worker crashed: ${error.message}`));
      w.on('exit', (code) => events.gone(`Mermaid validation worker exited unexpectedly (code ${code})`));
      return {
        post: (request) => w.postMessage(request),
        terminate: () => void w.terminate(),
        setBusy: (busy) => (busy ? w.ref() : w.unref()),
      };
    },
  });
}
