#!/usr/bin/env node
// `npm run pack:cli`: builds the installable CLI package (npm name `design-notes`) into dist-cli/package/ and packs
// it into dist-cli/design-notes-<version>.tgz with `npm pack`.
//
// The extension's own manifest stays private; this package is a separate folder made of:
//   bin/design-notes.js          the launcher (same file as the repository's bin)
//   dist/cli.js                  the CLI, every dependency bundled in by esbuild
//   dist/mermaidWorker.mjs       the Mermaid validation worker (mermaid bundled, patched as for the extension),
//   dist/mermaid-worker/         with the diagram types it loads on demand
//   templates/                   the built-in case-study templates (`new`, missing-file fixes)
//   schemas/                     the JSON schemas of .designnotes.json and pattern catalogs (for editors)
//   README.md, LICENSE, THIRD-PARTY-NOTICES.md (licences of the bundled packages)
//   .pre-commit-hooks.yaml       so that the folder, as the root of a repository, is a pre-commit hook repository
//   package.json                 written here: no dependencies at all, so an install needs no network
//                                beyond fetching the tarball itself (and none from a local tarball)
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { common, entries } from './build.mjs';
import { mermaidWorkerEntry } from './mermaidWorkerBuild.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUT = path.join(root, 'dist-cli');
const PKG = path.join(OUT, 'package');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/**
 * Node versions the package is tested on (test/cli/package.test.ts runs the installed tarball on each): 20, 22, 24.
 * The bundled mermaid declares node >=22.12, but only for its own build tooling and renderer: the parse-only
 * worker runs on Node 20 (the package test parses a valid and a broken diagram of every type on each version).
 */
export const ENGINES = { node: '>=20' };

export const PACKAGE_JSON = {
  name: 'design-notes',
  version: manifest.version,
  description:
    'Checks system-design case studies written in Markdown (required files and sections, Mermaid syntax, design-quality rules) — the Design Notes CLI for CI and pre-commit.',
  license: manifest.license,
  keywords: ['system design', 'case study', 'markdown', 'mermaid', 'lint', 'architecture', 'sarif', 'ci'],
  bin: { 'design-notes': 'bin/design-notes.js' },
  files: ['bin/', 'dist/', 'templates/', 'schemas/', 'THIRD-PARTY-NOTICES.md', '.pre-commit-hooks.yaml'],
  engines: ENGINES,
};

function copy(from, to) {
  fs.cpSync(path.join(root, from), path.join(PKG, to), { recursive: true });
}

/** Licences of every package esbuild bundled in, from the build's metafile (their licence texts ship with them). */
function thirdPartyNotices(metafiles) {
  const packages = new Map();
  for (const meta of metafiles) {
    for (const input of Object.keys(meta.inputs)) {
      const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (!m) continue;
      const dir = path.join(root, input.slice(0, m.index + m[0].length));
      if (!packages.has(dir)) packages.set(dir, m[1]);
    }
  }
  const sections = [];
  for (const [dir, name] of [...packages].sort((a, b) => a[1].localeCompare(b[1]))) {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const licenceFile = fs.readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text = licenceFile
      ? fs.readFileSync(path.join(dir, licenceFile), 'utf8').trim()
      : `License: ${pkg.license ?? 'see the package'}`;
    sections.push(
      `## ${name} ${pkg.version} (${typeof pkg.license === 'string' ? pkg.license : 'see below'})\n\n\`\`\`\n${text}\n\`\`\``,
    );
  }
  return `# Third-party notices\n\nThe design-notes CLI bundles these packages into dist/.\n\n${[...new Set(sections)].join('\n\n')}\n`;
}

export async function buildPackage() {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(PKG, { recursive: true });
  const metafiles = [];
  for (const entry of [entries.find((e) => e.outfile === 'dist/cli.js'), mermaidWorkerEntry]) {
    // The worker is split (dist/mermaidWorker.mjs + dist/mermaid-worker/*.mjs): it is built into a folder.
    const out = entry.outfile ? { outfile: path.join(PKG, entry.outfile) } : { outdir: path.join(PKG, entry.outdir) };
    const result = await esbuild.build({
      ...common,
      ...entry,
      ...out,
      sourcemap: false,
      minify: true,
      metafile: true,
      logLevel: 'warning',
    });
    if (result.errors.length || result.warnings.length)
      throw new Error(
        `pack-cli: ${entry.entryPoints}: ${result.errors.length} error(s), ${result.warnings.length} warning(s)`,
      );
    metafiles.push(result.metafile);
  }
  copy('bin/design-notes.js', 'bin/design-notes.js');
  fs.chmodSync(path.join(PKG, 'bin/design-notes.js'), 0o755);
  copy('templates', 'templates');
  for (const schema of ['designnotes.schema.json', 'patterns.schema.json'])
    copy(`schemas/${schema}`, `schemas/${schema}`);
  copy('packages/cli/README.md', 'README.md');
  copy('LICENSE', 'LICENSE');
  copy('.pre-commit-hooks.yaml', '.pre-commit-hooks.yaml');
  fs.writeFileSync(path.join(PKG, 'THIRD-PARTY-NOTICES.md'), thirdPartyNotices(metafiles));
  fs.writeFileSync(path.join(PKG, 'package.json'), JSON.stringify(PACKAGE_JSON, null, 2) + '\n');
  return PKG;
}

/** `npm pack` the folder; returns the tarball's path. */
export function packPackage() {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['pack', '--json', '--pack-destination', OUT], { cwd: PKG, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm pack failed: ${r.stderr}`);
  const [info] = JSON.parse(r.stdout);
  return path.join(OUT, info.filename);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildPackage();
  const tarball = packPackage();
  console.log(`pack-cli: ${path.relative(root, tarball)} (${Math.round(fs.statSync(tarball).size / 1024)} KiB)`);
}
