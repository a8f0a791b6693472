// Extension activation in a real VS Code (code-server), by the extension host's own timing (issue 18, target 4):
// VS Code measures, for each extension, the time to load its code and to call activate(), and shows their sum in
// "Developer: Show Running Extensions" ("Activation: N ms"). This opens a workspace with case studies
// (workspaceContains activates the extension), waits for its diagnostics, opens that view and reads the figure;
// each reload of the window starts a new extension host, so every run is a fresh activation.
//
// activate() is synchronous (src/extension.ts): the call time VS Code reports is also the time to activate() resolved.
// The language client (dist/nodeClient.js) is created one macrotask later; the extension logs how long after
// activation that was ("language client created N ms after activation"), read here from the window's log files.
//
// The floor: an empty extension ("Activation Floor": require('vscode') and an empty activate(), same activation
// event), installed beside ours and read off the same view in the same extension host. What VS Code adds around any activation at start-up
// (the host is busy activating the built-in extensions too) is in both figures.
//
//   node --import tsx bench/activation.ts [--runs N]      (needs `npm run package` and code-server: `npm run test:e2e` installs it)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CodeServer, Workbench, copyFixture, requireBuiltExtension } from '../test/e2e/harness';

const FLOOR_NAME = 'Activation Floor';

/** Packages the empty extension with vsce (offline) into a temp folder; returns the VSIX path. */
function floorVsix(): { vsix: string; dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'dn-activation-floor-'));
  const manifest = {
    name: 'activation-floor',
    displayName: FLOOR_NAME,
    publisher: 'design-notes-bench',
    version: '0.0.1',
    license: 'MIT',
    engines: { vscode: '^1.91.0' },
    main: './extension.js',
    // The event that activates Design Notes on the bench's workspace.
    activationEvents: ['workspaceContains:**/*case-studies/*/*.md'],
  };
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  // It asks for the API as every extension does (the host builds an API object per extension on that require).
  writeFileSync(path.join(dir, 'extension.js'), "require('vscode');\nexports.activate = () => {};\n");
  writeFileSync(path.join(dir, 'README.md'), '# Activation floor\n\nAn empty extension for the activation bench.\n');
  writeFileSync(path.join(dir, 'LICENSE'), 'MIT\n');
  const vsce = path.join(__dirname, '..', 'node_modules', '@vscode', 'vsce', 'vsce');
  const vsix = path.join(dir, 'floor.vsix');
  const r = spawnSync(process.execPath, [vsce, 'package', '--allow-missing-repository', '--out', vsix], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`packaging the activation floor failed:\n${r.stdout}\n${r.stderr}`);
  return { vsix, dir };
}

export interface ActivationRun {
  ms: number;
  label: string;
}

export interface ActivationResult {
  runs: ActivationRun[];
  /** The empty extension's figure in the same extension hosts. */
  floor: ActivationRun[];
  /** Per extension host that logged it: ms from activate() to the language client created. */
  clientCreatedMs: number[];
}

/** One figure per run (window reload = new extension host). */
export async function measureActivation(runs: number): Promise<ActivationResult> {
  requireBuiltExtension();
  const floorPackage = floorVsix();
  const server = await CodeServer.start({ label: 'bench-activation', alsoInstall: [floorPackage.vsix] });
  const wb = await Workbench.launch();
  const out: ActivationRun[] = [];
  const floor: ActivationRun[] = [];
  const clientCreatedMs: number[] = [];
  try {
    const ws = copyFixture('missing-parts');
    for (let i = 0; i < runs; i++) {
      if (i === 0) await wb.open(server, ws);
      else {
        await wb.page.reload();
        await wb.waitForWorkbench();
      }
      await wb.waitForProblems('the extension to be running', (r) => r.some((t) => t.includes('missing-file')));
      // The view is a virtual list: only rows in view exist in the page, and a quick activation sorts low. A tall
      // window shows every row.
      await wb.page.setViewportSize({ width: 1400, height: 6000 });
      await wb.runCommand('Developer: Show Running Extensions');
      const figure = async (name: string, timeout?: number): Promise<ActivationRun> => {
        const row = wb.page.locator('.runtime-extensions-editor .extension', {
          has: wb.page.locator('.name', { hasText: new RegExp(`^${name}$`) }),
        });
        const time = row.locator('.activation-time');
        const shown = time.filter({ hasText: /\d+ms/ });
        // Not in view: scroll the list down to it (in a first window the view may open as a short floating window).
        const list = wb.page.locator('.runtime-extensions-editor .monaco-list').first();
        await list.waitFor({ state: 'visible' });
        for (let k = 0; k < 60 && !(await shown.isVisible()); k++) {
          await list.hover();
          await wb.page.mouse.wheel(0, 250);
          await new Promise((r) => setTimeout(r, 100));
        }
        await shown.waitFor({ state: 'visible', timeout });
        const label = (await time.innerText()).trim();
        const ms = Number(/(\d+(?:\.\d+)?)ms/.exec(label)?.[1]);
        if (!Number.isFinite(ms)) throw new Error(`unexpected activation label for ${name}: ${label}`);
        return { ms, label };
      };
      out.push(await figure('Design Notes'));
      // The floor is a comparison: a run where its row cannot be read keeps our figure (the screenshot shows why).
      const empty = await figure(FLOOR_NAME, 10_000).catch(async (e: Error) => {
        console.error(`activation run ${i + 1}: the empty extension's figure not read: ${e.message.split('\n')[0]}`);
        await wb.screenshot(`bench-running-extensions-no-floor-${i + 1}`);
        return undefined;
      });
      if (empty) floor.push(empty);
      await wb.page.setViewportSize({ width: 1400, height: 900 });
      if (i === 0) await wb.screenshot('bench-running-extensions');
    }
    for (const file of server.logFiles()) {
      for (const m of readFileSync(file, 'utf8').matchAll(/language client created (\d+) ms after activation/g))
        clientCreatedMs.push(Number(m[1]));
    }
  } finally {
    await wb.close();
    await server.stop();
    rmSync(floorPackage.dir, { recursive: true, force: true });
  }
  return { runs: out, floor, clientCreatedMs };
}

if (process.argv[1] && /activation\.ts$/.test(process.argv[1])) {
  const i = process.argv.indexOf('--runs');
  const runs = i > 0 ? Number(process.argv[i + 1]) : 5;
  measureActivation(runs).then(
    (r) => {
      r.runs.forEach((x, i) =>
        console.log(`activation (code-server, Node extension host): ${x.label}; empty extension: ${r.floor[i]?.label}`),
      );
      console.log(`language client created after activation: ${r.clientCreatedMs.join(', ')} ms`);
    },
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
