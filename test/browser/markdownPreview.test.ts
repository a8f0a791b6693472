// The Markdown-preview fallback renderer (dist/markdownPreview.js) in a page built like VS Code's Markdown
// preview: markdown-it output with our fence plugin, the preview's CSP (scripts by nonce only), the script
// loaded the way `markdown.previewScripts` are. Run `npm run build` first.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import type { Browser } from 'playwright-core';
import { closeBrowser, launchBrowser, serve } from './harness';
import { mermaidFencePlugin, type MarkdownItLike } from '../../src/preview/mermaidFence';
import { createNonce } from '../../src/preview/html';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await closeBrowser();
});

const DOC = [
  '# Design',
  '',
  '```mermaid',
  'flowchart LR',
  '  A[Client] --> B[API]',
  '```',
  '',
  '```mermaid',
  'flowchart TD',
  '  A -->',
  '```',
  '',
  '```mermaid',
  'flowchart TD',
  '  X["<img src=x onerror=window.__pwned=1>"] --> Y',
  '  click X href "javascript:window.__pwned=2"',
  '```',
].join('\n');

/** A page shaped like VS Code's Markdown preview (its CSP for the default security level). */
function page(body: string) {
  return (origin: string) => {
    const nonce = createNonce();
    const csp = `default-src 'none'; img-src 'self' ${origin} https: data:; media-src 'self' ${origin} https: data:; script-src 'nonce-${nonce}'; style-src 'self' ${origin} 'unsafe-inline' https: data:; font-src 'self' ${origin} https: data:;`;
    return `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="${csp}"></head>
<body class="vscode-body vscode-light">${body}
<script async src="${origin}/dist/markdownPreview.js" nonce="${nonce}" charset="UTF-8"></script></body></html>`;
  };
}

async function open(body: string) {
  const { server, origin } = await serve({ '/md.html': page(body) });
  const context = await browser.newContext();
  const p = await context.newPage();
  const requests: string[] = [];
  const violations: string[] = [];
  p.on('request', (r) => requests.push(r.url().replace(origin, '')));
  await p.exposeFunction('__violation', (v: string) => violations.push(v));
  await p.addInitScript(
    `window.__pwned = 0; document.addEventListener('securitypolicyviolation', (e) => { if (e.target !== document) window.__violation(e.violatedDirective); });`,
  );
  await p.goto(`${origin}/md.html`);
  return {
    page: p,
    requests,
    violations,
    async close() {
      await context.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function renderMarkdown(enabled: boolean): string {
  const md = new MarkdownIt();
  mermaidFencePlugin(md as unknown as MarkdownItLike, () => enabled);
  return md.render(DOC);
}

test('renders placeholders lazily loading the bundled mermaid; errors inline; hostile labels inert', async () => {
  const h = await open(renderMarkdown(true));
  try {
    await h.page.waitForFunction(
      () => document.querySelectorAll('.dn-mermaid[data-dn-rendered]').length === 3,
      undefined,
      { timeout: 30_000 },
    );
    const facts = await h.page.evaluate(() => ({
      svgs: [...document.querySelectorAll('.dn-mermaid')].map((e) => !!e.querySelector('svg')),
      error: document.querySelector('.dn-mermaid-error')?.textContent ?? '',
      pwned: (window as unknown as { __pwned: number }).__pwned,
    }));
    assert.deepEqual(facts.svgs, [true, false, true]);
    // Mermaid's message without its diagram-relative line ("on line 2" is not a file line); this page cannot ask
    // the server, which marks the exact place in the editor and in Problems.
    assert.match(facts.error, /^Mermaid syntax error: Parse error:/);
    assert.doesNotMatch(facts.error, /on line \d/);
    await h.page.evaluate(() =>
      document
        .querySelectorAll('.dn-mermaid svg *')
        .forEach((e) => e.dispatchEvent(new MouseEvent('click', { bubbles: true }))),
    );
    assert.equal(await h.page.evaluate(() => (window as unknown as { __pwned: number }).__pwned), 0);
    assert.deepEqual(h.violations, []);
    assert.ok(h.requests.includes('/dist/mermaid.min.js'), 'mermaid loaded from the extension');
    assert.deepEqual(
      h.requests.filter((r) => !r.startsWith('/')),
      [],
      'nothing from elsewhere',
    );
    // Theme change re-renders with the dark theme.
    const before = await h.page.evaluate(
      () => getComputedStyle(document.querySelector('.dn-mermaid .node rect')!).fill,
    );
    await h.page.evaluate(() => (document.body.className = 'vscode-body vscode-dark'));
    await h.page.waitForFunction(
      (b) => getComputedStyle(document.querySelector('.dn-mermaid .node rect')!).fill !== b,
      before,
    );
  } finally {
    await h.close();
  }
});

test('when the plugin stands down (another renderer is active), the script loads nothing', async () => {
  const h = await open(renderMarkdown(false));
  try {
    await h.page.waitForLoadState('load');
    await h.page.waitForTimeout(300);
    assert.ok(h.requests.includes('/dist/markdownPreview.js'));
    assert.ok(!h.requests.includes('/dist/mermaid.min.js'));
    assert.equal(await h.page.locator('pre code.language-mermaid').count(), 3);
  } finally {
    await h.close();
  }
});
