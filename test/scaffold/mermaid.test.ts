// The diagrams in the built-in templates must be valid Mermaid, checked with the real mermaid parser through the
// validator the language server uses (dist/mermaidWorker.mjs, made by `npm run build`).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { parseMarkdown } from '../../server/core/markdown';
import { createMermaidValidator, type DisposableMermaidValidator } from '../../server/core/node/mermaidValidator';
import { nodeFileSystem, findBuiltinTemplatesFolder } from '../../server/core/node';
import { loadBuiltinTemplateSets, renderTemplate } from '../../server/core/scaffold';

const workerPath = path.resolve(__dirname, '../../dist/mermaidWorker.mjs');
const skip = existsSync(workerPath) ? false : 'dist/mermaidWorker.mjs not built (run npm run build)';

describe('built-in template diagrams', { skip }, () => {
  let validator: DisposableMermaidValidator | undefined;
  after(() => validator?.dispose());

  it('parse with mermaid (and the check itself catches a broken diagram)', async () => {
    validator = createMermaidValidator({ workerPath, timeoutMs: 20_000 });
    const broken = await validator.validate('flowchart LR\n  a --> \n  end end\n');
    assert.ok(broken.length > 0, 'the validator reports a broken diagram');
    const { sets } = await loadBuiltinTemplateSets(nodeFileSystem, findBuiltinTemplatesFolder());
    let diagrams = 0;
    for (const set of sets) {
      for (const file of set.files) {
        for (const fence of parseMarkdown(
          renderTemplate(file.text, { title: 'T', slug: 't', date: '2026-01-05', author: '' }),
        ).fences) {
          if (fence.lang !== 'mermaid') continue;
          diagrams++;
          assert.deepEqual(await validator.validate(fence.content), [], `${set.id}/${file.path}`);
        }
      }
    }
    assert.ok(diagrams >= 2, 'the flowchart and the ER diagram were checked');
  });
});
