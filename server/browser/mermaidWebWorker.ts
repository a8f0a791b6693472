// Entry of dist/browser/mermaidWorker.js: the Mermaid validation worker for the web worker language server. The
// same parse-only mermaid bundle as Node's dist/mermaidWorker.mjs (DOMPurify stubbed: a worker has no DOM either),
// answering the same messages (validateBlock.ts) over postMessage instead of a worker_threads port.
import '../core/mermaid/polyfills';
import { serveRequests, type WorkerRequest, type WorkerResponse } from '../core/mermaid/validateBlock';

interface WorkerScope {
  onmessage: ((event: { data: WorkerRequest }) => void) | null;
  postMessage(message: WorkerResponse): void;
}
const scope = globalThis as unknown as WorkerScope;

const serve = serveRequests((response) => scope.postMessage(response));
scope.onmessage = (event) => serve(event.data);
scope.postMessage({ ready: true });
