// Random edit sequences through textDocument/didChange against the real language server (dist/server.js over
// stdio): ranges past the end, zero-length, overlapping and reversed edits, full replacements with hostile text,
// CRLF and lone surrogates. After each sequence the server must answer the whenIdle request, still be running, and
// publish diagnostics that (a) lie inside the client's copy of the document and (b) equal what the core finds on
// that same text — so incremental sync never drifts from the editor.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CaseStudiesRequest } from '../../common/protocol';
import { TestLspClient } from '../support/lspClient';
import { caseStudyFiles, CLEAN_CASE_STUDY, makeTree, removeTree } from '../support/tree';
import { CheckService } from '../../server/checkService';
import { OverlayFileSystem } from '../../server/overlayFileSystem';
import { nodeFileSystem } from '../../server/core/node';
import { createMermaidValidator, type DisposableMermaidValidator } from '../../server/core/node/mermaidValidator';
import { piece, randomMarkdown } from './markdownArbitraries';
import { fuzzParams, fuzzTimeout, linesOf, rangeProblem, REPO, within } from './support';

type Edit =
  | { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }
  | { text: string };

let root: string;
let client: TestLspClient;
let reference: CheckService;
let overlay: OverlayFileSystem;
let mermaid: DisposableMermaidValidator;

before(async () => {
  root = makeTree(caseStudyFiles('fuzz', CLEAN_CASE_STUDY));
  // Check on every change instead of after the typing pause, so whenIdle covers every edit sent before it.
  process.env.DESIGN_NOTES_DEBOUNCE_MS = '0';
  client = new TestLspClient();
  delete process.env.DESIGN_NOTES_DEBOUNCE_MS;
  await client.initialize([root]);
  await client.idle();
  // The same checks in this process, fed the client's text: the oracle for what the server should publish.
  overlay = new OverlayFileSystem(nodeFileSystem);
  // The server validates Mermaid in a worker built next to it; the oracle uses the same worker bundle.
  mermaid = createMermaidValidator({ workerPath: path.join(REPO, 'dist/mermaidWorker.mjs') });
  reference = new CheckService(overlay, () => undefined, { mermaid });
  await reference.setFolders([root]);
});

after(async () => {
  await client?.stop();
  mermaid?.dispose();
  if (root) removeTree(root);
});

const position = fc.record({ line: fc.nat({ max: 60 }), character: fc.nat({ max: 200 }) });
const edit: fc.Arbitrary<Edit> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      range: fc.record({ start: position, end: position }),
      text: fc.oneof(fc.constant(''), piece, randomMarkdown),
    }),
  },
  // Zero-length inserts at a random point (typing), possibly past the end of the document.
  {
    weight: 4,
    arbitrary: fc
      .record({ at: position, text: piece })
      .map(({ at, text }) => ({ range: { start: at, end: at }, text })),
  },
  { weight: 1, arbitrary: randomMarkdown.map((text) => ({ text })) },
);
/** One didChange notification carries one to four edits, applied in order (later ones may overlap earlier ones). */
const notifications = fc.array(fc.array(edit, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });

const simplify = (d: { code?: string | number; message: string; range: unknown }) =>
  JSON.stringify([d.code, d.range, d.message]);
const isTimeout = (message: string) => message.startsWith('Diagram not checked: Mermaid took longer');

let sequencesWithDiagnostics = 0;

async function runSequence(file: string, initial: string, sequence: Edit[][]): Promise<void> {
  let doc = TextDocument.create('file://x', 'markdown', 1, initial);
  await client.open(file, initial);
  for (const changes of sequence) {
    await client.change(file, changes);
    doc = TextDocument.update(doc, changes, doc.version + 1);
  }
  await within(30_000, 'whenIdle after the edits', () => client.idle());
  assert.equal(client.process.exitCode, null, `the server exited: ${client.log.join('').slice(-2000)}`);
  const text = doc.getText();
  const lines = linesOf(text);
  const published = client.diagnosticsFor(file);
  for (const d of published)
    assert.equal(rangeProblem(d.range, lines), undefined, `${d.code} ${d.message}: ${rangeProblem(d.range, lines)}`);

  overlay.setOpen(file, text);
  await reference.documentChanged(file);
  const oracle = reference.findingsFor(file).map((f) => ({ code: f.ruleId, message: f.message, range: f.range }));
  // A diagram that hit the Mermaid time budget in one process only (a loaded machine) makes Mermaid findings
  // incomparable; every other rule still is.
  const timedOut = [...oracle, ...published].some((d) => isTimeout(d.message));
  const comparable = (d: { code?: string | number }) => !timedOut || d.code !== 'mermaid-syntax';
  assert.deepEqual(
    published.filter(comparable).map(simplify).sort(),
    oracle.filter(comparable).map(simplify).sort(),
    'the server saw the same text as the client',
  );
  if (published.length) sequencesWithDiagnostics++;

  await client.close(file);
  overlay.close(file);
  await reference.documentClosed(file);
  await client.idle();
}

test(
  'didChange: random edit sequences on a case-study file keep the server alive and in sync',
  { timeout: fuzzTimeout(180_000) },
  async () => {
    const file = path.join(root, 'case-studies/fuzz/requirements.md');
    await fc.assert(
      fc.asyncProperty(notifications, (sequence) => runSequence(file, CLEAN_CASE_STUDY['requirements.md'], sequence)),
      fuzzParams(40),
    );
    assert.ok(sequencesWithDiagnostics > 0, 'some sequences produced findings to compare');
  },
);

test(
  'didChange: random edit sequences on a loose note (outside case studies) keep the server alive and in sync',
  { timeout: fuzzTimeout(180_000) },
  async () => {
    const file = path.join(root, 'notes/scratch.md');
    await fc.assert(
      fc.asyncProperty(randomMarkdown, notifications, (initial, sequence) => runSequence(file, initial, sequence)),
      fuzzParams(40),
    );
  },
);

test('the server answers malformed traffic with errors and keeps working', { timeout: 60_000 }, async () => {
  const file = path.join(root, 'case-studies/fuzz/trade-offs.md');
  // Changes and closes for documents that were never opened; an unknown request; wrong parameter shapes.
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: 'file:///nowhere/x.md', version: 2 },
    contentChanges: [{ text: 'x' }],
  });
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: 'file:///nowhere/y.md' } });
  await client.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: 'not a uri', languageId: 'markdown', version: 1, text: '# x' },
  });
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [
      { uri: 'file:///nowhere/z.md', type: 1 },
      { uri: '::', type: 3 },
    ],
  });
  await assert.rejects(client.request('designNotes/noSuchRequest', {}), /Unhandled method|not found/i);
  // Nonsense parameters: an answer (an error or an empty result), not a crash.
  await client.request('textDocument/codeAction', { textDocument: 42 }).catch((e: Error) => e);
  await client.request(CaseStudiesRequest.method, 'not an object').catch((e: Error) => e);
  await within(30_000, 'whenIdle after malformed traffic', () => client.idle());
  assert.equal(client.process.exitCode, null);
  // Still checking: a placeholder typed into trade-offs.md is reported.
  await client.open(file, CLEAN_CASE_STUDY['trade-offs.md']);
  await client.change(file, [
    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'TODO\n\n' },
  ]);
  await client.idle();
  assert.ok(
    client.diagnosticsFor(file).some((d) => d.code === 'placeholder'),
    'the server still publishes diagnostics',
  );
  await client.close(file);
});
