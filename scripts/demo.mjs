#!/usr/bin/env node
// `npm run demo`: the extension in a real VS Code in your browser, on the repo's examples/ folder.
// Builds and packages the extension, makes sure code-server is installed (cached, see e2e/ensure-code-server.mjs),
// starts it on 127.0.0.1 (port from PORT, else a free one) with the VSIX installed into temporary user-data and
// extensions folders, and opens the real examples/ folder so your edits stay. Ctrl+C stops everything.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer } from './e2e/ensure-code-server.mjs';
import { demoUserSettings } from './e2e/workbenchSettings.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vsix = path.join(root, 'dist-vsix', 'design-notes.vsix');
const examples = path.join(root, 'examples');

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

if (!process.argv.includes('--no-package')) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'package.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const cs = ensureCodeServer();
const port = process.env.PORT ? Number(process.env.PORT) : await freePort();
const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'design-notes-demo-'));
const userData = path.join(runDir, 'user-data');
const extensions = path.join(runDir, 'extensions');
fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
// The e2e harness's calm window (no chat panel, no AI entries in quick-fix menus), with the Case Studies view shown.
fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(demoUserSettings(), null, 2));
// --config: without it code-server reads ~/.config/code-server/config.yaml (password auth, port 8080).
const config = path.join(runDir, 'config.yaml');
fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];
// No extension gallery can be reached offline; an empty one avoids a failing look-up.
const env = { ...process.env, EXTENSIONS_GALLERY: '{}' };

const install = spawnSync(cs.node, [cs.entry, ...common, '--install-extension', vsix, '--force'], {
  env,
  encoding: 'utf8',
});
if (install.status !== 0) {
  console.error(`demo: installing ${vsix} failed:\n${install.stdout}${install.stderr}`);
  process.exit(1);
}

// detached = setsid: code-server, its extension host, language server and file watcher share one process group.
const child = spawn(
  cs.node,
  [cs.entry, ...common, '--disable-workspace-trust', '--disable-telemetry', '--disable-update-check', examples],
  {
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  },
);
const log = fs.createWriteStream(path.join(runDir, 'code-server.log'));
child.stdout.pipe(log);
child.stderr.pipe(log);

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    fs.rmSync(runDir, { recursive: true, force: true });
    process.exit(code);
  }, 1500);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
child.on('exit', (code) => {
  if (stopping) return;
  console.error(`demo: code-server exited (${code}); log: ${path.join(runDir, 'code-server.log')}`);
  process.exit(1);
});

const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(examples)}`;
for (let i = 0; i < 240; i++) {
  try {
    if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
  } catch {
    /* not up yet */
  }
  await new Promise((r) => setTimeout(r, 250));
}
console.log(
  `\nDesign Notes demo: open ${url}\n(examples/ is opened in place: edits are kept. Ctrl+C stops the server.)\n`,
);
