// The browser bundles must not contain Node built-ins (a web worker has none): the build refuses them, naming the
// file that imports one, and node:path is the one built-in given a browser implementation (path-browserify).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
// @ts-expect-error: plain .mjs build script without type declarations
import { browserEntries, nodeBuiltinsIn } from '../../scripts/browserBuild.mjs';

const serverEntry = (browserEntries as esbuild.BuildOptions[]).find((e) => e.outfile === 'dist/browser/server.js')!;

async function buildBrowser(source: string): Promise<{ errors: string[]; text?: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dn-browser-build-'));
  const entry = path.join(dir, 'entry.ts');
  fs.writeFileSync(entry, source);
  try {
    const result = await esbuild.build({
      bundle: true,
      ...serverEntry,
      nodePaths: [path.resolve(__dirname, '../../node_modules')],
      entryPoints: [entry],
      outfile: path.join(dir, 'out.js'),
      write: false,
      logLevel: 'silent',
      absWorkingDir: path.resolve(__dirname, '../..'),
    });
    return { errors: nodeBuiltinsIn(result.metafile, 'out.js'), text: result.outputFiles?.[0]?.text };
  } catch (e) {
    return { errors: ((e as esbuild.BuildFailure).errors ?? []).map((m) => m.text) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('a Node built-in in a browser bundle fails the build with the importing file named', async () => {
  for (const specifier of ['node:fs', 'fs', 'node:child_process', 'worker_threads', 'node:fs/promises']) {
    const { errors } = await buildBrowser(`import * as x from '${specifier}';\nconsole.log(x);\n`);
    assert.equal(errors.length, 1, `${specifier}: ${JSON.stringify(errors)}`);
    assert.match(
      errors[0],
      new RegExp(`Node built-in "${specifier}" imported by .*entry\\.ts: browser bundles run in a web worker`),
    );
  }
});

test('node:path becomes path-browserify; ordinary packages bundle', async () => {
  const { errors, text } = await buildBrowser(
    `import * as p from 'node:path';\nimport { URI } from 'vscode-uri';\nconsole.log(p.posix ? p.join('/a', 'b') : p.join('/a', 'b'), URI.parse('x:/y').path);\n`,
  );
  assert.deepEqual(errors, []);
  assert.ok(text && !/require\(["'](node:)?path["']\)/.test(text), 'no require of path is left in the bundle');
});

test("common/path.ts's styledPath alone bundles without path-browserify (the clients' scaffold writer); the core's paths with it", async () => {
  // @ts-expect-error: plain .mjs build script without type declarations
  const { entries } = (await import('../../scripts/build.mjs')) as { entries: esbuild.BuildOptions[] };
  const client = entries.find((e) => e.outfile === 'dist/extension.js')!;
  const bundle = async (source: string) => {
    const result = await esbuild.build({
      bundle: true,
      ...client,
      stdin: { contents: source, resolveDir: path.resolve(__dirname, '../../common'), loader: 'ts' },
      entryPoints: undefined,
      outfile: 'out.js',
      write: false,
      metafile: true,
      logLevel: 'silent',
      absWorkingDir: path.resolve(__dirname, '../..'),
    });
    // What the output holds (a module parsed and then left out has 0 bytes in it).
    return Object.values(result.metafile!.outputs).some((o) =>
      Object.entries(o.inputs).some(([p, i]) => p.includes('path-browserify') && i.bytesInOutput > 0),
    );
  };
  assert.equal(await bundle(`import { styledPath } from './path';\nconsole.log(styledPath.join('/a', 'b'));\n`), false);
  assert.equal(await bundle(`import { path } from './path';\nconsole.log(path.join('/a', 'b'));\n`), true);
});
