// `npm run test:electron`: the extension-host suite in a downloaded VS Code (Electron), via @vscode/test-cli.
// Needs internet access to download VS Code the first time; on machines without it, the same suite runs inside
// code-server as part of `npm run test:e2e` (test/e2e/extension-host.test.ts).
// The bundle dist-test/extension/index.js registers its suites when test-cli's mocha loads it (tdd UI).
import { defineConfig } from '@vscode/test-cli';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// The suites create files in their workspace (New Case Study, Add Missing Files): give them a copy of the fixture.
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'dn-electron-ws-'));
fs.cpSync('test/e2e/fixtures/missing-parts', workspace, { recursive: true });

export default defineConfig({
  label: 'extension-host',
  files: 'dist-test/extension/index.js',
  extensionDevelopmentPath: '.',
  workspaceFolder: workspace,
  version: 'stable',
  // Without this, other extensions installed for the user would load too.
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  mocha: { ui: 'tdd', timeout: 60_000 },
});
