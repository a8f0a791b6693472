// The desktop client is two files (scripts/build.mjs, issue 18 target 4): dist/extension.js, which VS Code loads
// and activates, and dist/nodeClient.js with vscode-languageclient, required after activate() has returned. These
// tests build both with the real entry options and check what each holds and that the first only requires the second.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const root = path.resolve(__dirname, '../..');

async function build(outfile: string): Promise<{ text: string; inputs: string[] }> {
  // @ts-expect-error: plain .mjs build script without type declarations
  const { common, entries } = (await import('../../scripts/build.mjs')) as {
    common: esbuild.BuildOptions;
    entries: esbuild.BuildOptions[];
  };
  // @ts-expect-error: plain .mjs build script without type declarations
  const { browserEntries } = (await import('../../scripts/browserBuild.mjs')) as { browserEntries: unknown };
  const entry = [...entries, ...(browserEntries as esbuild.BuildOptions[])].find((e) => e.outfile === outfile);
  assert.ok(entry, `scripts/build.mjs has an entry for ${outfile}`);
  const result = await esbuild.build({
    ...common,
    ...entry,
    sourcemap: false,
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: root,
  });
  const inputs = Object.values(result.metafile.outputs).flatMap((o) =>
    Object.entries(o.inputs)
      .filter(([, i]) => i.bytesInOutput > 0)
      .map(([p]) => p),
  );
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'));
  assert.ok(js);
  return { text: js.text, inputs };
}

test('dist/extension.js holds no language client: it requires dist/nodeClient.js, and of vscode-jsonrpc only the message types', async () => {
  const { text, inputs } = await build('dist/extension.js');
  assert.deepEqual(
    inputs.filter((p) =>
      /node_modules\/vscode-(languageclient|languageserver-protocol|languageserver-types)\//.test(p),
    ),
    [],
  );
  const jsonrpc = inputs.filter((p) => p.includes('node_modules/vscode-jsonrpc/'));
  assert.deepEqual(jsonrpc.map((p) => path.basename(p)).sort(), ['is.js', 'messages.js']);
  // Compiled to require() (the extension host's loader is CommonJS's), inside the function that runs after activation.
  assert.match(text, /require\("\.\/nodeClient\.js"\)/);
  assert.doesNotMatch(text, /\bimport\(/);
});

test('dist/nodeClient.js holds the language client and none of the features', async () => {
  const { text, inputs } = await build('dist/nodeClient.js');
  assert.ok(inputs.some((p) => p.includes('node_modules/vscode-languageclient/lib/node/main.js')));
  const own = inputs.filter((p) => !p.includes('node_modules/'));
  assert.deepEqual(own.sort(), ['common/serverProcess.ts', 'src/nodeClient.ts']);
  assert.match(text, /createNodeClient/);
});

// Each `import * as vscode from 'vscode'` used to become its own copy of the API object (esbuild's __toESM: a getter
// per property, a few hundred properties, once per module): 19 copies in dist/extension.js, most of its load time in
// the extension host (33 in the browser client). scripts/vscodeApiOnce.mjs makes it one re-export per file.
for (const outfile of ['dist/extension.js', 'dist/nodeClient.js', 'dist/browser/extension.js']) {
  test(`${outfile} copies the vscode API at most once`, async () => {
    const { text } = await build(outfile);
    assert.doesNotMatch(text, /__toESM\(require\("vscode"\)\)/);
    assert.ok((text.match(/__reExport\([\w$]+, require\("vscode"\)\)/g) ?? []).length <= 1);
  });
}

test('the modules of dist/extension.js all read one vscode namespace', async () => {
  const { text } = await build('dist/extension.js');
  assert.equal((text.match(/require\("vscode"\)/g) ?? []).length, 1);
  // The features still reach the API (a command registration, through the shared namespace object).
  assert.match(text, /[\w$]+\.commands\.registerCommand\(/);
});
