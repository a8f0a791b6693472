// No false positives and no misses on real documents: for every ```mermaid block of the shared corpus, the
// validator's verdict equals mermaid's own (the public `mermaid.parse`, from the same bundle, untouched).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseMarkdown } from '../../server/core/markdown';
import { createMermaidValidator, type DisposableMermaidValidator } from '../../server/core/node/mermaidValidator';
import { loadWorkerModule, markdownFiles, requireBundle, root, type WorkerModule } from './support';

const corpus = path.resolve(root, '..', 'shared', 'corpus');

interface Block {
  file: string;
  line: number;
  text: string;
}

function corpusBlocks(): Block[] {
  const blocks: Block[] = [];
  for (const file of markdownFiles(corpus)) {
    const doc = parseMarkdown(readFileSync(file, 'utf8'));
    for (const fence of doc.fences) {
      if (fence.lang === 'mermaid')
        blocks.push({ file: path.relative(corpus, file), line: fence.openLine + 1, text: fence.content });
    }
  }
  return blocks;
}

describe('mermaid-syntax on the shared corpus', { skip: existsSync(corpus) ? false : `no corpus at ${corpus}` }, () => {
  let validator: DisposableMermaidValidator;
  let mermaid: WorkerModule;
  before(async () => {
    validator = createMermaidValidator({ workerPath: requireBundle() });
    mermaid = await loadWorkerModule();
  });
  after(() => validator.dispose());

  it('agrees with mermaid.parse on every block', async (t) => {
    const blocks = corpusBlocks();
    assert.ok(blocks.length > 0, 'the corpus has mermaid blocks');
    const disagreements: string[] = [];
    const rejected: string[] = [];
    for (const block of blocks) {
      const reference = await mermaid.referenceParse(block.text);
      const problems = await validator.validate(block.text);
      if (reference.ok !== (problems.length === 0)) {
        disagreements.push(
          `${block.file}:${block.line}: mermaid ${reference.ok ? 'accepts' : 'rejects'}, validator says ${JSON.stringify(problems)}`,
        );
      }
      if (!reference.ok) {
        const first = problems[0];
        rejected.push(`${block.file}:${block.line + 1 + (first?.range.start.line ?? 0)}: ${first?.message}`);
      }
    }
    t.diagnostic(`${blocks.length} mermaid blocks, ${rejected.length} rejected by mermaid itself`);
    for (const r of rejected) t.diagnostic(`rejected: ${r}`);
    assert.deepEqual(disagreements, []);
  });
});
