// Entry of the extension-host test suite (mocha, `tdd` UI: suite/test), bundled to dist-test/extension/index.js.
// The same bundle runs two ways:
//  - VS Code's test contract (`--extensionTestsPath`, @vscode/test-electron, or code-server's `payload` URL in
//    test/e2e): the host requires this file and calls `run()`, which sets up mocha itself;
//  - @vscode/test-cli (`npm run test:electron`, .vscode-test.mjs): its runner defines the mocha globals and then
//    requires this file as a test file, so the suites are registered at load time.
// The web worker host has its own entry (browserIndex.ts) over the same suites (suites.ts).
import Mocha from 'mocha';
import * as fs from 'node:fs';
import { loadSuites } from './suites';

if (typeof (globalThis as { suite?: unknown }).suite === 'function') loadSuites();

interface Outcome {
  title: string;
  error?: string;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'design-notes-extension-tests', mocha);
  loadSuites();
  return new Promise((resolve, reject) => {
    const passed: Outcome[] = [];
    const failed: Outcome[] = [];
    const runner = mocha.run((failures) => {
      // The e2e harness reads this report: the extension host's console is not always visible from outside.
      const report = process.env.DESIGN_NOTES_TEST_REPORT;
      if (report) fs.writeFileSync(report, JSON.stringify({ passed, failed }, null, 2));
      if (failures > 0) reject(new Error(`${failures} extension test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => passed.push({ title: t.fullTitle() }));
    runner.on('fail', (t, err: Error) => failed.push({ title: t.fullTitle(), error: err?.stack ?? String(err) }));
  });
}
