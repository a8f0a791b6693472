// A stand-in for the VS Code webview host: serves the real preview HTML (same builder, same CSP) and the built
// scripts from 127.0.0.1, opens it in headless Chromium with an `acquireVsCodeApi` shim that records what the page
// posts, and counts CSP violations, console errors and any request that leaves the local server.
// Needs `npm run build` first (dist/preview.js, dist/mermaid.min.js).
import * as http from 'node:http';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { buildPreviewHtml, createNonce } from '../../src/preview/html';
import type { DocumentDiagram, HostMessage, ThemeKind, WebviewMessage } from '../../common/preview/messages';

const root = path.resolve(__dirname, '../..');

/** Colours VS Code's default themes put in the webview as CSS variables (a subset, enough for the preview). */
const THEME_VARS: Record<ThemeKind, Record<string, string>> = {
  light: {
    '--vscode-editor-background': '#ffffff',
    '--vscode-foreground': '#3b3b3b',
    '--vscode-descriptionForeground': '#717171',
    '--vscode-textLink-foreground': '#005fb8',
    '--vscode-panel-border': '#e5e5e5',
    '--vscode-focusBorder': '#005fb8',
    '--vscode-errorForeground': '#f85149',
    '--vscode-font-family': 'sans-serif',
  },
  dark: {
    '--vscode-editor-background': '#1f1f1f',
    '--vscode-foreground': '#cccccc',
    '--vscode-descriptionForeground': '#9d9d9d',
    '--vscode-textLink-foreground': '#4daafc',
    '--vscode-panel-border': '#2b2b2b',
    '--vscode-focusBorder': '#0078d4',
    '--vscode-errorForeground': '#f85149',
    '--vscode-font-family': 'sans-serif',
  },
  'high-contrast': {
    '--vscode-editor-background': '#000000',
    '--vscode-foreground': '#ffffff',
    '--vscode-contrastBorder': '#6fc3df',
    '--vscode-font-family': 'sans-serif',
  },
  'high-contrast-light': {
    '--vscode-editor-background': '#ffffff',
    '--vscode-foreground': '#292929',
    '--vscode-contrastBorder': '#0f4a85',
    '--vscode-font-family': 'sans-serif',
  },
};
const BODY_CLASS: Record<ThemeKind, string> = {
  light: 'vscode-light',
  dark: 'vscode-dark',
  'high-contrast': 'vscode-high-contrast',
  'high-contrast-light': 'vscode-high-contrast-light vscode-high-contrast',
};

interface V {
  directive: string;
  blocked: string;
  inert: boolean;
}

export interface Harness {
  page: Page;
  origin: string;
  /** Requests to anything but the local server. */
  foreignRequests: string[];
  /** Every request the page made, as paths on the local server (or full URLs elsewhere). */
  requests: string[];
  consoleErrors: string[];
  post(message: HostMessage): Promise<void>;
  posted(): Promise<WebviewMessage[]>;
  /** CSP violations in the live page (see the init script for the inert ones). */
  violations(): Promise<string[]>;
  inertViolations(): Promise<string[]>;
  setTheme(kind: ThemeKind): Promise<void>;
  /** Posts an update and waits until the page reports it rendered. */
  update(
    diagrams: DocumentDiagram[],
    version?: number,
    uri?: string,
  ): Promise<Extract<WebviewMessage, { type: 'rendered' }>>;
  close(): Promise<void>;
}

/** Diagrams as the server would describe them, without problems (tests that need the server's problems ask it). */
export function diagrams(sources: string[], heading = 'Section'): DocumentDiagram[] {
  return sources.map((source, index) => ({
    index,
    source,
    line: index * 10,
    contentLine: index * 10 + 1,
    endLine: index * 10 + 1 + source.split('\n').length,
    heading: `${heading} ${index + 1}`,
    problems: [],
  }));
}

/** Serves dist/ and media/, `/index.html` (the preview page) and any extra pages given (path → HTML for an origin). */
export function serve(
  extraPages: Record<string, (origin: string) => string> = {},
): Promise<{ server: http.Server; origin: string }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
    const extra = extraPages[url.pathname];
    if (extra) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(extra(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
      return;
    }
    if (url.pathname === '/index.html') {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        buildPreviewHtml({
          cspSource: origin,
          nonce: createNonce(),
          mermaidScriptUri: `${origin}/dist/mermaid.min.js`,
          previewScriptUri: `${origin}/dist/preview.js`,
          styleUri: `${origin}/media/preview/preview.css`,
        }),
      );
      return;
    }
    // Only the two folders a real webview may load from (localResourceRoots).
    const rel = path.normalize(decodeURIComponent(url.pathname)).replace(/^[/\\]+/, '');
    if (!/^(dist|media)[/\\]/.test(rel)) {
      res.writeHead(404).end();
      return;
    }
    const file = path.join(root, rel);
    fs.readFile(file, (err, data) => {
      if (err) return void res.writeHead(404).end();
      const type = file.endsWith('.js')
        ? 'text/javascript'
        : file.endsWith('.css')
          ? 'text/css'
          : 'application/octet-stream';
      res.writeHead(200, { 'content-type': type }).end(data);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

let sharedBrowser: Browser | undefined;
export async function launchBrowser(): Promise<Browser> {
  sharedBrowser ??= await launchChromium();
  return sharedBrowser;
}
export async function closeBrowser(): Promise<void> {
  await sharedBrowser?.close();
  sharedBrowser = undefined;
}

export async function openHarness(
  theme: ThemeKind = 'light',
  viewport = { width: 900, height: 900 },
): Promise<Harness> {
  for (const f of ['dist/preview.js', 'dist/mermaid.min.js']) {
    if (!fs.existsSync(path.join(root, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);
  }
  const { server, origin } = await serve();
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const foreignRequests: string[] = [];
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  page.on('request', (r) => {
    const u = r.url();
    requests.push(u.startsWith(origin + '/') ? u.slice(origin.length) : u);
    if (!u.startsWith(origin + '/') && !u.startsWith('data:')) foreignRequests.push(u);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  // A string, not a function: tsx would inject its `__name` helper into a function's source, which the page lacks.
  await page.addInitScript(`
    (() => {
      const posted = [];
      const violations = [];
      window.__posted = posted;
      window.__violations = violations;
      window.__pwned = 0;
      // Mermaid's sanitiser (DOMPurify) parses labels in an inert DOMParser document; Chromium reports a blocked
      // inline handler there too, with the Document as target, although nothing there can run. Those are kept
      // apart (inert: true) so tests can require zero violations on elements of the live page, and check
      // separately (all requests are recorded) that nothing was loaded.
      document.addEventListener('securitypolicyviolation', (e) => {
        const t = e.target;
        // Chromium targets the Document (not the element) when the blocked element is not in the live page.
        const inert = t === document;
        violations.push({ directive: e.violatedDirective, blocked: e.blockedURI, inert });
      });
      // Like VS Code, state survives a reload of the webview (here: of the tab).
      let saved = JSON.parse(sessionStorage.getItem('__vscodeState') || 'null') || undefined;
      window.acquireVsCodeApi = () => ({
        postMessage: (m) => posted.push(JSON.parse(JSON.stringify(m))),
        getState: () => saved,
        setState: (s) => { saved = s; sessionStorage.setItem('__vscodeState', JSON.stringify(s)); },
      });
    })();
  `);
  await page.goto(`${origin}/index.html`);
  await page.waitForFunction(() =>
    (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'),
  );

  let version = 0;
  const h: Harness = {
    page,
    origin,
    foreignRequests,
    requests,
    consoleErrors,
    post: (message) => page.evaluate((m) => window.postMessage(m, '*'), message),
    posted: () => page.evaluate(() => (window as unknown as { __posted: WebviewMessage[] }).__posted),
    violations: () =>
      page.evaluate(() =>
        (window as unknown as { __violations: V[] }).__violations
          .filter((v) => !v.inert)
          .map((v) => `${v.directive} ${v.blocked}`),
      ),
    inertViolations: () =>
      page.evaluate(() =>
        (window as unknown as { __violations: V[] }).__violations
          .filter((v) => v.inert)
          .map((v) => `${v.directive} ${v.blocked}`),
      ),
    async setTheme(kind) {
      await page.evaluate(
        ({ vars, cls }) => {
          for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
          document.body.className = cls;
        },
        { vars: THEME_VARS[kind], cls: BODY_CLASS[kind] },
      );
    },
    async update(ds, v, uri = 'file:///work/case-studies/demo/high-level-design.md') {
      const ver = v ?? ++version;
      const before = (await h.posted()).length;
      await h.post({ type: 'update', uri, fileName: uri.split('/').pop()!, version: ver, diagrams: ds });
      await page.waitForFunction(
        ({ before, ver }) =>
          (window as unknown as { __posted: { type: string; version?: number }[] }).__posted
            .slice(before)
            .some((m) => m.type === 'rendered' && m.version === ver),
        { before, ver },
      );
      const all = await h.posted();
      return all
        .slice(before)
        .filter((m): m is Extract<WebviewMessage, { type: 'rendered' }> => m.type === 'rendered' && m.version === ver)
        .pop()!;
    },
    async close() {
      await context.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  await h.setTheme(theme);
  return h;
}
