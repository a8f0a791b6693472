// The main end-to-end scenarios again, with the extension in code-server's web worker extension host — what
// vscode.dev and github.dev run: the package.json `browser` entry, the language server in a web worker, files read
// through the editor, Mermaid validated in a nested worker. Same VSIX, same scenarios (scenarios.test.ts), one
// user setting apart (WEB_HOST_SETTINGS); screenshots are test-results/e2e/web-*.png.
(globalThis as { designNotesE2eHost?: string }).designNotesE2eHost = 'web';
// The host must be set before the scenarios load: a require after the assignment, not an import (hoisted).
require('./scenarios.test');
