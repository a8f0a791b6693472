// The import boundaries between runtimes are enforced by `npm run lint` (eslint.config.mjs with the rule in
// scripts/eslint/boundaries.mjs). These tests run ESLint itself, with the repository's config, on imports that
// cross a boundary and on imports that do not, so a config change that stops catching a crossing fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import { ZONES } from '../../scripts/eslint/boundaries.mjs';

const root = path.resolve(__dirname, '../..');
let shared: ESLint | undefined;
const eslint = () => (shared ??= new ESLint({ cwd: root }));

/** The boundary messages ESLint reports for `code` as if it were the file at `file` (repo-relative). */
async function crossings(file: string, code: string): Promise<string[]> {
  const [result] = await eslint().lintText(code, { filePath: path.join(root, file) });
  const fatal = result.messages.filter((m) => m.fatal);
  assert.deepEqual(fatal, [], `parse error in the test's own code for ${file}`);
  return result.messages.filter((m) => m.ruleId === 'design-notes/boundaries').map((m) => m.message);
}

async function assertCrosses(file: string, code: string, expected: RegExp): Promise<void> {
  const found = await crossings(file, code);
  assert.equal(found.length, 1, `${file}: ${code}\nexpected one boundary error, got: ${JSON.stringify(found)}`);
  assert.match(found[0], expected);
}

async function assertAllowed(file: string, code: string): Promise<void> {
  assert.deepEqual(await crossings(file, code), [], `${file}: ${code}`);
}

test('client (src/) never imports the server or its core', async () => {
  await assertCrosses(
    'src/x.ts',
    "import { Linter } from '../server/core/engine';\nexport { Linter };",
    /src\/.*may not import server\/core\//,
  );
  await assertCrosses(
    'src/preview/x.ts',
    "import type { T } from '../../server/features/scaffolding';\nexport type { T };",
    /may not import server\//,
  );
  // The client parses no Markdown: markdown-it is not among its packages.
  await assertCrosses(
    'src/preview/x.ts',
    "import MarkdownIt from 'markdown-it';\nexport { MarkdownIt };",
    /may not import the package "markdown-it"/,
  );
  await assertAllowed(
    'src/preview/x.ts',
    "import * as vscode from 'vscode';\nimport { LanguageClient } from 'vscode-languageclient/node';\nimport { X } from '../../common/protocol';\nimport { y } from '../../common/scaffold/names';\nimport * as path from 'node:path';\nexport { vscode, LanguageClient, X, y, path };",
  );
});

test('core (server/core/) imports no editor, no LSP, no protocol module, no Node I/O outside server/core/node/', async () => {
  await assertCrosses(
    'server/core/x.ts',
    "import * as vscode from 'vscode';\nexport { vscode };",
    /may not import "vscode"/,
  );
  await assertCrosses(
    'server/core/rules/x.ts',
    "import { readFileSync } from 'node:fs';\nexport { readFileSync };",
    /Node built-in "fs" is not available to server\/core\//,
  );
  await assertCrosses(
    'server/core/x.ts',
    "import * as path from 'node:path';\nexport { path };",
    /Node built-in "path"/,
  );
  await assertCrosses(
    'server/core/x.ts',
    "import { spawn } from 'child_process';\nexport { spawn };",
    /Node built-in "child_process"/,
  );
  await assertCrosses(
    'server/core/x.ts',
    "import { createConnection } from 'vscode-languageserver/node';\nexport { createConnection };",
    /may not import "vscode-languageserver"/,
  );
  await assertCrosses(
    'server/core/x.ts',
    "import type { P } from '../../common/protocol/preview';\nexport type { P };",
    /may not import common\/protocol\//,
  );
  // Reaching the server's LSP layer from the core is a crossing whatever the number of `../`.
  await assertCrosses(
    'server/core/scaffold/x.ts',
    "import { CheckService } from '../../checkService';\nexport { CheckService };",
    /may not import server\//,
  );
  await assertCrosses(
    'server/core/x.ts',
    "import { f } from '../../test/support/tree';\nexport { f };",
    /may not import test\//,
  );
  // The core may not reach into its own Node adapters either: it is handed a FileSystem.
  await assertCrosses(
    'server/core/x.ts',
    "import { nodeFs } from './node/fileSystem';\nexport { nodeFs };",
    /may not import server\/core\/node\//,
  );
  await assertAllowed(
    'server/core/rules/x.ts',
    "import * as path from '../path';\nimport MarkdownIt from 'markdown-it';\nimport { parseMarkdown } from '../markdown';\nimport { slug } from '../../../common/scaffold/names';\nexport { path, MarkdownIt, parseMarkdown, slug };",
  );
  await assertAllowed(
    'server/core/node/fileSystem.ts',
    "import { promises as fsp } from 'node:fs';\nimport { Worker } from 'node:worker_threads';\nimport type { FileSystem } from '../fileSystem';\nexport type { FileSystem };\nexport { fsp, Worker };",
  );
});

test('webview (media/) imports only common/ and mermaid types', async () => {
  await assertCrosses(
    'media/preview/x.ts',
    "import { findCommonMistake } from '../../server/core/mermaid/commonMistakes';\nexport { findCommonMistake };",
    /media\/.*may not import server\/core\//,
  );
  await assertCrosses(
    'media/preview/x.ts',
    "import type { ThemeKind } from '../../src/preview/protocol';\nexport type { ThemeKind };",
    /may not import src\//,
  );
  await assertCrosses(
    'media/preview/x.ts',
    "import * as path from 'node:path';\nexport { path };",
    /Node built-in "path" is not available to media\//,
  );
  await assertCrosses(
    'media/preview/x.ts',
    "import * as vscode from 'vscode';\nexport { vscode };",
    /may not import the package "vscode"/,
  );
  await assertCrosses(
    'media/preview/x.ts',
    "import mermaid from 'mermaid';\nexport { mermaid };",
    /only with `import type`/,
  );
  await assertAllowed(
    'media/preview/x.ts',
    "import type { Mermaid } from 'mermaid';\nimport { type PreviewMessage } from '../../common/protocol/preview';\nimport { render } from './render';\nexport type { Mermaid, PreviewMessage };\nexport { render };",
  );
});

test('server (server/, outside the core) never imports the client, the webview or vscode', async () => {
  await assertCrosses(
    'server/features/x.ts',
    "import { activate } from '../../src/extension';\nexport { activate };",
    /may not import src\//,
  );
  await assertCrosses(
    'server/x.ts',
    "import * as vscode from 'vscode';\nexport { vscode };",
    /may not import "vscode"/,
  );
  await assertCrosses('server/x.ts', "export * from '../media/preview/errors';", /may not import media\//);
  await assertAllowed(
    'server/features/x.ts',
    "import { Connection } from 'vscode-languageserver';\nimport { Linter } from '../core/engine';\nimport { nodeFs } from '../core/node/fileSystem';\nimport { Req } from '../../common/protocol';\nimport * as fs from 'node:fs';\nexport { Connection, Linter, nodeFs, Req, fs };",
  );
});

test('common/ stays pure; only common/protocol/ may use the LSP type packages', async () => {
  await assertCrosses(
    'common/scaffold/x.ts',
    "import * as path from 'node:path';\nexport { path };",
    /Node built-in "path" is not available to common\//,
  );
  await assertCrosses(
    'common/scaffold/x.ts',
    "import { Linter } from '../../server/core/engine';\nexport { Linter };",
    /may not import server\/core\//,
  );
  await assertCrosses(
    'common/scaffold/x.ts',
    "import { Req } from '../protocol';\nexport { Req };",
    /may import common\/protocol\/ only with `import type`/,
  );
  await assertCrosses(
    'common/protocol/x.ts',
    "import * as vscode from 'vscode';\nexport { vscode };",
    /may not import the package "vscode"/,
  );
  // Types may cross where values may not: the protocol carries the core's wire types, common/ the protocol's.
  await assertAllowed(
    'common/protocol/x.ts',
    "import type { CaseStudySummary } from '../../server/core/caseStudySummary';\nexport type { CaseStudySummary };",
  );
  await assertAllowed('common/preview/x.ts', "export type { DocumentDiagram } from '../protocol/preview';");
  await assertCrosses(
    'common/protocol/x.ts',
    "import { writePlan } from '../../server/core/scaffold/write';\nexport { writePlan };",
    /may import server\/core\/ only with `import type`/,
  );
  await assertAllowed(
    'common/protocol/x.ts',
    "import { RequestType } from 'vscode-languageserver-protocol';\nimport { NotificationType } from 'vscode-jsonrpc';\nimport { slug } from '../scaffold/names';\nexport { RequestType, NotificationType, slug };",
  );
});

test('every way of importing is checked: export-from, dynamic import(), require()', async () => {
  await assertCrosses('src/x.ts', "export { Linter } from '../server/core/engine';", /may not import server\/core\//);
  await assertCrosses(
    'src/x.ts',
    "export async function f() { return import('../server/core/engine'); }",
    /may not import server\/core\//,
  );
  await assertCrosses('media/x.ts', "export const fs = require('fs');", /Node built-in "fs"/);
});

test('docs/architecture.md names every zone of the lint config and what it may import', () => {
  const doc = readFileSync(path.join(root, 'docs/architecture.md'), 'utf8');
  const folderOf = (name: string) => ZONES.find((z) => z.name === name)!.folder;
  const foldersIn = (cell: string) => [...cell.matchAll(/`([^`]+\/)`/g)].map((m) => m[1].slice(0, -1)).sort();
  for (const zone of ZONES) {
    // One table row per zone: | `folder/` | may import | types only from | packages |
    const row = doc.split('\n').find((line) => line.startsWith(`| \`${zone.folder}/\` |`));
    assert.ok(row, `docs/architecture.md has no table row for ${zone.folder}/`);
    const cells = row.split('|').map((c) => c.trim());
    assert.deepEqual(foldersIn(cells[2]), zone.may.map(folderOf).sort(), `what ${zone.folder}/ may import`);
    assert.deepEqual(
      foldersIn(cells[3]),
      (zone.typesFrom ?? []).map(folderOf).sort(),
      `what ${zone.folder}/ may import types from`,
    );
  }
});
