// The worker's fast parse path must give mermaid's own verdicts. Two parts can differ from mermaid: the config
// copy swapped in during parsing, and skipping the per-call config reset. Both are checked here against the
// untouched code of the same bundle.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { parseMarkdown } from '../../server/core/markdown';
import { fixtures, loadWorkerModule, markdownFiles, root, type WorkerModule } from './support';

/** Compares two copies: same keys in the same order, same values, and the same sharing of deep objects. */
function assertSameCopy(actual: unknown, expected: unknown, where = '$'): void {
  if (typeof expected !== 'object' || expected === null) {
    assert.equal(actual, expected, where);
    return;
  }
  assert.equal(Array.isArray(actual), Array.isArray(expected), `${where}: array-ness`);
  assert.equal(Object.getPrototypeOf(actual), Object.getPrototypeOf(expected), `${where}: prototype`);
  assert.deepEqual(Object.keys(actual as object), Object.keys(expected), `${where}: keys`);
  for (const key of Object.keys(expected)) {
    const a: unknown = (actual as Record<string, unknown>)[key];
    const e: unknown = (expected as Record<string, unknown>)[key];
    if (typeof e === 'object' && e !== null) {
      // Either both shared with the source (same object) or both fresh copies.
      assertSameCopy(a, e, `${where}.${key}`);
    } else {
      assert.equal(a, e, `${where}.${key}`);
    }
  }
}

const configLike = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(fc.oneof(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 3 })), { maxLength: 5 }),
    tie('object'),
  ),
  object: fc.dictionary(fc.oneof(fc.string({ maxLength: 4 }), fc.constant('__proto__')), tie('value'), { maxKeys: 5 }),
}));

describe('mermaid worker fast path', () => {
  let mermaid: WorkerModule;
  before(async () => {
    mermaid = await loadWorkerModule();
  });

  it("fastConfigCopy and compiledConfigCopy build exactly what mermaid's own config copy builds", () => {
    const shared = { deep: { deeper: 1 } };
    const sample = {
      theme: 'default',
      fn: () => 1,
      gone: null,
      list: ['a', 'b', 'a'],
      flowchart: { curve: 'basis', nested: { level2: { level3: shared } }, arr: [1, 1, 2], nil: null },
    };
    const fast = mermaid.fastConfigCopy(sample);
    assertSameCopy(fast, mermaid.mermaidConfigCopy(sample));
    assertSameCopy(mermaid.compiledConfigCopy(sample), mermaid.mermaidConfigCopy(sample));
    // Compiled once per object, then reused: values are read at call time.
    sample.theme = 'dark';
    assertSameCopy(mermaid.compiledConfigCopy(sample), mermaid.mermaidConfigCopy(sample));
    // The deepest objects stay shared, as in mermaid.
    assert.equal((fast as typeof sample).flowchart.nested.level2.level3, shared);
    fc.assert(
      fc.property(configLike.object, (config) => {
        const expected = mermaid.mermaidConfigCopy(config);
        assertSameCopy(mermaid.fastConfigCopy(config), expected);
        assertSameCopy(mermaid.compiledConfigCopy(config), expected);
        assertSameCopy(mermaid.compiledConfigCopy(config), expected);
      }),
      { numRuns: 300 },
    );
  });

  it("gives mermaid.parse's verdict on every fixture and on broken variants of real diagrams", async () => {
    const texts: string[] = [];
    for (const name of readdirSync(path.join(fixtures, 'types')))
      texts.push(readFileSync(path.join(fixtures, 'types', name), 'utf8'));
    const corpus = path.resolve(root, '..', 'shared', 'corpus');
    if (existsSync(corpus)) {
      for (const file of markdownFiles(corpus)) {
        for (const fence of parseMarkdown(readFileSync(file, 'utf8')).fences)
          if (fence.lang === 'mermaid') texts.push(fence.content);
      }
    }
    // Deterministic damage: drop a character, duplicate a line, add a config directive or front matter.
    const variants: string[] = [];
    for (const text of texts) {
      variants.push(text);
      for (let at = 3; at < text.length; at += Math.max(7, Math.floor(text.length / 4)))
        variants.push(text.slice(0, at) + text.slice(at + 1));
      const lines = text.split('\n');
      if (lines.length > 2) variants.push([...lines.slice(0, 2), lines[1], ...lines.slice(2)].join('\n'));
      variants.push(`%%{init: {"theme": "dark", "flowchart": {"curve": "linear"}}}%%\n${text}`);
      if (!text.startsWith('---')) variants.push(`---\ntitle: T\nconfig:\n  look: handDrawn\n---\n${text}`);
    }
    const disagreements: string[] = [];
    let rejected = 0;
    for (const text of variants) {
      const reference = await mermaid.referenceParse(text);
      const problems = await mermaid.validateBlock(text);
      if (!reference.ok) rejected++;
      if ((problems.length === 0) !== reference.ok) disagreements.push(JSON.stringify(text.slice(0, 200)));
      // Every problem stays inside the block.
      const lines = text.split(/\r\n|\r|\n/);
      for (const p of problems) {
        for (const pos of [p.range.start, p.range.end]) {
          assert.ok(pos.line >= 0 && pos.line < lines.length, `line inside the block: ${JSON.stringify(p)}`);
          assert.ok(
            pos.character >= 0 && pos.character <= lines[pos.line].length,
            `character inside the line: ${JSON.stringify(p)}`,
          );
        }
        assert.ok(p.message.length > 0 && p.message.length <= 200, `short message: ${p.message}`);
      }
    }
    assert.ok(rejected > 10 && rejected < variants.length, 'the variants mix valid and invalid diagrams');
    assert.deepEqual(disagreements, []);
  });
});
