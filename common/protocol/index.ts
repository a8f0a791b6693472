// The one protocol module: every `designNotes/*` request and notification between the client (src/), the server
// (server/server.ts) and any other LSP editor, their parameter and result types, and every command id. Documented
// for other editors in docs/lsp-extensions.md (test/unit/protocol.test.ts keeps the two in step).
//
// Types come from `vscode-jsonrpc`, the copy `vscode-languageclient` and the tests' connection use, so those pass
// the objects as they are. The server's `vscode-languageserver` bundles an older copy whose classes TypeScript (and
// jsonrpc's parameter-structure check) treat as different: it registers and sends by `.method` through
// server/protocolConnection.ts, typed by these same objects.
export * from './caseStudies';
export * from './commands';
export * from './preview';
export * from './scaffolding';
export * from './setup';
export * from './fileSystem';
