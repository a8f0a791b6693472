// CSS that loads things, smuggled in through diagrams: %%{init}%% and front-matter `config:` values (fontFamily lands
// in the SVG's <style>), and style/classDef statements (style attributes). A loopback "evil" server counts every hit.
// In VS Code's Markdown preview (whose CSP allows https: images and fonts; the evil origin stands in for https: here)
// our renderer made real requests, and exported SVGs kept `url(http…)`, which a browser opening the file fetched.
// Needs `npm run build` first.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import MarkdownIt from 'markdown-it';
import type { Browser } from 'playwright-core';
import { closeBrowser, diagrams, launchBrowser, openHarness, serve } from './harness';
import { mermaidFencePlugin, type MarkdownItLike } from '../../src/preview/mermaidFence';
import { createNonce } from '../../src/preview/html';

let browser: Browser;
let evil: http.Server;
let evilOrigin: string;
const hits: string[] = [];

before(async () => {
  browser = await launchBrowser();
  evil = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' }).end();
  });
  await new Promise<void>((r) => evil.listen(0, '127.0.0.1', () => r()));
  evilOrigin = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
});
after(async () => {
  await closeBrowser();
  await new Promise<void>((r) => evil.close(() => r()));
});

function payloads(e: string): string[] {
  return [
    `%%{init: {"fontFamily": "x; background-image: url(${e}/init)"}}%%\nflowchart LR\n  A --> B`,
    `---\nconfig:\n  fontFamily: "x; background-image: url(${e}/frontmatter)"\n---\nflowchart LR\n  A --> B`,
    `%%{init: {"fontFamily": "x; } @import url(${e}/import.css); svg {"}}%%\nflowchart LR\n  A --> B`,
    `%%{init: {"fontFamily": "x; background-image: \\u0075rl(${e}/escaped)"}}%%\nflowchart LR\n  A --> B`,
    `%%{init: {"fontFamily": "x; background-image: image-set(\\"${e}/imageset\\" 1x)"}}%%\nflowchart LR\n  A --> B`,
    `classDiagram\n  class A\n  style A fill:url(${e}/classstyle)`,
    `stateDiagram-v2\n  classDef bad fill:url(${e}/classdef),background:url(${e}/classdefbg)\n  [*] --> s1\n  class s1 bad`,
    // (Flowchart style statements reject "(" : Mermaid reports a syntax error there, nothing is rendered.)
  ];
}

/** A page shaped like VS Code's Markdown preview, whose CSP allows images, styles and fonts from https: (here: the evil origin). */
function markdownPreviewPage(body: string) {
  return (origin: string) => {
    const nonce = createNonce();
    const csp = `default-src 'none'; img-src 'self' ${origin} ${evilOrigin} https: data:; media-src 'self' ${origin} https: data:; script-src 'nonce-${nonce}'; style-src 'self' ${origin} ${evilOrigin} 'unsafe-inline' https: data:; font-src 'self' ${origin} ${evilOrigin} https: data:;`;
    return `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="${csp}"></head>
<body class="vscode-body vscode-light">${body}
<script async src="${origin}/dist/markdownPreview.js" nonce="${nonce}" charset="UTF-8"></script></body></html>`;
  };
}

test(
  'the Markdown-preview renderer makes no request for url()/@import in diagrams, even where the CSP would allow it',
  { timeout: 90_000 },
  async () => {
    const md = new MarkdownIt();
    mermaidFencePlugin(md as unknown as MarkdownItLike, () => true);
    const sources = payloads(evilOrigin);
    const body = md.render(sources.map((s) => '```mermaid\n' + s + '\n```\n').join('\n'));
    const { server, origin } = await serve({ '/md.html': markdownPreviewPage(body) });
    const context = await browser.newContext();
    try {
      hits.length = 0;
      const page = await context.newPage();
      await page.goto(`${origin}/md.html`);
      await page.waitForFunction(
        (n) => document.querySelectorAll('.dn-mermaid[data-dn-rendered]').length === n,
        sources.length,
        { timeout: 60_000 },
      );
      const rendered = await page.evaluate(() =>
        [...document.querySelectorAll('.dn-mermaid')].map((e) => !!e.querySelector('svg')),
      );
      await page.waitForTimeout(500);
      if (process.env.DN_DEBUG) console.log(rendered, hits);
      assert.deepEqual(
        rendered,
        sources.map(() => true),
        'every diagram still renders',
      );
      assert.deepEqual(hits, [], 'no request reached the evil server');
      const markup = await page.evaluate(() =>
        [...document.querySelectorAll('.dn-mermaid svg')].map((s) => s.outerHTML).join('\n'),
      );
      assert.doesNotMatch(markup, new RegExp(`url\\(['"]?${evilOrigin.replace(/[.]/g, '\\.')}`));
    } finally {
      await context.close();
      await new Promise<void>((r) => server.close(() => r()));
    }
  },
);

test(
  'exported SVGs (and PNGs) of those diagrams load nothing when opened in a browser',
  { timeout: 120_000 },
  async () => {
    const h = await openHarness();
    const sources = payloads(evilOrigin);
    const exported: string[] = [];
    try {
      await h.update(diagrams(sources));
      for (let i = 0; i < sources.length; i++) {
        for (const format of ['svg', 'png'] as const) {
          const from = (await h.posted()).length;
          await h.post({ type: 'requestExport', index: i, format });
          await h.page.waitForFunction(
            (n) =>
              (window as unknown as { __posted: { type: string }[] }).__posted
                .slice(n)
                .some((m) => m.type === 'export' || m.type === 'exportFailed'),
            from,
            { timeout: 30_000 },
          );
          const message = (await h.posted()).slice(from).find((m) => m.type === 'export' || m.type === 'exportFailed')!;
          assert.equal(
            message.type,
            'export',
            `diagram ${i} ${format} exported: ${JSON.stringify(message).slice(0, 200)}`,
          );
          if (message.type === 'export' && format === 'svg') exported.push(message.data);
        }
      }
    } finally {
      await h.close();
    }
    for (const svg of exported) {
      assert.doesNotMatch(
        svg,
        /(?<![\w-])(?:url|image-set|src)\(\s*['"]?http|@import/i,
        'the exported file has no CSS that loads from outside',
      );
    }
    // Opened as files are opened: each SVG as its own document, no CSP.
    const context = await browser.newContext();
    try {
      hits.length = 0;
      for (const svg of exported) {
        // Inline in an HTML page, and as an SVG document of its own.
        const inline = await context.newPage();
        await inline.setContent(svg, { waitUntil: 'load' });
        const file = await context.newPage();
        await file.goto(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`, { waitUntil: 'load' });
        await inline.waitForTimeout(200);
        await inline.close();
        await file.close();
      }
      assert.deepEqual(hits, [], 'no request reached the evil server');
    } finally {
      await context.close();
    }
  },
);
