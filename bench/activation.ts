// Extension activation in a real VS Code (code-server), by the extension host's own timing (issue 18, target 4):
// VS Code measures, for each extension, the time to load its code and to call activate(), and shows their sum in
// "Developer: Show Running Extensions" ("Activation: N ms"). This opens a workspace with case studies
// (workspaceContains activates the extension), waits for its diagnostics, opens that view and reads the figure;
// each reload of the window starts a new extension host, so every run is a fresh activation.
//
// activate() awaits nothing (src/extension.ts: the language client is started in the background), so the promise it
// returns resolves in the same turn: the call time VS Code reports is also the time to activate() resolved.
//
//   node --import tsx bench/activation.ts [--runs N]      (needs `npm run package` and code-server: `npm run test:e2e` installs it)
import { CodeServer, Workbench, copyFixture, requireBuiltExtension } from '../test/e2e/harness';

export interface ActivationRun {
  ms: number;
  label: string;
}

/** One figure per run (window reload = new extension host). */
export async function measureActivation(runs: number): Promise<ActivationRun[]> {
  requireBuiltExtension();
  const server = await CodeServer.start({ label: 'bench-activation' });
  const wb = await Workbench.launch();
  const out: ActivationRun[] = [];
  try {
    const ws = copyFixture('missing-parts');
    for (let i = 0; i < runs; i++) {
      if (i === 0) await wb.open(server, ws);
      else {
        await wb.page.reload();
        await wb.waitForWorkbench();
      }
      await wb.waitForProblems('the extension to be running', (r) => r.some((t) => t.includes('missing-file')));
      await wb.runCommand('Developer: Show Running Extensions');
      const row = wb.page.locator('.runtime-extensions-editor .extension', {
        has: wb.page.locator('.name', { hasText: /^Design Notes$/ }),
      });
      const time = row.locator('.activation-time');
      await time.filter({ hasText: /\d+ms/ }).waitFor({ state: 'visible' });
      const label = (await time.innerText()).trim();
      const ms = Number(/(\d+(?:\.\d+)?)ms/.exec(label)?.[1]);
      if (!Number.isFinite(ms)) throw new Error(`unexpected activation label: ${label}`);
      out.push({ ms, label });
      if (i === 0) await wb.screenshot('bench-running-extensions');
    }
  } finally {
    await wb.close();
    await server.stop();
  }
  return out;
}

if (process.argv[1] && /activation\.ts$/.test(process.argv[1])) {
  const i = process.argv.indexOf('--runs');
  const runs = i > 0 ? Number(process.argv[i + 1]) : 5;
  measureActivation(runs).then(
    (r) => {
      for (const x of r) console.log(`activation (code-server, Node extension host): ${x.label}`);
    },
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
