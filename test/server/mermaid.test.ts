import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TestLspClient } from '../support/lspClient';
import { makeTree, removeTree } from '../support/tree';

let root: string;
let client: TestLspClient;

before(async () => {
  root = makeTree({ 'notes/diagram.md': '# Diagram\n' });
  client = new TestLspClient();
  await client.initialize([root]);
});

after(async () => {
  await client.stop();
  removeTree(root);
});

test('typing a break into a diagram shows mermaid-syntax at the token; fixing it clears it', async () => {
  const file = path.join(root, 'notes/diagram.md');
  const valid = '# Diagram\n\n- In a list:\n\n  ```mermaid\n  flowchart LR\n    a[API] --> b[(DB)]\n  ```\n';
  await client.open(file, valid);
  await client.idle();
  assert.deepEqual(client.diagnosticsFor(file), []);
  // Type " -->" at the end of the edge line, as an editor would send it.
  await client.change(file, [
    { range: { start: { line: 6, character: 22 }, end: { line: 6, character: 22 } }, text: ' -->' },
  ]);
  await client.waitFor(() => client.diagnosticsFor(file).some((d) => d.code === 'mermaid-syntax'), 'mermaid-syntax');
  const [d] = client.diagnosticsFor(file);
  assert.equal(d.severity, 1);
  assert.equal(d.range.start.line, 6);
  assert.ok(
    d.range.start.character >= 4,
    `points into the edge line in source coordinates: ${JSON.stringify(d.range)}`,
  );
  assert.ok(
    d.relatedInformation?.some((r) => r.message.includes('Parse error')),
    "mermaid's full text in related information",
  );
  await client.change(file, [
    { range: { start: { line: 6, character: 22 }, end: { line: 6, character: 26 } }, text: '' },
  ]);
  await client.waitFor(() => client.diagnosticsFor(file).length === 0, 'the diagnostic to clear');
});

test('an unknown diagram type suggests the closest one and the quick fix replaces it', async () => {
  const file = path.join(root, 'notes/sequence.md');
  const text = '```mermaid\nsequenceDiagarm\n  A->>B: hi\n```\n';
  await client.open(file, text);
  await client.waitFor(() => client.diagnosticsFor(file).some((d) => d.code === 'mermaid-syntax'), 'unknown type');
  const [d] = client.diagnosticsFor(file);
  assert.deepEqual(d.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 15 } });
  assert.match(d.message, /did you mean 'sequenceDiagram'\?/);
  const actions = await client.request<{ title: string; edit: { changes: Record<string, { newText: string }[]> } }[]>(
    'textDocument/codeAction',
    {
      textDocument: { uri: 'file://' + file },
      range: d.range,
      context: { diagnostics: [d] },
    },
  );
  assert.equal(actions[0].title, "Change to 'sequenceDiagram'");
  assert.equal(Object.values(actions[0].edit.changes)[0][0].newText, 'sequenceDiagram');
});

/** Threads of the server process (Linux): a running Mermaid worker is one of them. */
function threadCount(pid: number): number | undefined {
  try {
    return Number(/^Threads:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  } catch {
    return undefined;
  }
}

test(
  'after the idle Mermaid worker stops, a diagram is checked the same by a new one',
  { skip: threadCount(process.pid) === undefined ? 'needs /proc' : false },
  async () => {
    const saved = process.env.DESIGN_NOTES_MERMAID_IDLE_MS;
    process.env.DESIGN_NOTES_MERMAID_IDLE_MS = '200';
    const idleClient = new TestLspClient();
    if (saved === undefined) delete process.env.DESIGN_NOTES_MERMAID_IDLE_MS;
    else process.env.DESIGN_NOTES_MERMAID_IDLE_MS = saved;
    const dir = makeTree({ 'notes/a.md': '# A\n' });
    try {
      await idleClient.initialize([dir]);
      const file = path.join(dir, 'notes/a.md');
      const broken = (label: string) => `# A\n\n\`\`\`mermaid\nflowchart TD\n  ${label} --> end\n\`\`\`\n`;
      await idleClient.open(file, broken('first'));
      await idleClient.waitFor(
        () => idleClient.diagnosticsFor(file).some((d) => d.code === 'mermaid-syntax'),
        'mermaid-syntax',
      );
      const before = idleClient.diagnosticsFor(file);
      const pid = idleClient.process.pid!;
      const busy = threadCount(pid)!;
      // The worker's thread ends once it has been idle for the configured time.
      await idleClient.waitFor(() => threadCount(pid)! < busy, 'the idle worker to stop');
      // A block not seen before needs a new worker; its finding is the same, at the same place.
      await idleClient.change(file, [
        { range: { start: { line: 4, character: 2 }, end: { line: 4, character: 7 } }, text: 'other' },
      ]);
      await idleClient.idle();
      const after = idleClient.diagnosticsFor(file);
      // Mermaid's own text in the details quotes the label; what the user sees first must be identical.
      const seen = (list: typeof before) =>
        list.map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range }));
      assert.ok(before.length > 0);
      assert.deepEqual(seen(after), seen(before));
      assert.ok(threadCount(pid)! >= busy, 'a worker runs again');
    } finally {
      await idleClient.stop();
      removeTree(dir);
    }
  },
);
