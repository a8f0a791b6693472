// The pool of Mermaid workers gives the same verdicts as one worker taking one block at a time (the validator
// before the pool): on every sample of the Mermaid test set, on every block of the shared corpus, and through the
// CLI on the shared corpus. It starts extra workers only for enough work, and an idle stop is invisible.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lintPaths } from '../../server/cli/lint';
import { parseMarkdown } from '../../server/core/markdown';
import type { MermaidProblem } from '../../server/core/rule';
import {
  createMermaidValidator,
  nodeWorkerFactory,
  type DisposableMermaidValidator,
} from '../../server/core/node/mermaidValidator';
import type { MermaidWorkerFactory } from '../../server/core/mermaid/validatorPool';
import { fixtures, markdownFiles, readFixture, requireBundle, root } from './support';

const corpus = path.resolve(root, '..', 'shared', 'corpus');

/** One worker, one block at a time: how the validator worked before the pool. */
const single = () =>
  createMermaidValidator({ workerPath: requireBundle(), maxWorkers: 1, pipelineDepth: 1, timeoutMs: 20_000 });
/** Three workers from the third pending block on, four blocks sent ahead to each. */
const pooled = () =>
  createMermaidValidator({
    workerPath: requireBundle(),
    maxWorkers: 3,
    blocksPerWorker: 2,
    pipelineDepth: 4,
    timeoutMs: 20_000,
  });

/** A factory that counts the workers it starts (real worker threads). */
function counting(): { factory: MermaidWorkerFactory; started: () => number } {
  const real = nodeWorkerFactory(requireBundle());
  let started = 0;
  return { factory: (events) => (started++, real(events)), started: () => started };
}

function testSet(): string[] {
  const dir = path.join(fixtures, 'types');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.mmd'))
    .sort()
    .map((f) => readFixture('types', f));
}

function corpusBlocks(): string[] {
  return markdownFiles(corpus).flatMap((file) =>
    parseMarkdown(readFileSync(file, 'utf8'))
      .fences.filter((fence) => fence.lang === 'mermaid')
      .map((fence) => fence.content),
  );
}

async function verdicts(validator: DisposableMermaidValidator, texts: string[]): Promise<MermaidProblem[][]> {
  try {
    // All at once, as the CLI submits them: the pool spreads them over its workers.
    return await Promise.all(texts.map((t) => validator.validate(t)));
  } finally {
    validator.dispose();
  }
}

describe('Mermaid validator pool', () => {
  it('gives the same verdicts as one worker on the Mermaid test set', async () => {
    const texts = testSet();
    assert.ok(texts.length > 40, 'the test set has samples of every diagram type');
    const { factory, started } = counting();
    const pool = createMermaidValidator({
      workerPath: requireBundle(),
      createWorker: factory,
      maxWorkers: 3,
      blocksPerWorker: 2,
      pipelineDepth: 4,
      timeoutMs: 20_000,
    });
    const [one, many] = [await verdicts(single(), texts), await verdicts(pool, texts)];
    assert.ok(started() > 1, `the pool ran several workers (${started()})`);
    assert.deepEqual(many, one);
    assert.ok(
      one.some((p) => p.length > 0) && one.some((p) => p.length === 0),
      'the set has valid and broken diagrams',
    );
  });

  it(
    'gives the same verdicts as one worker on every block of the shared corpus',
    { skip: existsSync(corpus) ? false : `no corpus at ${corpus}` },
    async () => {
      const texts = corpusBlocks();
      assert.ok(texts.length > 20, `the corpus has diagrams (${texts.length})`);
      assert.deepEqual(await verdicts(pooled(), texts), await verdicts(single(), texts));
    },
  );

  it(
    'gives the same CLI findings with one worker and with the pool on the shared corpus',
    { skip: existsSync(corpus) ? false : `no corpus at ${corpus}` },
    async () => {
      const lint = async (validator: DisposableMermaidValidator) => {
        try {
          return (await lintPaths([corpus], root, { mermaid: validator })).findings;
        } finally {
          validator.dispose();
        }
      };
      const one = await lint(single());
      const many = await lint(pooled());
      assert.ok(one.length > 0, 'the corpus has findings');
      assert.deepEqual(many, one);
    },
  );

  it('starts no second worker for ten diagrams', async () => {
    const { factory, started } = counting();
    const validator = createMermaidValidator({ workerPath: requireBundle(), createWorker: factory, maxWorkers: 4 });
    const texts = Array.from({ length: 10 }, (_, i) => `flowchart TD\n  A${i} --> B${i}\n`);
    const results = await verdicts(validator, texts);
    assert.deepEqual(
      results,
      texts.map(() => []),
    );
    assert.equal(started(), 1);
  });

  it('stops an idle worker and answers the same after starting a new one', async () => {
    const { factory, started } = counting();
    const validator = createMermaidValidator({ workerPath: requireBundle(), createWorker: factory, idleStopMs: 50 });
    try {
      const broken = 'flowchart TD\n  A --> end\n';
      const before = await validator.validate(broken);
      assert.equal(before.length, 1);
      while (validator.workerCount > 0) await new Promise((r) => setTimeout(r, 20));
      assert.equal(
        await validator.validate(broken),
        before,
        'a block seen before is answered from the cache, no worker needed',
      );
      assert.equal(validator.workerCount, 0);
      // A block with the same verdict, new to the cache: a new worker parses it.
      const after = await validator.validate(broken + '\n');
      assert.equal(started(), 2, 'a new worker was started on demand');
      assert.deepEqual(after, before);
      assert.deepEqual(await validator.validate('pie title P\n  "a" : 1\n'), []);
    } finally {
      validator.dispose();
    }
  });
});
