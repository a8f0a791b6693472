// Mermaid validation as the web worker language server runs it (server/browser/webWorkerValidator.ts), in real
// headless Chromium: the real dist/browser/mermaidWorker.js finds a syntax error, and a worker that overruns the
// time budget is terminated and replaced, the next block being answered by a fresh worker.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';

const root = path.resolve(__dirname, '../..');
const MERMAID_WORKER = path.join(root, 'dist/browser/mermaidWorker.js');

// A worker that answers like the real one, except that it never returns from a block whose text is "hang".
const FAKE_WORKER = `postMessage({ ready: true });
onmessage = (e) => { if (e.data.text === 'hang') for (;;) {} postMessage({ id: e.data.id, problems: [] }); };`;

let server: http.Server;
let browser: Browser;
let page: Page;

before(async () => {
  assert.ok(fs.existsSync(MERMAID_WORKER), 'dist/browser/mermaidWorker.js is missing: run `npm run build` first');
  const validator = await esbuild.build({
    stdin: {
      contents:
        "import { createWebWorkerValidator } from './server/browser/webWorkerValidator'; (globalThis as unknown as TestGlobals).createWebWorkerValidator = createWebWorkerValidator;",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  const files: Record<string, string> = {
    '/': '<!doctype html><title>validator</title><script src="/validator.js"></script>',
    '/validator.js': validator.outputFiles[0].text,
    '/mermaidWorker.js': fs.readFileSync(MERMAID_WORKER, 'utf8'),
    '/fakeWorker.js': FAKE_WORKER,
  };
  server = http.createServer((req, res) => {
    const body = files[req.url ?? ''];
    res.writeHead(body === undefined ? 404 : 200, {
      'content-type': req.url === '/' ? 'text/html' : 'text/javascript',
    });
    res.end(body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** What the test page exposes (the browser bundle's validator factory) and what the budget test replaces (Worker). */
interface TestGlobals {
  createWebWorkerValidator(options: { workerUrl: string; timeoutMs: number }): {
    validate(text: string): Promise<{ range: { start: { line: number } }; kind?: string; message: string }[]>;
    dispose(): void;
  };
  Worker: typeof Worker;
}

test('the web worker validator reports a Mermaid syntax error at its line, through the real browser bundle', async () => {
  const problems = await page.evaluate(async () => {
    const v = (globalThis as unknown as TestGlobals).createWebWorkerValidator({
      workerUrl: '/mermaidWorker.js',
      timeoutMs: 30_000,
    });
    const broken = await v.validate('flowchart LR\n    a[App] --> b[Gateway\n    b --> c\n');
    const fine = await v.validate('flowchart LR\n    a --> b\n');
    v.dispose();
    return { broken, fine };
  });
  assert.deepEqual(problems.fine, []);
  assert.ok(problems.broken.length > 0, 'the unclosed [ is found');
  assert.equal(problems.broken[0].range.start.line, 1, JSON.stringify(problems.broken));
});

test('a block over the time budget is reported as not checked, and the stuck worker is replaced', async () => {
  const outcome = await page.evaluate(async () => {
    const NativeWorker = Worker;
    let started = 0;
    let terminated = 0;
    // Count what the validator does with its workers (the real Worker underneath).
    (globalThis as unknown as TestGlobals).Worker = class extends NativeWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        started++;
      }
      terminate(): void {
        terminated++;
        super.terminate();
      }
    };
    try {
      const v = (globalThis as unknown as TestGlobals).createWebWorkerValidator({
        workerUrl: '/fakeWorker.js',
        timeoutMs: 500,
      });
      const stuck = await v.validate('hang');
      const next = await v.validate('flowchart LR\n    a --> b\n');
      v.dispose();
      return { stuck, next, started, terminated };
    } finally {
      (globalThis as unknown as TestGlobals).Worker = NativeWorker;
    }
  });
  assert.equal(outcome.stuck.length, 1);
  assert.equal(outcome.stuck[0].kind, 'timeout');
  assert.match(outcome.stuck[0].message, /longer than 500 ms/);
  assert.deepEqual(outcome.next, [], 'the next block is answered');
  assert.equal(outcome.started, 2, 'a fresh worker answered it');
  assert.ok(outcome.terminated >= 1, 'the stuck worker was terminated');
});
