// Entry of dist/mermaidWorker.mjs: parses Mermaid blocks off the language server's main thread.
// Protocol: receives {id, text}; answers {id, problems} or {id, failure}. Posts {ready: true} once mermaid is
// loaded, so the per-block time budget does not include start-up.
// Imported in-process (tests, benchmark) it also exports the functions below.
import '../mermaid/polyfills';
import { parentPort } from 'node:worker_threads';
import type { MermaidProblem } from '../rule';
import { describeFailure } from '../mermaid/describeError';
import type { WorkerRequest, WorkerResponse } from '../mermaid/validatorPool';
import { loadDiagramType, mermaidConfigCopy, parseDiagram, referenceParse, registeredDiagramTypes } from '../mermaid/mermaidRuntime';

export { mermaidConfigCopy, parseDiagram, referenceParse, registeredDiagramTypes };
export { compiledConfigCopy, fastConfigCopy } from '../mermaid/fastConfigCopy';

/** Problems mermaid finds in a block, in the block's own coordinates. */
export async function validateBlock(text: string): Promise<MermaidProblem[]> {
  const outcome = await parseDiagram(text);
  if (outcome.ok) return [];
  try {
    return describeFailure({ text, error: outcome.error, parsedText: outcome.parsedText, frontmatterLineOffset: outcome.frontmatterLineOffset });
  } catch {
    // Placing the error failed (an error shape not seen before): still report mermaid's verdict, on the header.
    const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    return describeFailure({ text, error: new Error(message), frontmatterLineOffset: 0 });
  }
}

export type { WorkerRequest, WorkerResponse };

const port = parentPort;
if (port) {
  // Blocks are sent ahead of their answers (see validatorPool.ts): parse them one after another, never interleaved
  // (mermaid keeps per-parse state in globals).
  let previous: Promise<unknown> = Promise.resolve();
  port.on('message', (request: WorkerRequest) => {
    previous = previous.then(async () => {
      // A grammar's first use loads its chunk; that is start-up, not parsing: said so the budget waits for it.
      const loading = loadDiagramType(request.text);
      if (loading) {
        port.postMessage({ id: request.id, loading: true } satisfies WorkerResponse);
        await loading;
        port.postMessage({ id: request.id, loading: false } satisfies WorkerResponse);
      }
      return validateBlock(request.text).then(
        (problems) => port.postMessage({ id: request.id, problems } satisfies WorkerResponse),
        (error: unknown) => port.postMessage({ id: request.id, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerResponse),
      );
    });
  });
  port.postMessage({ ready: true } satisfies WorkerResponse);
}
