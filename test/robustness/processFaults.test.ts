// Process faults outside VS Code: a server killed mid-session (SIGKILL, no shutdown) leaves nothing a fresh server
// needs; the fresh server on the same workspace re-publishes every diagnostic at start, including what changed on
// disk while no server ran. (VS Code's own restart of the client is an e2e concern: test/e2e.) The CLI is killed
// mid-run and a rerun gives the same answer. A runaway Mermaid parse is cut off by its time budget: covered in
// test/mermaid/validator.test.ts; here, a runaway block inside a real check leaves the other diagrams checked.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { TestLspClient, type Diagnostic } from '../support/lspClient';
import { caseStudyFiles, CLEAN_CASE_STUDY, makeTree, removeTree } from '../support/tree';
import { createMermaidValidator } from '../../server/core/node/mermaidValidator';
import { Linter } from '../../server/core/engine';
import { DEFAULT_CONFIG } from '../../server/core/config';
import { nodeFileSystem } from '../../server/core/node';
import { REPO, within } from './support';

const { 'trade-offs.md': _tradeOffs, ...withoutTradeOffs } = CLEAN_CASE_STUDY;
let root: string;

before(() => {
  root = makeTree({
    ...caseStudyFiles('orders', {
      ...CLEAN_CASE_STUDY,
      'requirements.md': CLEAN_CASE_STUDY['requirements.md'] + '\n- TODO 2 regions.\n',
    }),
    ...caseStudyFiles('search', withoutTradeOffs),
    ...caseStudyFiles('billing', {
      ...CLEAN_CASE_STUDY,
      'trade-offs.md': CLEAN_CASE_STUDY['trade-offs.md'] + '\n## Caching\n\nWe cache invoices. TBD\n',
    }),
  });
});
after(() => {
  if (root) removeTree(root);
});

const simplify = (all: Map<string, Diagnostic[]>) =>
  [...all]
    .filter(([, d]) => d.length)
    .map(
      ([uri, d]) =>
        [uri, d.map((x) => `${x.code}@${x.range.start.line}:${x.range.start.character} ${x.message}`).sort()] as const,
    )
    .sort();

test(
  'a server killed mid-session is replaced by a fresh one that re-publishes everything, including disk changes made meanwhile',
  { timeout: 120_000 },
  async () => {
    const first = new TestLspClient();
    await first.initialize([root]);
    const req = path.join(root, 'case-studies/orders/requirements.md');
    await first.waitFor(
      () => first.diagnosticsFor(req).some((d) => d.code === 'placeholder'),
      'the first server to publish',
    );
    await first.idle();
    // Mid-session: a document open with unsaved edits, then the process dies without shutdown/exit.
    await first.open(req, CLEAN_CASE_STUDY['requirements.md'] + '\n- TBD\n');
    await first.idle();
    const before = simplify(first.diagnostics);
    first.process.kill('SIGKILL');
    await new Promise<void>((resolve) =>
      first.process.exitCode !== null || first.process.signalCode !== null
        ? resolve()
        : first.process.once('exit', () => resolve()),
    );
    first.connection.dispose();

    // While no server runs, the missing trade-offs file of "search" is created on disk.
    writeFileSync(path.join(root, 'case-studies/search/trade-offs.md'), CLEAN_CASE_STUDY['trade-offs.md']);

    const second = new TestLspClient();
    try {
      await second.initialize([root]);
      await within(60_000, 'the fresh server to become idle', () =>
        second.waitFor(() => second.diagnosticsFor(req).length > 0, 'diagnostics from the fresh server', 60_000),
      );
      await second.idle();
      // The unsaved edit died with the first server's client; the fresh server reports the file as on disk.
      assert.ok(second.diagnosticsFor(req).some((d) => d.code === 'placeholder' && /TODO/.test(d.message)));
      assert.equal(
        second
          .diagnosticsFor(path.join(root, 'case-studies/search/high-level-design.md'))
          .filter((d) => d.code === 'missing-file').length,
        0,
        'the file created meanwhile counts',
      );
      // Apart from those two differences the fresh server publishes the same set as before the kill.
      const after = simplify(second.diagnostics);
      const unchanged = (list: ReturnType<typeof simplify>) =>
        list.filter(([uri]) => !uri.includes('/orders/requirements.md') && !uri.includes('/search/'));
      assert.deepEqual(unchanged(after), unchanged(before));
      assert.ok(unchanged(after).length > 0);
      // The client re-opens the document (as VS Code does after a restart): the unsaved text is checked again.
      await second.open(req, CLEAN_CASE_STUDY['requirements.md'] + '\n- TBD\n');
      await second.idle();
      assert.ok(second.diagnosticsFor(req).some((d) => d.code === 'placeholder' && /TBD/.test(d.message)));
    } finally {
      await second.stop();
    }
  },
);

test(
  'the server exits when its client goes away (stdin closed), instead of lingering',
  { timeout: 30_000 },
  async () => {
    const client = new TestLspClient();
    await client.initialize([root]);
    await client.idle();
    const exited = new Promise<number | null>((resolve) => client.process.once('exit', (code) => resolve(code)));
    client.process.stdin!.end();
    await within(20_000, 'the orphaned server to exit', () => exited);
    client.connection.dispose();
  },
);

test(
  'the CLI killed mid-run leaves nothing behind: a rerun gives the complete answer',
  { timeout: 60_000 },
  async () => {
    const cli = path.join(REPO, 'dist/cli.js');
    const child = spawn(process.execPath, [cli, 'lint', root, '--format', 'json'], { stdio: 'ignore' });
    setTimeout(() => child.kill('SIGKILL'), 50);
    await new Promise((resolve) => child.once('exit', resolve));
    const run = spawnSync(process.execPath, [cli, 'lint', root, '--format', 'json'], {
      encoding: 'utf8',
      timeout: 50_000,
    });
    assert.equal(run.status, 0, run.stderr);
    const findings = (JSON.parse(run.stdout) as { findings: { path: string; ruleId: string }[] }).findings;
    assert.ok(findings.some((f) => f.ruleId === 'placeholder' && f.path.endsWith('orders/requirements.md')));
  },
);

test(
  "a runaway Mermaid block is cut off by the time budget inside a real check; the file's other diagrams are still checked",
  { timeout: 120_000 },
  async () => {
    // mermaid's class-diagram database is quadratic in relations: this valid diagram takes tens of seconds to parse.
    const slow = ['classDiagram', ...Array.from({ length: 4900 }, (_, i) => `  C${i} <|-- C${i + 1}`)].join('\n');
    const validator = createMermaidValidator({
      workerPath: path.join(REPO, 'dist/mermaidWorker.mjs'),
      timeoutMs: 1000,
    });
    try {
      const linter = new Linter({ fs: nodeFileSystem, services: { mermaid: validator } });
      const text = `# Design\n\n\`\`\`mermaid\n${slow}\n\`\`\`\n\n\`\`\`mermaid\nflowchart TD\n  A --> end\n\`\`\`\n`;
      const findings = await within(60_000, 'the check with a runaway diagram', () =>
        linter.lintFile(linter.parse(path.join(root, 'notes.md'), text), DEFAULT_CONFIG),
      );
      const mermaid = findings.filter((f) => f.ruleId === 'mermaid-syntax');
      assert.equal(mermaid.length, 2, JSON.stringify(mermaid));
      assert.match(mermaid[0].message, /^Diagram not checked: Mermaid took longer than 1000 ms/);
      assert.equal(mermaid[0].severity, 'info');
      assert.equal(mermaid[1].severity, 'error', 'the broken diagram after the runaway one is still found');
    } finally {
      validator.dispose();
    }
  },
);
