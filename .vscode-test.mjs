// `npm run test:electron`: the extension-host suite in a downloaded VS Code (Electron), via @vscode/test-cli.
// Needs internet access to download VS Code the first time; on machines without it, the same suite runs inside
// code-server as part of `npm run test:e2e` (test/e2e/extension-host.test.ts).
// The bundle dist-test/extension/index.js registers its suites when test-cli's mocha loads it (tdd UI).
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  label: 'extension-host',
  files: 'dist-test/extension/index.js',
  extensionDevelopmentPath: '.',
  workspaceFolder: './test/e2e/fixtures/missing-parts',
  version: 'stable',
  // Without this, other extensions installed for the user would load too.
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  mocha: { ui: 'tdd', timeout: 60_000 },
});
