#!/usr/bin/env node
// `npm run package`: production build, then `vsce package` into dist-vsix/design-notes.vsix.
//
// Everything the extension runs is bundled into dist/ by esbuild, so vsce is told not to collect node_modules
// (--no-dependencies); .vscodeignore keeps sources, tests and tooling out of the VSIX. Relative README links are
// kept relative (--no-rewrite-relative-links): the project has no public repository URL to rewrite them to, and
// VS Code resolves relative links against the installed extension, which ships the images it needs.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const VSIX = path.join(root, 'dist-vsix', 'design-notes.vsix');

function node24() {
  if (Number(process.versions.node.split('.')[0]) >= 24) return process.execPath;
  const local = path.join(root, 'node_modules', 'node', 'bin', 'node');
  return fs.existsSync(local) ? local : process.execPath;
}

function run(args, what) {
  const r = spawnSync(node24(), args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`package: ${what} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const vsceFlags = ['--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links'];

if (process.argv.includes('--ls')) {
  // `node scripts/package.mjs --ls`: list what would go into the VSIX, to check .vscodeignore.
  run([vsce, 'ls', '--no-dependencies'], 'vsce ls');
  process.exit(0);
}

if (!process.argv.includes('--no-build')) run(['scripts/build.mjs', '--production'], 'production build');
for (const required of ['dist/extension.js', 'dist/server.js', 'dist/mermaidWorker.mjs']) {
  if (!fs.existsSync(path.join(root, required))) {
    console.error(`package: ${required} is missing after the build; the extension cannot be packaged yet.`);
    process.exit(1);
  }
}
fs.mkdirSync(path.dirname(VSIX), { recursive: true });
run([vsce, 'package', ...vsceFlags, '--out', VSIX], 'vsce package');
console.log(`package: ${path.relative(root, VSIX)} (${Math.round(fs.statSync(VSIX).size / 1024)} KiB)`);
