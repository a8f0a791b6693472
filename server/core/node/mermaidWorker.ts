// Entry of dist/mermaidWorker.mjs: parses Mermaid blocks off the language server's main thread.
// Protocol: receives {id, text}; answers {id, problems} or {id, failure}. Posts {ready: true} once mermaid is
// loaded, so the per-block time budget does not include start-up.
// Imported in-process (tests, benchmark) it also exports the functions below.
import '../mermaid/polyfills';
import { parentPort } from 'node:worker_threads';
import type { MermaidProblem } from '../rule';
import { describeFailure } from '../mermaid/describeError';
import { mermaidConfigCopy, parseDiagram, referenceParse, registeredDiagramTypes } from '../mermaid/mermaidRuntime';

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

export interface WorkerRequest {
  id: number;
  text: string;
}
export type WorkerResponse = { ready: true } | { id: number; problems: MermaidProblem[] } | { id: number; failure: string };

const port = parentPort;
if (port) {
  port.on('message', (request: WorkerRequest) => {
    validateBlock(request.text).then(
      (problems) => port.postMessage({ id: request.id, problems } satisfies WorkerResponse),
      (error: unknown) => port.postMessage({ id: request.id, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerResponse),
    );
  });
  port.postMessage({ ready: true } satisfies WorkerResponse);
}
