// How the browser client tells the web worker language server what it cannot find by itself, before any message:
// a first line of the server's script sets this global (the worker `name` option is not passed through by every
// web extension host). Only the Mermaid validation worker's URL today: a Blob URL in code-server, where workers
// cannot start from the extension's own URL.
export const BROWSER_SERVER_OPTIONS = '__designNotesServerOptions';

export interface BrowserServerOptions {
  mermaidWorkerUrl?: string;
}
