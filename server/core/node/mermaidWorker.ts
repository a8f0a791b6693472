// Entry of dist/mermaidWorker.mjs: parses Mermaid blocks off the language server's main thread.
// Protocol (validateBlock.ts, shared with the web worker): receives {id, text}; answers {id, problems} or
// {id, failure}. Posts {ready: true} once mermaid is loaded and {id, loading} around a grammar's first load, so the
// per-block time budget does not include start-up.
// Imported in-process (tests, benchmark) it also exports the functions below.
import '../mermaid/polyfills';
import { parentPort } from 'node:worker_threads';
import { serveRequests, validateBlock, type WorkerResponse } from '../mermaid/validateBlock';
import { mermaidConfigCopy, parseDiagram, referenceParse, registeredDiagramTypes } from '../mermaid/mermaidRuntime';

export { mermaidConfigCopy, parseDiagram, referenceParse, registeredDiagramTypes, validateBlock };
export { compiledConfigCopy, fastConfigCopy } from '../mermaid/fastConfigCopy';

export type { WorkerRequest, WorkerResponse } from '../mermaid/validateBlock';

const port = parentPort;
if (port) {
  port.on(
    'message',
    serveRequests((response) => port.postMessage(response)),
  );
  port.postMessage({ ready: true } satisfies WorkerResponse);
}
