import { test } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { mermaidFencePlugin, shouldRenderMermaid, type MarkdownItLike } from '../../src/preview/mermaidFence';

function render(text: string, enabled: boolean): string {
  const md = new MarkdownIt();
  mermaidFencePlugin(md as unknown as MarkdownItLike, () => enabled);
  return md.render(text);
}

test('auto stands down when another renderer is present; always/never are explicit', () => {
  assert.equal(shouldRenderMermaid('auto', undefined), true);
  assert.equal(shouldRenderMermaid('auto', 'vscode.mermaid-markdown-features'), false);
  assert.equal(shouldRenderMermaid('always', 'vscode.mermaid-markdown-features'), true);
  assert.equal(shouldRenderMermaid('never', undefined), false);
});

test('enabled: a mermaid fence becomes a placeholder holding the escaped source, with its line for scroll sync', () => {
  const html = render('# T\n\n```mermaid\ngraph TD\n  A["<img src=x onerror=alert(1)>"] --> B\n```\n', true);
  assert.match(
    html,
    /<div class="dn-mermaid code-line" data-line="2"><pre class="dn-mermaid-source">graph TD\n {2}A\[&quot;&lt;img src=x onerror=alert\(1\)&gt;&quot;\] --&gt; B\n<\/pre><\/div>/,
  );
  assert.doesNotMatch(html, /<img/);
});

test('disabled, or another language: markdown-it renders the fence as usual', () => {
  const off = render('```mermaid\ngraph TD\n```\n', false);
  assert.match(off, /<pre><code class="language-mermaid">graph TD\n<\/code><\/pre>/);
  const js = render('```js\nlet a = 1;\n```\n', true);
  assert.match(js, /language-js/);
  assert.doesNotMatch(js, /dn-mermaid/);
});
