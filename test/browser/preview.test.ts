// The diagram preview page in headless Chromium: the real HTML (same CSP), the built scripts, a fake VS Code API.
// Run `npm run build` first.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { closeBrowser, diagrams, launchBrowser, openHarness, type Harness } from './harness';
import type { WebviewMessage } from '../../common/preview/messages';

const FLOW = 'flowchart TD\n  A[Client] --> B{Load balancer}\n  B --> C[API]\n  C --> D[(Database)]';
const SEQ = 'sequenceDiagram\n  Client->>API: GET /items\n  API-->>Client: 200';
const BROKEN = 'flowchart TD\n  A --> B\n  B -->';

async function counts(h: Harness) {
  return h.page.evaluate(() => ({
    svgs: document.querySelectorAll('.diagram svg').length,
    errors: [...document.querySelectorAll<HTMLElement>('.diagram-error')].filter((e) => !e.hidden).length,
    indices: [...document.querySelectorAll<HTMLElement>('.diagram')].map((e) => e.dataset.index),
  }));
}

function waitForPosted(h: Harness, type: WebviewMessage['type'], from: number) {
  return h.page.waitForFunction(
    ({ type, from }) =>
      (window as unknown as { __posted: { type: string }[] }).__posted.slice(from).some((m) => m.type === type),
    { type, from },
  );
}

/** Fill colour of the first flowchart node shape. */
function nodeFill(h: Harness, index = 0) {
  return h.page.evaluate((i) => {
    const shape = document.querySelectorAll('.diagram')[i]?.querySelector('.node rect, .node polygon, .node path');
    return shape ? getComputedStyle(shape).fill : '';
  }, index);
}

describe('diagram preview page', () => {
  before(async () => {
    await launchBrowser();
  });
  after(async () => {
    await closeBrowser();
  });

  test('renders every diagram in order; a broken one shows its error in place while the others render', async () => {
    const h = await openHarness();
    try {
      const r = await h.update(diagrams([FLOW, BROKEN, SEQ]));
      assert.deepEqual({ ok: r.ok, failed: r.failed }, { ok: 2, failed: 1 });
      const c = await counts(h);
      assert.deepEqual(c, { svgs: 2, errors: 1, indices: ['0', '1', '2'] });
      const err = await h.page.locator('.diagram[data-index="1"] .diagram-error').innerText();
      assert.match(err, /Syntax error/);
      // No problems from the server in this update: Mermaid's message, without its diagram-relative line (the lines
      // the preview names are the server's: test/browser/previewLines.test.ts).
      assert.match(err, /^Parse error:/m);
      assert.doesNotMatch(err, /line \d/i);
      assert.equal(await h.page.locator('.diagram[data-index="1"] svg').count(), 0);
      assert.match(await h.page.locator('.diagram[data-index="0"] .diagram-title').innerText(), /Section 1 — line 1/);
      assert.deepEqual(await h.violations(), []);
      assert.deepEqual(h.foreignRequests, []);
      assert.deepEqual(h.consoleErrors, []);
    } finally {
      await h.close();
    }
  });

  test('typing in one block re-renders only that block and keeps the others (and their zoom)', async () => {
    const h = await openHarness();
    try {
      await h.update(diagrams([FLOW, SEQ]), 1);
      await h.page.locator('.diagram[data-index="1"] [data-action="zoom-in"]').click();
      const scale = await h.page.locator('.diagram[data-index="1"]').getAttribute('data-scale');
      await h.page.evaluate(() =>
        document.querySelectorAll('.diagram svg').forEach((s, i) => ((s as unknown as { __mark: number }).__mark = i)),
      );
      await h.update(diagrams([FLOW.replace('API', 'API v2'), SEQ]), 2);
      const marks = await h.page.evaluate(() =>
        [...document.querySelectorAll('.diagram svg')].map((s) => (s as unknown as { __mark?: number }).__mark ?? null),
      );
      assert.deepEqual(marks, [null, 1], 'diagram 0 was replaced, diagram 1 is the same element');
      assert.match((await h.page.locator('.diagram[data-index="0"] svg').textContent()) ?? '', /API v2/);
      assert.equal(await h.page.locator('.diagram[data-index="1"]').getAttribute('data-scale'), scale);
      // An older version arriving late is ignored.
      await h.post({
        type: 'update',
        uri: 'file:///work/case-studies/demo/high-level-design.md',
        fileName: 'x.md',
        version: 1,
        diagrams: diagrams([SEQ]),
      });
      await h.page.waitForTimeout(200);
      assert.equal((await counts(h)).svgs, 2);
    } finally {
      await h.close();
    }
  });

  test('after a reload the page keeps its document, zoom and scroll position in the saved state', async () => {
    const h = await openHarness('light', { width: 900, height: 500 });
    try {
      const many = Array.from(
        { length: 8 },
        (_, i) => `flowchart TD\n  A${i}[Step ${i}] --> B${i}[Next] --> C${i}[Last]`,
      );
      await h.update(diagrams(many), 1);
      await h.page.locator('.diagram[data-index="2"] [data-action="zoom-in"]').click();
      const scale = await h.page.locator('.diagram[data-index="2"]').getAttribute('data-scale');
      await h.page.evaluate(() => window.scrollTo(0, 900));
      await h.page.waitForFunction(() => JSON.parse(sessionStorage.getItem('__vscodeState') ?? '{}').scrollY === 900);
      const state = await h.page.evaluate(() => JSON.parse(sessionStorage.getItem('__vscodeState')!));
      assert.equal(state.uri, 'file:///work/case-studies/demo/high-level-design.md');
      await h.page.reload();
      await h.page.waitForFunction(() =>
        (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'),
      );
      // The extension host re-sends the diagrams of the state's document (PreviewManager.restore).
      await h.update(diagrams(many), 1);
      assert.equal(await h.page.locator('.diagram[data-index="2"]').getAttribute('data-scale'), scale);
      assert.equal(await h.page.evaluate(() => window.scrollY), 900);
    } finally {
      await h.close();
    }
  });

  test("follows the editor theme, live, and honours a diagram's own %%{init}%% theme", async () => {
    const h = await openHarness('light');
    try {
      const forest = '%%{init: {"theme": "forest"}}%%\n' + FLOW;
      await h.update(diagrams([FLOW, forest]));
      const light = await nodeFill(h, 0);
      const ownTheme = await nodeFill(h, 1);
      await h.setTheme('dark');
      await h.page.waitForFunction((before) => {
        const shape = document.querySelector('.diagram .node rect, .diagram .node polygon');
        return shape && getComputedStyle(shape).fill !== before;
      }, light);
      const dark = await nodeFill(h, 0);
      assert.notEqual(light, dark);
      assert.notEqual(light, ownTheme, 'forest differs from the default theme');
      assert.equal(await nodeFill(h, 1), ownTheme, 'the diagram keeps its own theme in dark mode');
      await h.setTheme('high-contrast');
      await h.page.waitForFunction((before) => {
        const shape = document.querySelector('.diagram .node rect, .diagram .node polygon');
        return shape && getComputedStyle(shape).fill !== before;
      }, dark);
      assert.equal(await nodeFill(h, 0), 'rgb(0, 0, 0)');
    } finally {
      await h.close();
    }
  });

  test('zoom buttons, ctrl+wheel and fit change the view', async () => {
    const h = await openHarness();
    try {
      await h.update(diagrams([FLOW]));
      const diagram = h.page.locator('.diagram[data-index="0"]');
      const start = Number(await diagram.getAttribute('data-scale'));
      await diagram.locator('[data-action="zoom-in"]').click();
      assert.ok(Number(await diagram.getAttribute('data-scale')) > start);
      await diagram.locator('[data-action="fit"]').click();
      assert.equal(Number(await diagram.getAttribute('data-scale')), start);
      const box = (await diagram.locator('.diagram-viewport').boundingBox())!;
      await h.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await h.page.keyboard.down('Control');
      await h.page.mouse.wheel(0, 300);
      await h.page.keyboard.up('Control');
      await h.page.waitForFunction(
        (s) => Number(document.querySelector<HTMLElement>('.diagram')!.dataset.scale) < s,
        start,
      );
      const transform = await diagram.locator('.diagram-canvas').evaluate((e) => (e as HTMLElement).style.transform);
      assert.match(transform, /scale\(0\.\d+\)/);
    } finally {
      await h.close();
    }
  });

  test('export produces SVG text and a PNG data URL; copy and reveal post their messages', async () => {
    const h = await openHarness();
    try {
      await h.update(diagrams([FLOW, BROKEN]));
      let from = (await h.posted()).length;
      await h.page.locator('.diagram[data-index="0"] [data-action="export-svg"]').click();
      await waitForPosted(h, 'export', from);
      const svg = (await h.posted()).slice(from).find((m) => m.type === 'export')!;
      assert.ok(svg.type === 'export' && svg.format === 'svg' && svg.index === 0);
      assert.match(svg.data, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.match(svg.data, /balancer/);

      from = (await h.posted()).length;
      await h.post({ type: 'requestExport', index: 0, format: 'png' });
      await waitForPosted(h, 'export', from);
      const png = (await h.posted()).slice(from).find((m) => m.type === 'export')!;
      assert.ok(png.type === 'export' && png.format === 'png');
      const bytes = Buffer.from(png.data.slice('data:image/png;base64,'.length), 'base64');
      assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
      assert.ok(bytes.length > 2000, `PNG has content (${bytes.length} bytes)`);

      from = (await h.posted()).length;
      await h.post({ type: 'requestExport', index: 1, format: 'svg' });
      await waitForPosted(h, 'exportFailed', from);

      from = (await h.posted()).length;
      await h.page.locator('.diagram[data-index="1"] [data-action="copy"]').click();
      await h.page.locator('.diagram[data-index="1"] .diagram-title').click();
      await h.page.locator('.diagram[data-index="0"] .diagram-viewport').click();
      const posted = (await h.posted()).slice(from).filter((m) => m.type !== 'rendered');
      assert.deepEqual(posted, [
        { type: 'copySource', index: 1 },
        { type: 'reveal', index: 1 },
        { type: 'reveal', index: 0 },
      ]);

      await h.post({ type: 'highlight', index: 1, reveal: true });
      await h.page.waitForSelector('.diagram.highlighted[data-index="1"]');
      assert.equal(await h.page.locator('.diagram.highlighted').count(), 1);
    } finally {
      await h.close();
    }
  });

  test('hostile diagrams run nothing and load nothing', async () => {
    const h = await openHarness();
    try {
      const payloads = [
        'flowchart TD\n  A["<img src=x onerror=window.__pwned=1>"] --> B',
        'flowchart TD\n  A --> B\n  click A href "javascript:window.__pwned=2"',
        'flowchart TD\n  A --> B\n  click B call pwn()',
        'flowchart TD\n  A["<a href=\'javascript:window.__pwned=5\'>link</a>"] --> B["<script>window.__pwned=6</script>"]',
        '%%{init: {"securityLevel": "loose", "htmlLabels": true, "flowchart": {"htmlLabels": true}, "dompurifyConfig": {"ADD_ATTR": ["onerror"]}, "themeCSS": "@import url(http://evil.example/x.css); .node rect { fill: url(http://evil.example/y.png) }", "theme": "forest"}}%%\n' +
          'flowchart TD\n  A["<img src=http://evil.example/z.png onerror=window.__pwned=3>"] --> B\n  click A call pwn()',
        '---\nconfig:\n  securityLevel: loose\n  htmlLabels: true\n---\nflowchart TD\n  A["<img src=x onerror=window.__pwned=7>"] --> B',
        'sequenceDiagram\n  A->>B: <img src=x onerror=window.__pwned=4>\n  link A: Evil @ javascript:window.__pwned=8',
        'classDiagram\n  class A\n  click A href "javascript:window.__pwned=9"',
      ];
      await h.page.evaluate(() => {
        (window as unknown as { pwn: () => void }).pwn = () =>
          ((window as unknown as { __pwned: number }).__pwned = 99);
      });
      const r = await h.update(diagrams(payloads));
      assert.equal(r.ok + r.failed, payloads.length);
      // Click everything clickable in every diagram.
      await h.page.evaluate(() => {
        for (const el of document.querySelectorAll('.diagram svg *'))
          el.dispatchEvent(new MouseEvent('click', { bubbles: true }));
        for (const el of document.querySelectorAll('.diagram svg image, .diagram svg img'))
          el.dispatchEvent(new Event('error'));
      });
      await h.page.waitForTimeout(300);
      const facts = await h.page.evaluate(() => ({
        pwned: (window as unknown as { __pwned: number }).__pwned,
        foreignObjects: document.querySelectorAll('.diagram svg foreignObject').length,
        handlers: [...document.querySelectorAll('.diagram svg *')].flatMap((e) =>
          [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name),
        ),
        jsLinks: [...document.querySelectorAll('.diagram svg [href], .diagram svg a')]
          .map((e) => e.getAttribute('href') ?? e.getAttribute('xlink:href') ?? '')
          .filter((v) => /javascript:/i.test(v)),
        evilCss: [...document.querySelectorAll('.diagram svg style')].some((s) =>
          /evil\.example/.test(s.textContent ?? ''),
        ),
        imgs: document.querySelectorAll('.diagram img, .diagram svg image').length,
      }));
      assert.deepEqual(facts, { pwned: 0, foreignObjects: 0, handlers: [], jsLinks: [], evilCss: false, imgs: 0 });
      // The %%{init}%% theme survives the stripping of its unsafe keys.
      assert.notEqual(await nodeFill(h, 4), await nodeFill(h, 0));
      assert.deepEqual(await h.violations(), [], 'no CSP violation in the live page');
      // Only blocked inline handlers inside the sanitiser's inert documents (see harness), nothing else.
      for (const v of await h.inertViolations()) assert.match(v, /^script-src-attr inline$/);
      assert.deepEqual(h.foreignRequests, []);
      // Not even a local request: the page loaded its own four files and nothing a label asked for.
      assert.deepEqual([...new Set(h.requests)].filter((r) => r !== '/favicon.ico').sort(), [
        '/dist/mermaid.min.js',
        '/dist/preview.js',
        '/index.html',
        '/media/preview/preview.css',
      ]);
      // No page errors; Chromium logs each blocked inert handler above once to the console, nothing more.
      const blockedLogs = h.consoleErrors.filter((e) => /^Executing inline event handler violates/.test(e));
      assert.equal(blockedLogs.length, (await h.inertViolations()).length);
      assert.deepEqual(
        h.consoleErrors.filter((e) => !blockedLogs.includes(e)),
        [],
      );
    } finally {
      await h.close();
    }
  });

  test('fifty diagrams: renders what is on screen first and the rest on scroll', async () => {
    const h = await openHarness('light', { width: 900, height: 700 });
    try {
      const many = Array.from({ length: 50 }, (_, i) => `flowchart LR\n  N${i}a[Node ${i}] --> N${i}b[Next ${i}]`);
      await h.update(diagrams(many));
      const first = (await counts(h)).svgs;
      assert.ok(first > 0 && first < 50, `lazy: ${first} of 50 rendered up front`);
      await h.page.locator('.diagram[data-index="49"]').scrollIntoViewIfNeeded();
      await h.page.waitForSelector('.diagram[data-index="49"] svg');
      assert.equal((await counts(h)).indices.length, 50);
    } finally {
      await h.close();
    }
  });

  test('screenshots, light and dark', async () => {
    const sample = [
      'flowchart LR\n  U[Users] --> CDN[CDN]\n  CDN --> LB{Load balancer}\n  LB --> API1[API pod]\n  LB --> API2[API pod]\n  API1 --> C[(Redis cache)]\n  API2 --> C\n  API1 --> DB[(Postgres primary)]\n  DB -.replication.-> R[(Read replica)]',
      'sequenceDiagram\n  participant C as Client\n  participant A as API\n  participant Q as Queue\n  C->>A: POST /orders\n  A->>Q: enqueue(order)\n  A-->>C: 202 Accepted',
      'flowchart TD\n  A --> B\n  B -->',
    ];
    const out = path.resolve(__dirname, '../../test-results');
    fs.mkdirSync(out, { recursive: true });
    for (const theme of ['light', 'dark'] as const) {
      const h = await openHarness(theme, { width: 820, height: 900 });
      try {
        await h.update(
          sample.map((source, index) => ({
            index,
            source,
            line: [12, 30, 44][index],
            contentLine: [13, 31, 45][index],
            endLine: [24, 40, 48][index],
            heading: ['Architecture', 'Order flow', 'Draft'][index],
            problems: [],
          })),
          1,
          'file:///work/case-studies/url-shortener/high-level-design.md',
        );
        const file = path.join(out, `preview-${theme}.png`);
        await h.page.screenshot({ path: file });
        assert.ok(fs.statSync(file).size > 10_000);
        // Refresh the README images only on request, so a test run does not dirty the work tree.
        if (process.env.UPDATE_DOCS_IMAGES === '1') {
          const docs = path.resolve(__dirname, '../../docs/images');
          fs.mkdirSync(docs, { recursive: true });
          fs.copyFileSync(file, path.join(docs, `preview-${theme}.png`));
        }
      } finally {
        await h.close();
      }
    }
  });
});
