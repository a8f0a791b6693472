// Hostile diagrams beyond preview.test.ts's set (which covers labels, click href/call, %%{init}%% loose/htmlLabels/
// themeCSS/dompurifyConfig and front-matter config): titles and accessibility text, data:/file: URLs, Markdown
// strings, payloads echoed in error messages — in the diagram preview — and the same payloads through the
// built-in Markdown preview path (our markdown-it fence plugin + dist/markdownPreview.js) under a CSP like VS Code's
// Markdown preview, which allows https: images, so a leaked <img> would show up as a request.
// Needs `npm run build` first.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { closeBrowser, diagrams, launchBrowser, openHarness, serve } from './harness';
import { mermaidFencePlugin } from '../../src/preview/mermaidFence';

const PAYLOADS = [
  '---\ntitle: "<img src=x onerror=window.__pwned=11>"\n---\nflowchart TD\n  A --> B',
  'flowchart TD\n  accTitle: <img src=x onerror=window.__pwned=12>\n  accDescr: <script>window.__pwned=13</script>\n  A --> B',
  'pie title <img src=x onerror=window.__pwned=14>\n  "a<img src=x onerror=window.__pwned=15>" : 1\n  "b" : 2',
  'gantt\n  title <svg onload=window.__pwned=16>\n  section S<img src=x onerror=window.__pwned=17>\n  Task :a1, 2024-01-01, 3d',
  'flowchart TD\n  A --> B\n  click A href "data:text/html,<script>parent.__pwned=18</script>"\n  click B href "file:///etc/passwd"',
  'flowchart TD\n  A["<a href=\'data:text/html,<script>parent.__pwned=19</script>\'>d</a>"] --> B["<a href=\'file:///etc/passwd\'>f</a>"]',
  'flowchart TD\n  A["`**bold** <img src=x onerror=window.__pwned=20>`"] --> B["`[link](javascript:window.__pwned=21)`"]',
  'flowchart TD\n  A --> B\n  B --> <img src=x onerror=window.__pwned=22>',
  'sequenceDiagram\n  participant A as <iframe src="javascript:parent.__pwned=23">\n  A->>A: hi\n  links A: {"x": "javascript:window.__pwned=24"}',
  '%%{init: {"securityLevel": "loose", "startOnLoad": true, "arrowMarkerAbsolute": true, "fontFamily": "x;} body{background:url(https://evil.example/f)"}}%%\nflowchart TD\n  A --> B',
];

/** Facts about whatever the diagrams left in a container: anything active or any URL that could be fetched. */
const FACTS_SCRIPT = `(() => {
  const root = document.querySelectorAll(SELECTOR);
  const all = [...root].flatMap((r) => [r, ...r.querySelectorAll('*')]);
  return {
    pwned: window.__pwned,
    scripts: all.filter((e) => e.tagName.toLowerCase() === 'script').length,
    frames: all.filter((e) => /^(iframe|object|embed)$/i.test(e.tagName)).length,
    imgs: all.filter((e) => /^(img|image)$/i.test(e.tagName)).length,
    handlers: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name)),
    badUrls: all.flatMap((e) => [...e.attributes].filter((a) => /href|src/i.test(a.name) && /^\\s*(javascript|data|file|vbscript):/i.test(a.value)).map((a) => a.value)),
    location: location.pathname,
  };
})()`;

describe('hostile input in the previews', () => {
  before(async () => {
    await launchBrowser();
  });
  after(async () => {
    await closeBrowser();
  });

  test(
    'diagram preview: titles, accessibility text, data:/file: URLs, Markdown strings and echoed errors run and load nothing',
    { timeout: 120_000 },
    async () => {
      // A tall window: the page renders off-screen diagrams only when scrolled to, and all of them must render here.
      const h = await openHarness('light', { width: 900, height: 8000 });
      try {
        const r = await h.update(diagrams(PAYLOADS));
        assert.equal(r.ok + r.failed, PAYLOADS.length);
        await h.page.evaluate(() => {
          for (const el of document.querySelectorAll('.diagram svg *, .diagram-error *'))
            el.dispatchEvent(new MouseEvent('click', { bubbles: true }));
        });
        await h.page.waitForTimeout(300);
        const facts = await h.page.evaluate(FACTS_SCRIPT.replace('SELECTOR', "'.diagram'"));
        assert.deepEqual(facts, {
          pwned: 0,
          scripts: 0,
          frames: 0,
          imgs: 0,
          handlers: [],
          badUrls: [],
          location: '/index.html',
        });
        // Error text that echoes the payload is shown as text.
        const errors = await h.page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('.diagram-error')]
            .filter((e) => !e.hidden)
            .map((e) => e.textContent ?? ''),
        );
        assert.ok(
          errors.some((t) => t.includes('<img')),
          `an error shows the hostile token as text: ${JSON.stringify(errors)}`,
        );
        assert.deepEqual(await h.violations(), []);
        assert.deepEqual(h.foreignRequests, []);
      } finally {
        await h.close();
      }
    },
  );

  test(
    'Markdown preview path: fence placeholders carry text only, and the preview script renders the payloads inertly',
    { timeout: 120_000 },
    async () => {
      const md = new MarkdownIt({ html: false });
      mermaidFencePlugin(md as never, () => true);
      const markdown =
        PAYLOADS.map((p, i) => `## Diagram ${i}\n\n\`\`\`mermaid\n${p}\n\`\`\`\n`).join('\n') +
        '\n```mermaid\n</pre><img src=x onerror=window.__pwned=30>\n```\n';
      const body = md.render(markdown);
      // The fence plugin itself emits no markup from the source.
      assert.doesNotMatch(body, /<img|<script|<svg|<iframe|<a /i);
      const nonce = 'n0nce' + Date.now();
      const page = (origin: string) => `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self' ${origin} https: data:; media-src 'self' https: data:; script-src 'nonce-${nonce}'; style-src 'self' ${origin} 'unsafe-inline' https: data:; font-src 'self' https: data:;">
</head><body class="vscode-light">${body}<script nonce="${nonce}" src="${origin}/dist/markdownPreview.js"></script></body></html>`;
      const { server, origin } = await serve({ '/markdown.html': page });
      const browser = await launchBrowser();
      const context = await browser.newContext();
      try {
        const p = await context.newPage();
        const foreign: string[] = [];
        const violations: string[] = [];
        p.on('request', (r) => {
          if (!r.url().startsWith(origin + '/')) foreign.push(r.url());
        });
        await p.addInitScript(
          `window.__pwned = 0; document.addEventListener('securitypolicyviolation', (e) => window.__v = (window.__v || []).concat(e.violatedDirective + ' ' + e.blockedURI));`,
        );
        p.on('console', (m) => {
          if (m.type() === 'error' && /Content Security Policy/.test(m.text())) violations.push(m.text());
        });
        await p.goto(`${origin}/markdown.html`);
        const count = PAYLOADS.length + 1;
        await p.waitForFunction(
          (n) =>
            document.querySelectorAll('.dn-mermaid .dn-mermaid-svg, .dn-mermaid .dn-mermaid-error').length === n ||
            document.querySelector('[data-dn-failed]'),
          count,
          { timeout: 90_000 },
        );
        assert.equal(
          await p.evaluate(() => document.querySelector('[data-dn-failed]')?.getAttribute('data-dn-failed') ?? null),
          null,
          'mermaid loaded',
        );
        await p.evaluate(() => {
          for (const el of document.querySelectorAll('.dn-mermaid *'))
            el.dispatchEvent(new MouseEvent('click', { bubbles: true }));
        });
        await p.waitForTimeout(300);
        const facts = await p.evaluate(FACTS_SCRIPT.replace('SELECTOR', "'.dn-mermaid'"));
        assert.deepEqual(facts, {
          pwned: 0,
          scripts: 0,
          frames: 0,
          imgs: 0,
          handlers: [],
          badUrls: [],
          location: '/markdown.html',
        });
        assert.deepEqual(foreign, [], 'no request left the page (https: images would be allowed by this CSP)');
      } finally {
        await context.close();
        server.close();
      }
    },
  );
});
