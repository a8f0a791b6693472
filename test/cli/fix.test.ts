// `design-notes lint --fix` / `--fix-dry-run`: the same text as the editor's quick fixes (asked of the real server
// over LSP), idempotent, never overwriting, never changing what the user wrote.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
  mkdtempSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TestLspClient, fileUri, type Diagnostic } from '../support/lspClient';
import { applyEdits, type Edit } from '../support/applyEdits';
import { caseStudyFiles, makeTree, removeTree } from '../support/tree';
import { runCli } from '../support/cli';
import { writeChanges } from '../../server/cli/fix';

const REQ =
  '# Chat — Requirements\n\nWritten by me.\n\n## Non-Functional Requirements\n\n- 99.9% monthly availability.\n';
const HLD =
  '# Chat — HLD\n\n## Architecture\n\nMy own words.\n\n```mermaid\nflowchrt LR\n  client --> api\n```\n\n## Data Flow\n\nThe client calls the API.\n';

const run = runCli;

/** Every file under a folder with its text, to see what a command changed. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else if (e.isFile()) out[path.relative(root, abs)] = readFileSync(abs, 'utf8');
    }
  };
  walk(root);
  return out;
}

const tree = () => makeTree(caseStudyFiles('chat', { 'requirements.md': REQ, 'high-level-design.md': HLD }));

interface Action {
  title: string;
  isPreferred?: boolean;
  edit?: {
    changes?: Record<string, Edit[]>;
    documentChanges?: ({ kind: 'create'; uri: string } | { textDocument: { uri: string }; edits: Edit[] })[];
  };
}

let client: TestLspClient;
let editorRoot: string;

before(async () => {
  editorRoot = tree();
  client = new TestLspClient();
  await client.initialize([editorRoot], {
    workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
  });
});

after(async () => {
  await client.stop();
  removeTree(editorRoot);
});

/**
 * What the editor makes of a file: each fixable finding's preferred quick fix, asked of the server one diagnostic at
 * a time (as the lightbulb does), all applied to the file together; and the files its create-file fixes create.
 */
async function editorFixes(
  file: string,
  text: string,
  codes: string[],
): Promise<{ text: string; created: Map<string, string> }> {
  await client.open(file, text);
  await client.waitFor(() => client.diagnosticsFor(file).some((d) => codes.includes(String(d.code))), codes.join('/'));
  const diagnostics: Diagnostic[] = client.diagnosticsFor(file).filter((d) => codes.includes(String(d.code)));
  const edits: Edit[] = [];
  const created = new Map<string, string>();
  for (const d of diagnostics) {
    const actions = await client.request<Action[]>('textDocument/codeAction', {
      textDocument: { uri: fileUri(file) },
      range: d.range,
      context: { diagnostics: [d] },
    });
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, `no preferred fix for ${d.code}: ${JSON.stringify(actions.map((a) => a.title))}`);
    if (fix.edit?.changes) edits.push(...fix.edit.changes[fileUri(file)]);
    for (const c of fix.edit?.documentChanges ?? [])
      if ('textDocument' in c) created.set(c.textDocument.uri, c.edits.map((e) => e.newText).join(''));
  }
  await client.close(file);
  return { text: applyEdits(text, edits), created };
}

test('--fix writes what the editor quick fixes write: sections, the missing file, the diagram type', async () => {
  const root = tree();
  try {
    const r = run(['lint', '--fix'], root);
    assert.match(r.stderr, /fixed: case-studies\/chat\/trade-offs\.md \(Create trade-offs\.md from its template\)/);
    const req = path.join(editorRoot, 'case-studies/chat/requirements.md');
    const hld = path.join(editorRoot, 'case-studies/chat/high-level-design.md');
    const reqEditor = await editorFixes(req, REQ, ['missing-section', 'missing-file']);
    const hldEditor = await editorFixes(hld, HLD, ['missing-section', 'mermaid-syntax']);
    const after = snapshot(root);
    assert.equal(after['case-studies/chat/requirements.md'], reqEditor.text);
    assert.equal(after['case-studies/chat/high-level-design.md'], hldEditor.text);
    assert.match(hldEditor.text, /^flowchart LR$/m);
    assert.match(hldEditor.text, /^## Key Components$/m);
    assert.equal(
      after['case-studies/chat/trade-offs.md'],
      reqEditor.created.get(fileUri(path.join(editorRoot, 'case-studies/chat/trade-offs.md'))),
    );
    // The user's own lines are all still there, in order (only the misspelt type word was replaced).
    for (const [name, original] of [
      ['requirements.md', REQ],
      ['high-level-design.md', HLD.replace('flowchrt', 'flowchart')],
    ]) {
      const fixed = after[`case-studies/chat/${name}`].split('\n');
      let at = 0;
      for (const line of original.split('\n')) {
        at = fixed.indexOf(line, at);
        assert.ok(at >= 0, `"${line}" of ${name} is gone`);
        at++;
      }
    }
    // What is left are findings no fix can settle without judgement; the exit code says so.
    assert.doesNotMatch(r.stdout, /missing-section|missing-file|Unknown diagram type/);
  } finally {
    removeTree(root);
  }
});

test('--fix is idempotent: a second run changes nothing and the dry run has nothing to show', () => {
  const root = tree();
  try {
    run(['lint', '--fix'], root);
    const once = snapshot(root);
    const again = run(['lint', '--fix'], root);
    assert.doesNotMatch(again.stderr, /fixed:/);
    assert.deepEqual(snapshot(root), once);
    const dry = run(['lint', '--fix-dry-run'], root);
    assert.equal(dry.stdout, '');
    assert.match(dry.stderr, /Nothing to fix/);
  } finally {
    removeTree(root);
  }
});

test('--fix-dry-run prints a unified diff of exactly what --fix writes, and writes nothing', () => {
  const root = tree();
  try {
    const before = snapshot(root);
    const dry = run(['lint', '--fix-dry-run'], root);
    assert.equal(dry.code, 0);
    assert.deepEqual(snapshot(root), before);
    assert.match(
      dry.stdout,
      /^--- a\/case-studies\/chat\/high-level-design\.md\n\+\+\+ b\/case-studies\/chat\/high-level-design\.md\n@@ /m,
    );
    assert.match(dry.stdout, /^-flowchrt LR\n\+flowchart LR$/m);
    assert.match(dry.stdout, /^--- \/dev\/null\n\+\+\+ b\/case-studies\/chat\/trade-offs\.md$/m);
    // Applying the diff's added lines gives the files --fix writes: compare the + lines of the new file.
    run(['lint', '--fix'], root);
    const created = readFileSync(path.join(root, 'case-studies/chat/trade-offs.md'), 'utf8');
    const section = dry.stdout.slice(dry.stdout.indexOf('+++ b/case-studies/chat/trade-offs.md'));
    const added = section
      .split('\n')
      .filter((l) => l.startsWith('+') && !l.startsWith('+++'))
      .map((l) => l.slice(1));
    assert.equal(added.slice(0, created.split('\n').length - 1).join('\n') + '\n', created);
  } finally {
    removeTree(root);
  }
});

test("--fix-dry-run quotes the user's lines inert: escape sequences are shown, tabs and line breaks kept", () => {
  const hld =
    '# Chat — HLD\n\n## Architecture\n\nMine \u001b[2J\u001b]0;owned\u0007 here.\n\n```mermaid\nflowchrt LR\n\tclient --> api\n```\n\n## Data Flow\n\nThe client calls the API.\n';
  const root = makeTree(caseStudyFiles('chat', { 'requirements.md': REQ, 'high-level-design.md': hld }));
  try {
    const dry = run(['lint', '--fix-dry-run'], root);
    assert.equal(dry.code, 0);
    assert.doesNotMatch(
      dry.stdout,
      /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/,
      'no control character but tab and newline reaches the terminal',
    );
    assert.match(dry.stdout, /^ Mine \\x1b\[2J\\x1b\]0;owned\\x07 here\.$/m);
    assert.match(dry.stdout, /^ \tclient --> api$/m);
    assert.match(dry.stdout, /^\+flowchart LR$/m);
  } finally {
    removeTree(root);
  }
});

test('a case study begun with one stub file gets every missing file and section in one run', () => {
  const root = makeTree({ 'case-studies/search/requirements.md': '# Search\n\nIdeas so far.\n' });
  try {
    run(['lint', '--fix'], root);
    for (const f of ['requirements.md', 'high-level-design.md', 'trade-offs.md'])
      assert.ok(existsSync(path.join(root, 'case-studies/search', f)), f);
    const req = readFileSync(path.join(root, 'case-studies/search/requirements.md'), 'utf8');
    assert.ok(req.startsWith('# Search\n\nIdeas so far.\n'), req);
    assert.match(req, /^## Functional Requirements$/m);
    assert.match(req, /^## Non-Functional Requirements$/m);
    assert.doesNotMatch(run(['lint', '--fix'], root).stderr, /fixed:/);
  } finally {
    removeTree(root);
  }
});

test('never overwrites: a file that appeared, or changed, after the fixes were computed is left alone', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dn-fix-'));
  try {
    const appeared = path.join(dir, 'trade-offs.md');
    const changed = path.join(dir, 'requirements.md');
    writeFileSync(appeared, 'mine\n');
    writeFileSync(changed, 'edited meanwhile\n');
    const { written, notes } = writeChanges(
      [
        { path: appeared, after: 'template\n', titles: [] },
        { path: changed, before: 'original\n', after: 'original\n\n## Added\n', titles: [] },
      ],
      dir,
    );
    assert.deepEqual(written, []);
    assert.equal(readFileSync(appeared, 'utf8'), 'mine\n');
    assert.equal(readFileSync(changed, 'utf8'), 'edited meanwhile\n');
    assert.deepEqual(notes, [
      'trade-offs.md appeared while fixing; not overwritten.',
      'requirements.md changed while it was being fixed; left as it is.',
    ]);
  } finally {
    removeTree(dir);
  }
});

test('a case-study file that is a link to a file outside the workspace is not written through', () => {
  const outside = makeTree({
    'elsewhere.md': '# Elsewhere\n\n## Non-Functional Requirements\n\n- 99.9% availability.\n',
  });
  const root = makeTree(
    caseStudyFiles('chat', {
      'high-level-design.md': HLD,
      'trade-offs.md': '# T\n\n## Cache\n\nRedis over Memcached: richer types.\n',
    }),
  );
  try {
    symlinkSync(path.join(outside, 'elsewhere.md'), path.join(root, 'case-studies/chat/requirements.md'));
    const before = readFileSync(path.join(outside, 'elsewhere.md'), 'utf8');
    const mtime = statSync(path.join(outside, 'elsewhere.md')).mtimeMs;
    const r = run(['lint', '--fix'], root);
    // A link leading out of the workspace is not followed (docs/reliability.md), so the part counts as missing and the
    // fix would create requirements.md: the finding stays, and nothing is written through the link.
    assert.match(r.stdout, /error missing-file Case study 'chat' has no requirements\.md/);
    assert.ok(lstatSync(path.join(root, 'case-studies/chat/requirements.md')).isSymbolicLink());
    assert.equal(readFileSync(path.join(outside, 'elsewhere.md'), 'utf8'), before);
    assert.equal(statSync(path.join(outside, 'elsewhere.md')).mtimeMs, mtime);
  } finally {
    removeTree(root);
    removeTree(outside);
  }
});

test('a rule switched off in .designnotes.json fixes nothing: no file created, no section added', () => {
  const root = makeTree({
    'case-studies/search/requirements.md': '# Search\n\nIdeas so far.\n',
    '.designnotes.json': JSON.stringify({ rules: { 'missing-file': 'off', 'missing-section': 'off' } }),
  });
  try {
    const before = snapshot(root);
    run(['lint', '--fix'], root);
    assert.deepEqual(snapshot(root), before);
  } finally {
    removeTree(root);
  }
});
