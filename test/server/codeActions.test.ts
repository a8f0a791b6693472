import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseMarkdown } from '../../server/core/markdown';
import { TestLspClient, fileUri, type Diagnostic } from '../support/lspClient';
import { applyEdits, type Edit } from '../support/applyEdits';
import { caseStudyFiles, makeTree, removeTree } from '../support/tree';
import { Commands } from '../../common/protocol';

interface Action {
  title: string;
  kind?: string;
  isPreferred?: boolean;
  edit?: {
    changes?: Record<string, Edit[]>;
    documentChanges?: (
      { kind: 'create'; uri: string; options: unknown } | { textDocument: { uri: string }; edits: Edit[] }
    )[];
  };
  command?: { command: string; arguments: unknown[] };
}

let root: string;
let client: TestLspClient;
const REQ = '# Chat — Requirements\n\n## Non-Functional Requirements\n\n- 99.9% monthly availability.\n';
const HLD = '# Chat — HLD\n\n## Architecture\n\n## Key Components\n\n- Gateway\n';

before(async () => {
  root = makeTree(caseStudyFiles('chat', { 'requirements.md': REQ, 'high-level-design.md': HLD }));
  client = new TestLspClient();
  await client.initialize([root], {
    workspace: {
      configuration: true,
      didChangeWatchedFiles: { dynamicRegistration: true },
      workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
    },
  });
});

after(async () => {
  await client.stop();
  removeTree(root);
});

async function actionsFor(
  file: string,
  text: string,
  code: string,
  only?: string[],
): Promise<{ actions: Action[]; diagnostics: Diagnostic[] }> {
  await client.open(file, text);
  await client.waitFor(() => client.diagnosticsFor(file).some((d) => d.code === code), code);
  const diagnostics = client.diagnosticsFor(file).filter((d) => d.code === code);
  const actions = await client.request<Action[]>('textDocument/codeAction', {
    textDocument: { uri: fileUri(file) },
    range: diagnostics[0].range,
    context: { diagnostics, ...(only ? { only } : {}) },
  });
  return { actions, diagnostics };
}

test('missing-section: inserts the heading with its template body before the next required section', async () => {
  const file = path.join(root, 'case-studies/chat/requirements.md');
  const { actions } = await actionsFor(file, REQ, 'missing-section');
  const fix = actions.find((a) => a.title === "Add section 'Functional Requirements'")!;
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  assert.equal(fix.isPreferred, true);
  const result = applyEdits(REQ, fix.edit!.changes![fileUri(file)]);
  const lines = result.split('\n');
  const fr = lines.indexOf('## Functional Requirements');
  const nfr = lines.indexOf('## Non-Functional Requirements');
  assert.ok(fr > 0 && fr < nfr, result);
  // A prompt and an empty bullet: nothing about another system that could pass for the student's writing.
  assert.match(
    result,
    /## Functional Requirements\n\n<!-- write here: what users can do[\s\S]*?-->\n- \n\n## Non-Functional/,
  );
  assert.doesNotMatch(result, /items?\b/i);
  // The heading is there now, and the section is reported empty until the student writes it.
  await client.change(file, [{ text: result }]);
  await client.waitFor(
    () =>
      !client.diagnosticsFor(file).some((d) => d.code === 'missing-section') &&
      client.diagnosticsFor(file).some((d) => d.code === 'empty-section' && /Functional Requirements/.test(d.message)),
    'missing-section to become empty-section',
  );
  await client.close(file);
});

test('empty-section: inserts the writing prompts under the heading (not preferred: the section stays empty), once', async () => {
  const file = path.join(root, 'case-studies/chat/high-level-design.md');
  const { actions } = await actionsFor(file, HLD, 'empty-section');
  const fix = actions.find((a) => a.title === "Insert the writing prompts for 'Architecture'")!;
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  assert.notEqual(fix.isPreferred, true);
  const result = applyEdits(HLD, fix.edit!.changes![fileUri(file)]);
  assert.match(
    result,
    /^# Chat — HLD\n\n## Architecture\n\n<!-- write here[\s\S]*-->\n```mermaid\nflowchart LR\n\s*%%[^\n]*\n```\n\n## Key Components\n\n- Gateway\n$/,
  );
  await client.change(file, [{ text: result }]);
  await client.waitFor(
    () => client.diagnosticsFor(file).some((d) => d.code === 'empty-section'),
    'empty-section to stay',
  );
  const again = await client.request<Action[]>('textDocument/codeAction', {
    textDocument: { uri: fileUri(file) },
    range: client.diagnosticsFor(file).find((d) => d.code === 'empty-section')!.range,
    context: { diagnostics: client.diagnosticsFor(file).filter((d) => d.code === 'empty-section') },
  });
  assert.deepEqual(
    again.filter((a) => a.title.startsWith('Insert the writing prompts')),
    [],
    'the prompt is there already',
  );
  await client.close(file);
});

test('missing-file: creates the file from its template (never overwriting) and opens it', async () => {
  const file = path.join(root, 'case-studies/chat/requirements.md');
  const { actions } = await actionsFor(file, REQ, 'missing-file');
  const fix = actions.find((a) => a.title === 'Create trade-offs.md from its template')!;
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  const target = fileUri(path.join(root, 'case-studies/chat/trade-offs.md'));
  const [create, insert] = fix.edit!.documentChanges!;
  assert.deepEqual(create, { kind: 'create', uri: target, options: { overwrite: false, ignoreIfExists: false } });
  assert.ok('edits' in insert && insert.textDocument.uri === target);
  const text = (insert as { edits: Edit[] }).edits[0].newText;
  assert.match(text, /^# Chat — Trade-offs/);
  assert.equal(parseMarkdown(text).hasContent, false, 'prompts only: no trade-offs about another system');
  assert.deepEqual(fix.command, { title: 'Open', command: Commands.openFile, arguments: [target] });
  await client.close(file);
});

test('missing-file with a client that supports window/showDocument: the server opens the file once the fix created it', async () => {
  const wsRoot = makeTree(caseStudyFiles('chat', { 'requirements.md': REQ, 'high-level-design.md': HLD }));
  const c = new TestLspClient();
  try {
    await c.initialize([wsRoot], {
      window: { showDocument: { support: true } },
      workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
    });
    const file = path.join(wsRoot, 'case-studies/chat/requirements.md');
    await c.open(file, REQ);
    await c.waitFor(() => c.diagnosticsFor(file).some((d) => d.code === 'missing-file'), 'missing-file');
    const diagnostics = c.diagnosticsFor(file).filter((d) => d.code === 'missing-file');
    const actions = await c.request<Action[]>('textDocument/codeAction', {
      textDocument: { uri: fileUri(file) },
      range: diagnostics[0].range,
      context: { diagnostics },
    });
    const fix = actions.find((a) => a.title === 'Create trade-offs.md from its template')!;
    assert.equal(fix.command, undefined, 'no client command to lose between the edit and its execution');
    // The editor applies the edit: the file appears on disk and the watcher reports it.
    const created = path.join(wsRoot, 'case-studies/chat/trade-offs.md');
    require('node:fs').writeFileSync(created, (fix.edit!.documentChanges![1] as { edits: Edit[] }).edits[0].newText);
    await c.filesChanged([{ path: created, type: 1 }]);
    await c.idle();
    await c.waitFor(() => c.shownDocuments.length > 0, 'window/showDocument');
    assert.deepEqual(c.shownDocuments, [{ uri: fileUri(created), takeFocus: true }]);
    // Another file appearing (not offered by a fix) is not opened.
    const other = path.join(wsRoot, 'case-studies/chat/notes.md');
    require('node:fs').writeFileSync(other, '# Notes\n');
    await c.filesChanged([{ path: other, type: 1 }]);
    await c.idle();
    assert.equal(c.shownDocuments.length, 1);
  } finally {
    await c.stop();
    removeTree(wsRoot);
  }
});

test('fix-all (source.fixAll.designNotes) adds every missing section and fills empty ones in one edit', async () => {
  const file = path.join(root, 'case-studies/chat/high-level-design.md');
  const text = '# Chat — HLD\n\n## Key Components\n';
  const { actions } = await actionsFor(file, text, 'missing-section', ['source.fixAll.designNotes']);
  assert.deepEqual(
    actions.map((a) => a.kind),
    ['source.fixAll.designNotes'],
  );
  const result = applyEdits(text, actions[0].edit!.changes![fileUri(file)]);
  const headings = result.split('\n').filter((l) => l.startsWith('#'));
  assert.deepEqual(headings, ['# Chat — HLD', '## Architecture', '## Key Components']);
  assert.equal(result.split('<!-- write here').length - 1, 2, 'one prompt per section');
  await client.change(file, [{ text: result }]);
  await client.waitFor(
    () => !client.diagnosticsFor(file).some((d) => d.code === 'missing-section'),
    'missing-section to clear',
  );
  await client.close(file);
});

test('mermaid-syntax: parentheses in an unquoted label are said in plain words on their line, and "Quote the label" fixes them', async () => {
  const file = path.join(root, 'case-studies/chat/flow.md');
  const text =
    '# Flow\n\n```mermaid\nflowchart LR\n    api[API] --> broker[Message Broker (Kafka)]\n    broker --> worker[Worker]\n```\n';
  const { actions, diagnostics } = await actionsFor(file, text, 'mermaid-syntax');
  assert.equal(diagnostics.length, 1);
  assert.deepEqual(diagnostics[0].range, { start: { line: 4, character: 23 }, end: { line: 4, character: 47 } });
  assert.match(diagnostics[0].message, /^Parentheses inside an unquoted label/);
  const fix = actions.find((a) => a.title === 'Quote the label')!;
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  assert.equal(fix.isPreferred, true);
  const result = applyEdits(text, fix.edit!.changes![fileUri(file)]);
  assert.match(result, /broker\["Message Broker \(Kafka\)"\]\n/);
  await client.change(file, [{ text: result }]);
  await client.waitFor(
    () => !client.diagnosticsFor(file).some((d) => d.code === 'mermaid-syntax'),
    'the diagram to parse',
  );
  await client.close(file);
});

test("mermaid-syntax: '->' gets \"Change '->' to '-->'\"", async () => {
  const file = path.join(root, 'case-studies/chat/arrow.md');
  const text = '# Arrow\n\n```mermaid\nflowchart LR\n  a -> b\n```\n';
  const { actions } = await actionsFor(file, text, 'mermaid-syntax');
  const fix = actions.find((a) => a.title === "Change '->' to '-->'")!;
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  assert.equal(applyEdits(text, fix.edit!.changes![fileUri(file)]), text.replace('a -> b', 'a --> b'));
  await client.close(file);
});

test('no findings under the cursor and no fix-all requested: no actions (cursor moves cost nothing)', async () => {
  const file = path.join(root, 'case-studies/chat/high-level-design.md');
  const text = '# Chat — HLD\n\n## Key Components\n';
  await client.open(file, text);
  await client.idle();
  const actions = await client.request<Action[]>('textDocument/codeAction', {
    textDocument: { uri: fileUri(file) },
    range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
    context: { diagnostics: [] },
  });
  assert.deepEqual(actions, []);
  // The same request with fix-all asked for still fixes the file.
  const fixAll = await client.request<Action[]>('textDocument/codeAction', {
    textDocument: { uri: fileUri(file) },
    range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll.designNotes'] },
  });
  assert.deepEqual(
    fixAll.map((a) => a.kind),
    ['source.fixAll.designNotes'],
  );
  await client.close(file);
});

test("missing-file: a diagnostic's data forged by the client never makes a fix create or edit a file the rule would not", async () => {
  const file = path.join(root, 'case-studies/chat/requirements.md');
  await client.open(file, REQ);
  await client.waitFor(() => client.diagnosticsFor(file).some((d) => d.code === 'missing-file'), 'missing-file');
  const real = client.diagnosticsFor(file).find((d) => d.code === 'missing-file')!;
  const realData = real.data as { caseStudy: string; fileKind: string; suggestedPath: string };
  const expected = fileUri(path.join(root, 'case-studies/chat/trade-offs.md'));
  const outside = path.join(path.dirname(root), `dn-forged-${process.pid}`, 'owned.md');
  const forgedPaths = [
    outside,
    path.join(root, 'case-studies/chat/../../../escaped.md'),
    path.join(root, 'case-studies/chat/notes.md'),
    path.join(root, 'case-studies/other/trade-offs.md'),
    path.join(root, '.vscode/settings.json'),
  ];
  const forged: Diagnostic[] = forgedPaths.flatMap((suggestedPath) => [
    // The real finding's own place and message with other data, and a finding the server never reported.
    { ...real, data: { ...realData, suggestedPath } },
    { ...real, message: `Create ${suggestedPath}`, data: { ...realData, suggestedPath } },
    { ...real, message: `Forged`, data: { ...realData, caseStudy: path.dirname(suggestedPath), suggestedPath } },
  ]);
  const actions = await client.request<Action[]>('textDocument/codeAction', {
    textDocument: { uri: fileUri(file) },
    range: real.range,
    context: { diagnostics: forged },
  });
  const touched = actions.flatMap((a) => [
    ...Object.keys(a.edit?.changes ?? {}),
    ...(a.edit?.documentChanges ?? []).map((c) => ('kind' in c ? c.uri : c.textDocument.uri)),
    ...((a.command?.arguments ?? []) as string[]),
  ]);
  assert.deepEqual([...new Set(touched)], [expected], JSON.stringify(actions, null, 1));
  await client.close(file);
});

test('fix-all runs only the fixes of rules that are on: a rule switched off in .designnotes.json fixes nothing', async () => {
  const wsRoot = makeTree({
    ...caseStudyFiles('chat', { 'requirements.md': REQ, 'high-level-design.md': HLD }),
    '.designnotes.json': JSON.stringify({ rules: { 'missing-section': 'off' } }),
  });
  const c = new TestLspClient();
  try {
    await c.initialize([wsRoot], { workspace: { configuration: true } });
    const file = path.join(wsRoot, 'case-studies/chat/requirements.md');
    // Functional Requirements missing (rule off), Non-Functional empty (empty-section on).
    const text = '# Chat — Requirements\n\n## Non-Functional Requirements\n\n## Notes\n\nWritten.\n';
    await c.open(file, text);
    await c.waitFor(() => c.diagnosticsFor(file).some((d) => d.code === 'empty-section'), 'empty-section');
    assert.ok(!c.diagnosticsFor(file).some((d) => d.code === 'missing-section'));
    const request = (diagnostics: Diagnostic[], only?: string[]) =>
      c.request<Action[]>('textDocument/codeAction', {
        textDocument: { uri: fileUri(file) },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics, ...(only ? { only } : {}) },
      });
    const [fixAll] = await request([], ['source.fixAll.designNotes']);
    assert.ok(fixAll, 'empty-section is on: fix-all fills the empty section');
    const result = applyEdits(text, fixAll.edit!.changes![fileUri(file)]);
    assert.deepEqual(
      result.split('\n').filter((l) => l.startsWith('#')),
      ['# Chat — Requirements', '## Non-Functional Requirements', '## Notes'],
      'no section added for the rule that is off',
    );
    assert.match(result, /## Non-Functional Requirements\n\n<!-- write here/);
    await c.close(file);
  } finally {
    await c.stop();
    removeTree(wsRoot);
  }
});
