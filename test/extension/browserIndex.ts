// Entry of the extension-host test suite in the web worker extension host (vscode.dev, github.dev, code-server with
// `remote.extensionKind` "web"), bundled to dist-test/extension/browser.js. The web host loads this file as a
// CommonJS module (only `vscode` can be required) and calls `run()`. There is no Node here: mocha's own browser
// build drives the same suites as index.ts, `assert` is the npm port of Node's, files go through workspace.fs.
// The result is written beside the workspace folder (`<folder>.report.json`, through the editor's file system),
// because the web worker's console is not visible from outside; the e2e harness reads it there.
// mocha's browser build sets `self.mocha` (the build hides module/exports from its UMD header: scripts/build.mjs).
import 'mocha/mocha.js';
import * as vscode from 'vscode';
import { loadSuites } from './suites';

interface Outcome {
  title: string;
  error?: string;
}
interface MochaTest {
  fullTitle(): string;
}
interface BrowserMocha {
  setup(options: { ui: 'tdd'; reporter?: string; timeout: number; color?: boolean }): void;
  run(done: (failures: number) => void): {
    on(event: 'pass', fn: (t: MochaTest) => void): void;
    on(event: 'fail', fn: (t: MochaTest, err: Error) => void): void;
  };
}

(globalThis as { designNotesTestHost?: string }).designNotesTestHost = 'web';

function reportUri(): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder && folder.with({ path: `${folder.path.replace(/\/+$/, '')}.report.json` });
}

export function run(): Promise<void> {
  const mocha = (globalThis as unknown as { mocha: BrowserMocha }).mocha;
  // `spec` writes through mocha's process.stdout shim to the console; the HTML reporter needs a document.
  mocha.setup({ ui: 'tdd', reporter: 'spec', timeout: 60_000, color: false });
  // Required after setup: the suites' top-level `suite(...)` calls need mocha's globals.
  loadSuites();
  return new Promise((resolve, reject) => {
    const passed: Outcome[] = [];
    const failed: Outcome[] = [];
    const runner = mocha.run((failures) => {
      const target = reportUri();
      const written = target
        ? vscode.workspace.fs.writeFile(target, new TextEncoder().encode(JSON.stringify({ passed, failed }, null, 2)))
        : Promise.resolve();
      Promise.resolve(written).then(
        () => (failures > 0 ? reject(new Error(`${failures} extension test(s) failed`)) : resolve()),
        reject,
      );
    });
    runner.on('pass', (t) => passed.push({ title: t.fullTitle() }));
    runner.on('fail', (t, err) => failed.push({ title: t.fullTitle(), error: err?.stack ?? String(err) }));
  });
}
