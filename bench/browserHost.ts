// `node --import tsx bench/browserHost.ts`: the time from opening a workspace of 100 case studies in code-server to
// the first Design Notes diagnostic in the Problems panel, with the extension in the Node extension host and in the
// web worker extension host (the browser build: server in a web worker, files through the editor), plus the sizes
// of the browser bundles. Needs `npm run package` and code-server (scripts/e2e/ensure-code-server.mjs). Measured
// once per host: a benchmark to read, never a test assertion. Results in docs/benchmarks.md ("In the browser").
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CodeServer, WEB_HOST_SETTINGS, Workbench } from '../test/e2e/harness';
import { loadTextSource, REPO_ROOT, writeCorpus } from './corpus';

async function firstDiagnostics(host: 'node' | 'web', workspace: string): Promise<number> {
  const server = await CodeServer.start({ label: `bench-${host}`, settings: host === 'web' ? WEB_HOST_SETTINGS : {} });
  const wb = await Workbench.launch();
  try {
    const started = Date.now();
    await wb.open(server, workspace);
    // Both hosts are started the same way, by opening a Markdown file: code-server's web worker host cannot start
    // extensions on `workspaceContains` (no file search provider there; see README, "In the browser").
    await wb.openFile('requirements.md');
    await wb.waitForProblems('a Design Notes diagnostic', (rows) => rows.some((r) => r.includes('design-notes')));
    return Date.now() - started;
  } finally {
    await wb.close();
    await server.stop();
  }
}

async function main(): Promise<void> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'dn-bench-browser-'));
  writeCorpus(workspace, 100, 17, loadTextSource());
  try {
    for (const f of ['extension.js', 'server.js', 'mermaidWorker.js']) {
      const p = path.join(REPO_ROOT, 'dist', 'browser', f);
      console.log(
        `dist/browser/${f}: ${fs.existsSync(p) ? `${(fs.statSync(p).size / 1024).toFixed(0)} KiB` : 'missing (npm run package)'}`,
      );
    }
    for (const host of ['node', 'web'] as const)
      console.log(
        `${host} host: first diagnostics ${((await firstDiagnostics(host, workspace)) / 1000).toFixed(1)} s after opening the workspace`,
      );
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

void main();
