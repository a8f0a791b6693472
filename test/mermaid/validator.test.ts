// The worker-backed validator: cache, size caps, time budget with worker replacement, serialised requests,
// disposal, and that an idle worker never keeps the process alive.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { createMermaidValidator } from '../../server/core/node/mermaidValidator';
import { fixtures, readFixture, requireBundle, root } from './support';

const FLOW_OK = 'flowchart TD\n  A --> B\n';
const FLOW_BAD = 'flowchart TD\n  A --> end\n';

/** A valid class diagram mermaid needs tens of seconds for (its database is quadratic in relations). */
function slowClassDiagram(): string {
  const lines = ['classDiagram'];
  for (let i = 1; i < 4900; i++) lines.push(`  C${i} <|-- C${i + 1}`);
  return lines.join('\n');
}

describe('Mermaid worker validator', () => {
  it('fails clearly when the worker bundle is missing', () => {
    assert.throws(() => createMermaidValidator({ workerPath: path.join(root, 'dist', 'nope.mjs') }), /npm run build/);
  });

  it('answers from its cache for unchanged text', async () => {
    const validator = createMermaidValidator({ workerPath: requireBundle() });
    try {
      const first = await validator.validate(FLOW_BAD);
      assert.equal(first.length, 1);
      assert.equal(await validator.validate(FLOW_BAD), first, 'same result object: not parsed again');
      assert.notEqual(await validator.validate(FLOW_BAD + ' '), first);
    } finally {
      validator.dispose();
    }
  });

  it('does not parse blocks over the size caps', async () => {
    const validator = createMermaidValidator({ workerPath: requireBundle(), maxChars: 100, maxLines: 5 });
    try {
      const long = `%% note\nflowchart TD\n  ${'A'.repeat(120)} --> B\n`;
      const [byChars] = await validator.validate(long);
      assert.equal(byChars.kind, 'too-large');
      assert.deepEqual(byChars.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 12 } });
      assert.match(byChars.message, /^Diagram not checked: it is larger than the limit \(100 characters \/ 5 lines\)$/);
      const [byLines] = await validator.validate('flowchart TD\n' + 'A --> B\n'.repeat(5));
      assert.equal(byLines.kind, 'too-large');
      assert.deepEqual(await validator.validate(FLOW_OK), []);
    } finally {
      validator.dispose();
    }
  });

  it('gives up on a block over the time budget, replaces the worker and goes on', async () => {
    const validator = createMermaidValidator({ workerPath: requireBundle(), timeoutMs: 1000 });
    try {
      const slow = validator.validate(slowClassDiagram());
      const next = validator.validate(FLOW_BAD);
      const [timeout, ...rest] = await slow;
      assert.equal(rest.length, 0);
      assert.equal(timeout.kind, 'timeout');
      assert.equal(timeout.message, 'Diagram not checked: Mermaid took longer than 1000 ms to parse it');
      assert.deepEqual(timeout.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 12 } });
      // The queued block is parsed by a fresh worker.
      assert.deepEqual(
        (await next).map((p) => p.message),
        ["'end' is a reserved word in flowcharts and cannot be a node id: write 'End' or another name."],
      );
    } finally {
      validator.dispose();
    }
  });

  it('serialises concurrent requests and keeps each answer with its block', async () => {
    const validator = createMermaidValidator({ workerPath: requireBundle() });
    try {
      const texts = Array.from({ length: 12 }, (_, i) =>
        i % 3 === 0 ? `flowchart TD\n  N${i} --> end\n` : `pie title P${i}\n  "a" : ${i}\n`,
      );
      const results = await Promise.all(texts.map((t) => validator.validate(t)));
      assert.deepEqual(
        results.map((r) => r.length),
        texts.map((_, i) => (i % 3 === 0 ? 1 : 0)),
      );
    } finally {
      validator.dispose();
    }
  });

  it('rejects pending requests on dispose and works again afterwards', async () => {
    const validator = createMermaidValidator({ workerPath: requireBundle() });
    const pending = validator.validate(slowClassDiagram());
    validator.dispose();
    await assert.rejects(pending, /disposed/);
    try {
      assert.deepEqual(await validator.validate(FLOW_OK), []);
    } finally {
      validator.dispose();
    }
  });

  it('fails the request when the worker cannot start, without respawning it in a loop', async () => {
    const validator = createMermaidValidator({ workerPath: path.join(fixtures, 'failingStartWorker.mjs') });
    try {
      await assert.rejects(
        Promise.all([validator.validate(FLOW_OK), validator.validate(FLOW_BAD)]),
        /worker crashed: cannot start/,
      );
    } finally {
      validator.dispose();
    }
  });

  it('fails only the block being parsed when the worker dies, then carries on with a new one', async () => {
    const validator = createMermaidValidator({ workerPath: path.join(fixtures, 'crashingWorker.mjs') });
    try {
      const first = validator.validate(FLOW_OK);
      const second = validator.validate(FLOW_BAD);
      await assert.rejects(first, /exited unexpectedly \(code 3\)/);
      await assert.rejects(second, /exited unexpectedly \(code 3\)/);
    } finally {
      validator.dispose();
    }
  });

  it("does not depend on built-ins newer than Node 20 (VS Code's extension host)", () => {
    // Object.groupBy (Node 21+) is what mermaid's usecase parser needs; remove it as Node 20 lacks it.
    const script = `delete Object.groupBy;
      const m = await import(${JSON.stringify(pathToFileURL(requireBundle()).href)});
      const problems = await m.validateBlock(${JSON.stringify(readFixture('types', 'usecase.valid.mmd'))});
      process.stdout.write(JSON.stringify(problems));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(child.status, 0, child.stderr);
    assert.equal(child.stdout, '[]');
  });

  it('never keeps the process alive once idle', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(fixtures, 'noHang.ts'), requireBundle()], {
      cwd: root,
      encoding: 'utf8',
      // Only a guard against a hang making the suite wait forever; a healthy run exits on its own in about a second.
      timeout: 60_000,
    });
    assert.equal(child.signal, null, 'child exited by itself');
    assert.equal(child.status, 0, child.stderr);
    assert.equal(
      child.stdout,
      JSON.stringify(["'end' is a reserved word in flowcharts and cannot be a node id: write 'End' or another name."]),
    );
  });
});
