import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeFileSystem, findBuiltinTemplatesFolder } from '../../server/core/node';
import { loadBuiltinTemplateSets, renderTemplate, writingPosition } from '../../server/core/scaffold';

describe('writingPosition (where a new file opens)', () => {
  it('after the first prompt: at the end of its empty bullet, or on the blank line after it', () => {
    assert.deepEqual(writingPosition('# T\n\n## A\n\n<!-- write here: a\n   more -->\n- \n'), {
      line: 6,
      character: 2,
    });
    assert.deepEqual(writingPosition('# T\n\n<!-- write here: a -->\n\n## A\n'), { line: 3, character: 0 });
    assert.deepEqual(writingPosition('# T\r\n\r\n<!-- write here: a -->\r\n  1.\r\n'), { line: 3, character: 5 });
  });

  it('on the prompt itself when text follows it at once, and undefined without a prompt', () => {
    assert.deepEqual(writingPosition('# T\n  <!-- write here: x -->\ntext\n'), { line: 1, character: 2 });
    assert.deepEqual(writingPosition('# T\n<!-- write here: never closed\n'), { line: 1, character: 0 });
    assert.equal(writingPosition('# Done\n'), undefined);
  });

  it('in the built-in requirements template: the empty line under the problem-statement prompt, not in front of it', async () => {
    const { sets } = await loadBuiltinTemplateSets(nodeFileSystem, findBuiltinTemplatesFolder());
    const text = renderTemplate(sets[0].files[0].text, { title: 'Rate Limiter', date: '2026-11-29', author: '' });
    const at = writingPosition(text)!;
    const lines = text.split('\n');
    assert.equal(lines[at.line], '');
    assert.match(lines[at.line - 1], /-->$/);
    // A blank line stays between what the student types and the next heading (Markdown style: blanks around headings).
    assert.equal(lines[at.line + 1], '');
    assert.match(lines[at.line + 2], /^## Functional Requirements/);
  });
});
