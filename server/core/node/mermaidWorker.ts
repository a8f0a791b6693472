// Entry of dist/mermaidWorker.mjs: parses Mermaid blocks off the language server's main thread.
// Protocol: receives {id, text}; answers {id, problems} or {id, failure}. Posts {ready: true} once mermaid is
// loaded, so the per-block time budget does not include start-up.
// Imported in-process (tests, benchmark) it also exports the functions below.
import '../mermaid/polyfills';
import { parentPort } from 'node:worker_threads';
import { answer, validateBlock, type WorkerRequest, type WorkerResponse } from '../mermaid/validateBlock';
import { mermaidConfigCopy, parseDiagram, referenceParse, registeredDiagramTypes } from '../mermaid/mermaidRuntime';

export { mermaidConfigCopy, parseDiagram, referenceParse, registeredDiagramTypes, validateBlock };
export { compiledConfigCopy, fastConfigCopy } from '../mermaid/fastConfigCopy';

export type { WorkerRequest, WorkerResponse } from '../mermaid/validateBlock';

const port = parentPort;
if (port) {
  port.on('message', (request: WorkerRequest) => void answer(request).then((response) => port.postMessage(response)));
  port.postMessage({ ready: true } satisfies WorkerResponse);
}
