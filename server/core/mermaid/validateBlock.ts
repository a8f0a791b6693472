// One block's Mermaid problems, in the block's own coordinates. Runs inside a validation worker (Node's
// dist/mermaidWorker.mjs or the web worker dist/browser/mermaidWorker.js), whose builds stub DOMPurify.
import type { MermaidProblem } from '../rule';
import { describeFailure } from './describeError';
import { loadDiagramType, parseDiagram } from './mermaidRuntime';

export async function validateBlock(text: string): Promise<MermaidProblem[]> {
  const outcome = await parseDiagram(text);
  if (outcome.ok) return [];
  try {
    return describeFailure({
      text,
      error: outcome.error,
      parsedText: outcome.parsedText,
      frontmatterLineOffset: outcome.frontmatterLineOffset,
    });
  } catch {
    // Placing the error failed (an error shape not seen before): still report mermaid's verdict, on the header.
    const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    return describeFailure({ text, error: new Error(message), frontmatterLineOffset: 0 });
  }
}

/**
 * Messages of a validation worker: {id, text} in; {id, problems} or {id, failure} out, {ready: true} once loaded.
 * Before parsing a block whose diagram type's grammar is not loaded yet, the worker says so ({id, loading: true},
 * then {id, loading: false}): loading is start-up, not parsing, and the pool's time budget waits for it.
 */
export interface WorkerRequest {
  id: number;
  text: string;
}
export type WorkerResponse =
  | { ready: true }
  | { id: number; loading: boolean }
  | { id: number; problems: MermaidProblem[] }
  | { id: number; failure: string };

/** The answer to one request, as a worker posts it (Node's worker thread and the web worker alike). */
export async function answer(request: WorkerRequest): Promise<WorkerResponse> {
  try {
    return { id: request.id, problems: await validateBlock(request.text) };
  } catch (error) {
    return { id: request.id, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

/**
 * A worker's request handler (Node's worker thread and the web worker alike). The pool sends blocks ahead of their
 * answers (validatorPool.ts): they are parsed one after another, never interleaved, because mermaid keeps
 * per-parse state in globals.
 */
export function serveRequests(post: (response: WorkerResponse) => void): (request: WorkerRequest) => void {
  let previous: Promise<unknown> = Promise.resolve();
  return (request) => {
    previous = previous.then(async () => {
      const loading = loadDiagramType(request.text);
      if (loading) {
        post({ id: request.id, loading: true });
        await loading;
        post({ id: request.id, loading: false });
      }
      post(await answer(request));
    });
  };
}
