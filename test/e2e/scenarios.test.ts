// End-to-end scenarios: what a user sees in a real VS Code (code-server) with the packaged extension installed.
// One server and one browser are shared; each scenario opens its own fresh copy of a fixture workspace, asserts
// on the UI, and saves screenshots under test-results/e2e/ (they are the artifacts to look at when one fails).
//
// Adding a scenario: add a `scenario(...)` below, numbered as in issue 7, once its feature is in the tree (a
// scenario for a feature still being written would only fail; `{ skip: 'reason' }` marks a known gap instead).
// Scenarios run in order in one window; each opens a fresh copy of its workspace, so none depends on another.
// Run with `npm run test:e2e` (builds, packages, ensures code-server first).
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CodeServer, REPO, WEB_HOST_SETTINGS, Workbench, copyFixture, requireBuiltExtension } from './harness';
import { writingPosition } from '../../common/scaffold/writingPosition';
import { Commands } from '../../common/protocol';

interface Manifest {
  contributes?: { commands?: { command: string }[]; views?: Record<string, { id: string }[]>; snippets?: unknown[] };
}
const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as Manifest;
const nls = JSON.parse(fs.readFileSync(path.join(REPO, 'package.nls.json'), 'utf8')) as Record<string, string>;

/** The palette title of a contributed command ("Design Notes: Open Diagram Preview"). */
function commandTitle(commandId: string): string {
  const c = (manifest.contributes?.commands ?? []).find((x) => x.command === commandId) as
    { title: string; category?: string } | undefined;
  if (!c) throw new Error(`${commandId} is not contributed`);
  const resolve = (s: string) => s.replace(/^%(.+)%$/, (_, key: string) => nls[key] ?? key);
  return c.category ? `${resolve(c.category)}: ${resolve(c.title)}` : resolve(c.title);
}

const CHAT = 'case-studies/chat-service';

/**
 * Which extension host runs the extension: Node (this file), or the web worker host of vscode.dev and github.dev
 * (scenarios.web.test.ts sets `designNotesE2eHost` and imports this file). The same VSIX: one user setting apart.
 */
const WEB = (globalThis as { designNotesE2eHost?: string }).designNotesE2eHost === 'web';
/**
 * The scenarios the browser must pass too (issue 17). Node-host only: 08 reads the output channel's log file, which
 * the web worker host keeps in the browser, not on the server's disk; 09 kills the server's process, which in the
 * browser is a worker with no pid.
 */
const IN_WEB_HOST = new Set(['01', '02', '03', '04', '05', '06', '07', '10', '11', '12', '13']);

/** A fresh copy of the repo's examples/ folder (the demo workspace), so scenarios can use its realistic findings. */
function copyExamples(): string {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'dn-ws-examples-'));
  fs.cpSync(path.join(REPO, 'examples'), target, { recursive: true });
  return target;
}

/**
 * Waits for New Case Study's three files on disk. An open requirements.md tab proves nothing in the web host, where
 * the workspace is opened on another case study's requirements.md (the extension activates on a Markdown file there).
 */
async function waitForNewCaseStudy(folder: string): Promise<void> {
  const files = ['requirements.md', 'high-level-design.md', 'trade-offs.md'];
  for (let waited = 0; waited < 60_000 && !files.every((f) => fs.existsSync(path.join(folder, f))); waited += 250)
    await new Promise((resolve) => setTimeout(resolve, 250));
  for (const f of files) assert.ok(fs.existsSync(path.join(folder, f)), `${f} created in ${folder}`);
}

async function waitForEditorText(wb: Workbench, what: string, predicate: (text: string) => boolean): Promise<string> {
  const deadline = Date.now() + 60_000;
  let text = '';
  while (!predicate((text = await wb.editorText()))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; editor shows:\n${text}`);
    await wb.page.waitForTimeout(250);
  }
  return text;
}

/** Relative luminance (0 dark … 1 light) of the first flowchart node's fill in the preview. */
async function nodeFillLuminance(view: ReturnType<Workbench['webview']>): Promise<number> {
  const fill = await view
    .locator('.diagram svg g.node rect.label-container, .diagram svg g.node rect')
    .first()
    .evaluate((el) => getComputedStyle(el).fill);
  const [r, g, b] = (fill.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0']).slice(0, 3).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

describe('e2e scenarios in code-server', { timeout: 1_200_000 }, () => {
  let server: CodeServer;
  let wb: Workbench;

  before(async () => {
    requireBuiltExtension();
    server = await CodeServer.start(
      WEB ? { label: 'scenarios-web', settings: WEB_HOST_SETTINGS } : { label: 'scenarios' },
    );
    wb = await Workbench.launch();
    // Screenshots of the web host run are test-results/e2e/web-*.png.
    if (WEB) wb.screenshotPrefix = 'web-';
  });

  after(async () => {
    await wb?.close();
    await server?.stop();
  });

  /** A scenario: like `test`, plus a screenshot `<id>-failed.png` of what the window showed when it failed. */
  function scenario(id: string, name: string, options: { skip?: string | false }, body: () => Promise<void>): void {
    const skip = options.skip || (WEB && !IN_WEB_HOST.has(id) ? 'runs in the Node host only' : false);
    test(`${WEB ? 'web host: ' : ''}${id}. ${name}`, { ...options, skip }, async () => {
      try {
        await body();
      } catch (e) {
        await wb.screenshot(`${id}-failed`).catch(() => undefined);
        throw e;
      }
    });
  }

  /**
   * Opens a workspace. In the web host the extension is then started by opening a Markdown file (onLanguage):
   * `workspaceContains` activation needs a file search provider, which code-server's web worker host waits for in
   * vain (vscode.dev has one). `file` is one the scenario would open anyway, or any requirements file.
   */
  async function openWorkspace(ws: string, file = 'requirements.md'): Promise<void> {
    await wb.open(server, ws);
    if (WEB) await wb.openFile(file);
  }

  scenario(
    '01',
    'opening the workspace lists missing files and sections in Problems; fixing them on disk clears them',
    {},
    async () => {
      const ws = copyFixture('missing-parts');
      await openWorkspace(ws);
      // Nothing is opened in an editor: the server checks the whole workspace at start.
      const rows = await wb.waitForProblems(
        'missing trade-offs.md and missing Non-Functional Requirements',
        (r) => r.some((t) => t.includes('trade-offs.md')) && r.some((t) => t.includes('Non-Functional Requirements')),
      );
      assert.ok(
        rows.some((t) => t.includes('missing-file')),
        `rule id shown for the missing file: ${JSON.stringify(rows)}`,
      );
      assert.ok(
        rows.some((t) => t.includes('missing-section')),
        `rule id shown for the missing section: ${JSON.stringify(rows)}`,
      );
      if (!WEB)
        assert.equal(await wb.page.locator('.editor-instance .monaco-editor').count(), 0, 'no editor was opened');
      await wb.screenshot('01-problems-at-start');

      fs.writeFileSync(
        path.join(ws, CHAT, 'trade-offs.md'),
        '# Chat Service — Trade-offs\n\n## WebSockets vs. long polling\n\nWebSockets keep one connection per device instead of a request per poll; we chose them over long polling for latency.\n',
      );
      await wb.waitForProblems('the missing-file problem to clear', (r) => !r.some((t) => t.includes('missing-file')));

      fs.appendFileSync(
        path.join(ws, CHAT, 'requirements.md'),
        '\n## Non-Functional Requirements\n\n- p99 delivery latency under 500 ms.\n- 99.9% monthly availability.\n',
      );
      const cleared = await wb.waitForProblems(
        'the missing-section problem to clear',
        (r) => !r.some((t) => t.includes('missing-section')),
      );
      assert.ok(!cleared.some((t) => t.includes('missing-file')), `missing-file came back: ${JSON.stringify(cleared)}`);
      await wb.screenshot('01-problems-cleared');
    },
  );

  scenario('02', 'a Mermaid syntax error is squiggled in the editor and listed in Problems', {}, async () => {
    const ws = copyExamples();
    await openWorkspace(ws);
    await wb.openFile('case-studies/notification-system/high-level-design.md');
    // examples/…/notification-system/high-level-design.md line 12 opens a hexagon node `{{` it never closes.
    const rows = await wb.waitForProblems('a mermaid-syntax problem', (r) =>
      r.some((t) => t.includes('mermaid-syntax')),
    );
    const row = rows.find((t) => t.includes('mermaid-syntax')) ?? '';
    assert.match(row, /\[Ln 1[1-3], Col \d+\]/, `the error points into the broken diagram: ${row}`);
    await wb.editor().locator('.squiggly-error').first().waitFor({ state: 'attached', timeout: 60_000 });
    await wb.screenshot('02-mermaid-error');
  });

  scenario('03', 'New Case Study asks for a title and creates the case-study files', {}, async () => {
    const ws = copyFixture('missing-parts');
    await openWorkspace(ws);
    await wb.waitForProblems('the extension to be running', (r) => r.some((t) => t.includes('missing-file')));
    await wb.runCommand(commandTitle(Commands.newCaseStudy));
    await wb.answerQuickInput('Payment Gateway');
    // With more than one template set the command asks which one; take the standard set.
    const pick = wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Standard' }).first();
    if (
      await pick.waitFor({ state: 'visible', timeout: 5000 }).then(
        () => true,
        () => false,
      )
    )
      await pick.click();
    const folder = path.join(ws, 'case-studies', 'payment-gateway');
    await waitForNewCaseStudy(folder);
    await wb.page
      .locator('.tabs-container .tab.active', { hasText: 'requirements.md' })
      .waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(fs.readFileSync(path.join(folder, 'requirements.md'), 'utf8'), /Payment Gateway/);
    await wb.screenshot('03-new-case-study');
  });

  scenario(
    '04',
    'completion offers the missing section heading, a snippet expands, and a pattern prefix offers the catalog card',
    {},
    async () => {
      const ws = copyFixture('missing-parts');
      await openWorkspace(ws);
      await wb.openFile(`${CHAT}/requirements.md`);
      // In the web host the extension starts only when this Markdown file opens (no workspaceContains there): a
      // suggestion asked for before its server is up shows "No suggestions" (seen in CI). Wait for its findings.
      await wb.waitForProblems('the extension to be running', (r) => r.some((t) => t.includes('missing-file')));
      await wb.page.keyboard.press('Control+End');
      await wb.typeInEditor('\n## Non');
      await wb.acceptSuggestion('Non-Functional Requirements');
      await waitForEditorText(wb, 'the completed heading', (t) => t.includes('## Non-Functional Requirements'));
      await wb.page.keyboard.press('Control+End');
      await wb.typeInEditor('\n\ndn-nfr');
      await wb.acceptSuggestion('dn-nfr');
      await wb.page.keyboard.press('Escape'); // close the snippet's choice list
      // The snippet writes a prompt (a comment), not a finished requirement; its long line wraps in the editor, so look for
      // words from its start.
      const text = await waitForEditorText(wb, 'the expanded snippet', (t) =>
        t.includes('a target with a number and a unit'),
      );
      assert.ok(!text.includes('dn-nfr'), 'the prefix was replaced by the snippet');
      await wb.screenshot('04-completion-snippet');
      await wb.waitForProblems(
        'the missing-section problem to clear while typing (unsaved)',
        (r) => !r.some((t) => t.includes('missing-section')),
      );

      // A pattern prefix in prose offers the catalog entry, with its card in the suggestion's documentation.
      await wb.page.keyboard.press('Control+End');
      await wb.typeInEditor('\n\nProvider calls go through a circu');
      const row = wb.page
        .locator('.editor-widget.suggest-widget.visible .monaco-list-row', { hasText: 'Circuit Breaker' })
        .first();
      await wb.page.keyboard.press('Control+Space');
      await row.waitFor({ state: 'visible', timeout: 60_000 });
      const details = wb.page.locator('.suggest-details-container .suggest-details, .editor-widget.suggest-details');
      for (
        let i = 0;
        i < 3 &&
        !(await details
          .first()
          .isVisible()
          .catch(() => false));
        i++
      )
        await wb.page.keyboard.press('Control+Space');
      await wb.page.waitForFunction(
        () => /wraps calls to a dependency/.test(document.querySelector('.suggest-details')?.textContent ?? ''),
        undefined,
        { timeout: 60_000 },
      );
      await wb.screenshot('04-pattern-completion');
      await wb.acceptSuggestion('Circuit Breaker');
      await waitForEditorText(wb, 'the accepted pattern name', (t) =>
        t.includes('Provider calls go through a Circuit Breaker'),
      );
    },
  );

  scenario('05', 'quick fixes add the missing section and create the missing file', {}, async () => {
    const ws = copyFixture('missing-parts');
    await openWorkspace(ws);
    await wb.openFile(`${CHAT}/requirements.md`);
    await wb.waitForProblems(
      'both problems',
      (r) => r.some((t) => t.includes('missing-file')) && r.some((t) => t.includes('missing-section')),
    );
    await wb.goToLine(1, 3);
    await wb.applyQuickFix("Add section 'Non-Functional Requirements'");
    await waitForEditorText(wb, 'the inserted section', (t) => t.includes('Non-Functional Requirements'));
    await wb.goToLine(1, 3);
    await wb.applyQuickFix('Create trade-offs.md from its template');
    await wb.page
      .locator('.tabs-container .tab.active', { hasText: 'trade-offs.md' })
      .waitFor({ state: 'visible', timeout: 60_000 });
    assert.ok(fs.existsSync(path.join(ws, CHAT, 'trade-offs.md')), 'trade-offs.md written to disk');
    await wb.waitForProblems('the missing-file problem to clear', (r) => !r.some((t) => t.includes('missing-file')));
    await wb.screenshot('05-quick-fixes');
  });

  scenario('06', 'the diagram preview renders the Mermaid blocks of the open file', {}, async () => {
    const ws = copyFixture('missing-parts');
    await openWorkspace(ws);
    await wb.openFile(`${CHAT}/high-level-design.md`);
    await wb.runCommand(commandTitle(Commands.openPreview));
    const view = wb.webview();
    // The fixture's flowchart has four nodes; their labels are SVG text (split over lines, hence no spaces compared).
    await view.locator('.diagram svg g.node').nth(3).waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await view.locator('.diagram svg').count(), 1, 'one diagram in the file, one SVG');
    const labels = (await view.locator('.diagram svg').first().textContent())?.replace(/\s+/g, '') ?? '';
    for (const label of ['Mobileapp', 'WebSocketgateway', 'Chatservice', 'Messagestore'])
      assert.ok(labels.includes(label), `${label} drawn; text: ${labels}`);
    const lightFill = await nodeFillLuminance(view);
    await wb.screenshot('06-preview-light');

    // A dark colour theme re-renders the diagrams with mermaid's dark theme.
    await wb.runCommand('Preferences: Toggle between Light/Dark Themes');
    await view.locator('body.vscode-dark').waitFor({ state: 'attached', timeout: 60_000 });
    let darkFill = lightFill;
    const deadline = Date.now() + 60_000;
    while ((darkFill = await nodeFillLuminance(view)) >= 0.5 && Date.now() < deadline)
      await wb.page.waitForTimeout(250);
    await wb.screenshot('06-preview-dark');
    assert.ok(lightFill > 0.5, `light theme draws light nodes (luminance ${lightFill})`);
    assert.ok(darkFill < 0.5, `dark theme draws dark nodes (luminance ${darkFill})`);
    await wb.runCommand('Preferences: Toggle between Light/Dark Themes');
    await view.locator('body.vscode-light').waitFor({ state: 'attached', timeout: 60_000 });
  });

  scenario('07', 'the Case Studies view lists each case study with what is missing', {}, async () => {
    const ws = copyFixture('missing-parts');
    await openWorkspace(ws);
    // The view is a section of the Explorer, collapsed at first: expand it by its header.
    const header = wb.page.locator('.pane-header', { hasText: 'Case Studies' }).first();
    await header.waitFor({ state: 'visible', timeout: 60_000 });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const view = wb.page.locator('.pane', { has: header });
    const caseRow = view.locator('.monaco-list-row', { hasText: 'Chat Service' }).first();
    await caseRow.waitFor({ state: 'visible', timeout: 60_000 });
    if ((await caseRow.getAttribute('aria-expanded')) !== 'true') await caseRow.click();
    const missingRow = view.locator('.monaco-list-row', { hasText: 'trade-offs.md' }).first();
    await missingRow.waitFor({ state: 'visible', timeout: 60_000 });
    assert.match((await missingRow.innerText()).replace(/\s+/g, ' '), /missing/);
    await wb.screenshot('07-case-studies-view');
  });

  scenario(
    '10',
    'a fresh New Case Study is not complete in the Case Studies view; typing lands under the prompt',
    {},
    async () => {
      const ws = copyFixture('missing-parts');
      await openWorkspace(ws);
      await wb.waitForProblems('the extension to be running', (r) => r.some((t) => t.includes('missing-file')));
      await wb.runCommand(commandTitle(Commands.newCaseStudy));
      await wb.answerQuickInput('Rate Limiter');
      const pick = wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Standard' }).first();
      if (
        await pick.waitFor({ state: 'visible', timeout: 5000 }).then(
          () => true,
          () => false,
        )
      )
        await pick.click();
      await waitForNewCaseStudy(path.join(ws, 'case-studies', 'rate-limiter'));
      await wb.page
        .locator('.tabs-container .tab.active', { hasText: 'requirements.md' })
        .waitFor({ state: 'visible', timeout: 60_000 });
      const file = path.join(ws, 'case-studies', 'rate-limiter', 'requirements.md');
      const created = fs.readFileSync(file, 'utf8');
      // The cursor waits on the empty line under the first prompt: typing goes after the hint, not in front of it.
      const at = writingPosition(created)!;
      await wb.page
        .locator('[id="status.editor.selection"]', { hasText: `Ln ${at.line + 1},` })
        .waitFor({ state: 'visible', timeout: 60_000 });
      await wb.typeInEditor('Public APIs need protection from clients that send too many requests.');
      const typed = await waitForEditorText(wb, 'the typed sentence', (t) => t.includes('too many requests.'));
      const lines = typed.split('\n');
      const sentence = lines.findIndex((l) => l.includes('too many requests.'));
      assert.match(lines[sentence - 1] ?? '', /-->\s*$/, `typed under the prompt, not in front of it:\n${typed}`);
      assert.ok(
        !created.includes('**Author:** ') || /\*\*Author:\*\* <!-- your name -->/.test(created),
        'the author line is left to the student',
      );

      // The Case Studies view: nothing written yet, so not complete (no green check), every required section empty.
      const header = wb.page.locator('.pane-header', { hasText: 'Case Studies' }).first();
      await header.waitFor({ state: 'visible', timeout: 60_000 });
      if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
      const view = wb.page.locator('.pane', { has: header });
      const row = view.locator('.monaco-list-row', { hasText: 'Rate Limiter' }).first();
      await row.waitFor({ state: 'visible', timeout: 60_000 });
      const deadline = Date.now() + 60_000;
      let text = '';
      // trade-offs.md is only a title and a prompt (a stub): there, but not counted as written.
      while (
        !/2\/3 files · 0\/4 sections/.test((text = (await row.innerText()).replace(/\s+/g, ' '))) &&
        Date.now() < deadline
      )
        await wb.page.waitForTimeout(250);
      assert.match(text, /2\/3 files · 0\/4 sections · 1 diagram · 5 warnings/);
      assert.equal(await row.locator('.codicon-pass').count(), 0, 'no "complete" check for a case study nobody wrote');
      assert.equal(await row.locator('.codicon-circle-large-outline').count(), 1, 'shown as incomplete');
      const rows = await wb.waitForProblems(
        'the empty sections and the unwritten trade-offs of the new case study',
        (r) => r.filter((t) => t.includes('empty-section')).length >= 4 && r.some((t) => t.includes('stub-file')),
      );
      assert.ok(
        rows.some((t) => /Functional Requirements.*is empty/.test(t)),
        JSON.stringify(rows),
      );
      await wb.screenshot('10-fresh-case-study-incomplete');
    },
  );

  scenario(
    '11',
    'Enter after typing `api --> db` in a flowchart starts a new line (no completion takes it)',
    {},
    async () => {
      const ws = copyFixture('missing-parts');
      fs.writeFileSync(
        path.join(ws, CHAT, 'flow.md'),
        '# Flow\n\n```mermaid\nflowchart LR\n    client[Client] --> api[API]\n```\n',
      );
      await openWorkspace(ws);
      await wb.openFile(`${CHAT}/flow.md`);
      await wb.goToLine(5, 32);
      await wb.page.keyboard.press('End');
      // Typed key by key, as a student types (Enter keeps the line's indentation): the space after `-->` is where a
      // list used to open, and Enter then took `db` for `db[(Database)]`.
      await wb.typeInEditor('\napi --> db');
      await wb.page.keyboard.press('Enter');
      await wb.typeInEditor('db --> gw');
      await wb.page.keyboard.press('Enter');
      await wb.typeInEditor('gw');
      const text = await waitForEditorText(wb, 'three typed lines', (t) =>
        /\n\s*gw\s*(\n|$)/.test(t.split('db --> gw')[1] ?? ''),
      );
      assert.match(text, /\n {4}api --> db\n {4}db --> gw\n {4}gw/, `each Enter started a new line:\n${text}`);
      assert.doesNotMatch(
        text,
        /\[\(Database\)\]|\[API Gateway\]|label/,
        `no component or edge snippet was inserted:\n${text}`,
      );
      assert.equal(
        await wb.page.locator('.editor-widget.suggest-widget.visible').count(),
        0,
        'no suggestion list open',
      );
      await wb.screenshot('11-enter-after-node-id');
    },
  );

  scenario(
    '12',
    "an unclosed '{{' is marked on the line that opens it, in Problems and in the preview",
    {},
    async () => {
      const ws = copyExamples();
      await openWorkspace(ws);
      const rel = 'case-studies/notification-system/high-level-design.md';
      const lines = fs.readFileSync(path.join(ws, rel), 'utf8').split('\n');
      const opener = lines.findIndex((l) => l.includes('{{Channel queues}')) + 1;
      const column = lines[opener - 1].indexOf('{{') + 1;
      await wb.openFile(rel);
      const rows = await wb.waitForProblems('the mermaid-syntax problem', (r) =>
        r.some((t) => t.includes('mermaid-syntax')),
      );
      const row = rows.find((t) => t.includes('mermaid-syntax')) ?? '';
      assert.ok(
        row.includes(`[Ln ${opener}, Col ${column}]`),
        `on the opener's line ${opener}, column ${column}: ${row}`,
      );
      assert.match(row, /Unclosed '\{\{': the shape opened here is never closed with '\}\}'/);
      assert.doesNotMatch(row, /line \d/i, `no diagram-relative line in the message: ${row}`);
      await wb.screenshot('12-unclosed-brace-problems');
      await wb.runCommand(commandTitle(Commands.openPreview));
      const view = wb.webview();
      const error = view.locator('.diagram-error:not([hidden])').first();
      await error.waitFor({ state: 'visible', timeout: 60_000 });
      assert.equal(await error.getAttribute('data-line'), String(opener - 1));
      assert.match(await error.innerText(), new RegExp(`Line ${opener}: Unclosed '\\{\\{'`));
      await wb.screenshot('12-unclosed-brace-preview');
    },
  );

  scenario('08', 'the extension logs no errors in its output channel', {}, async () => {
    // Runs last, so the log covers start-up and every scenario above. Log channels are written to files under
    // the server's user-data logs; VS Code flushes them shortly after each line.
    const ws = copyFixture('missing-parts');
    await openWorkspace(ws);
    await wb.waitForProblems('the extension to be running', (r) => r.some((t) => t.includes('missing-file')));
    const channelLogs = () => server.logFiles().filter((f) => path.basename(f).includes('Design Notes'));
    await new Promise<void>((resolve, reject) => {
      const deadline = Date.now() + 60_000;
      const poll = () =>
        channelLogs().length
          ? resolve()
          : Date.now() > deadline
            ? reject(new Error('no "Design Notes" output channel log was written'))
            : setTimeout(poll, 250);
      poll();
    });
    const errorLines = channelLogs().flatMap((f) =>
      fs
        .readFileSync(f, 'utf8')
        .split('\n')
        .filter((l) => /\[error\]|\[Error\b|\bError:|Unhandled|exception/i.test(l))
        .map((l) => `${path.basename(f)}: ${l}`),
    );
    // The extension host log reports activation failures and uncaught errors per extension. Only what happened
    // while a window used it counts: requests cut off when an earlier scenario's window went away
    // ("Channel has been closed" after "Extension host terminating") are not something a user sees.
    const hostErrors = server
      .logFiles()
      .filter((f) => /exthost\.log$/i.test(f))
      .flatMap((f) => {
        const lines = fs.readFileSync(f, 'utf8').split('\n');
        const end = lines.findIndex((l) => l.includes('Extension host terminating'));
        return end === -1 ? lines : lines.slice(0, end);
      })
      .filter((l) => /\[error\]/i.test(l) && /design-notes/i.test(l));

    await wb.runCommand('Output: Show Output Channels...');
    await wb.answerQuickInput('Design Notes', 'Design Notes');
    await wb.page.locator('.output-view, .panel .monaco-editor').first().waitFor({ state: 'visible', timeout: 60_000 });
    await wb.screenshot('08-output-channel');
    assert.deepEqual([...errorLines, ...hostErrors], []);
  });

  scenario(
    '09',
    'the language server killed by pid is restarted and the problems come back, fresh from disk',
    {},
    async () => {
      // After 08 on purpose: a killed server writes crash lines to the output channel that 08 would count.
      const ws = copyFixture('missing-parts');
      await openWorkspace(ws);
      await wb.waitForProblems(
        'missing-file and missing-section',
        (r) => r.some((t) => t.includes('missing-file')) && r.some((t) => t.includes('missing-section')),
      );
      const serverPids = () =>
        execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
          .split('\n')
          .filter((l) => l.includes(path.join(server.runDir, 'extensions')) && /dist[\\/]server\.js/.test(l))
          .map((l) => Number(l.trim().split(/\s+/)[0]));
      const before = serverPids();
      assert.ok(before.length > 0, 'the language server process was found with ps');
      for (const pid of before) process.kill(pid, 'SIGKILL');
      // Written while no server runs: only a fresh server's start-up check can see it.
      fs.writeFileSync(
        path.join(ws, CHAT, 'trade-offs.md'),
        '# Trade-offs\n\n## WebSockets vs. long polling\n\nWebSockets instead of polling, for latency.\n',
      );
      const deadline = Date.now() + 60_000;
      while (!serverPids().some((pid) => !before.includes(pid))) {
        if (Date.now() > deadline) throw new Error('no new language server process within 60 s');
        await new Promise((r) => setTimeout(r, 250));
      }
      const rows = await wb.waitForProblems(
        'the restarted server to publish (missing-section, no missing-file)',
        (r) => r.some((t) => t.includes('missing-section')) && !r.some((t) => t.includes('missing-file')),
      );
      assert.ok(rows.length > 0);
      await wb.screenshot('09-after-restart');
    },
  );

  scenario(
    '13',
    'estimates: the computed value shows as an inlay hint, a wrong result is squiggled and its hover shows the steps',
    {},
    async () => {
      const ws = copyFixture('missing-parts');
      fs.writeFileSync(
        path.join(ws, CHAT, 'estimates.md'),
        '# Chat Service — Estimates\n\n- Messages: 100M DAU × 40 messages/day ÷ 86,400 s ≈ 46K/s\n- Storage: 4B messages/day × 200 bytes = 80 GB/day\n- Yearly: 800 GB/day × 365 days = 29 TB\n- Fan-out peak: 46K/s × 5 devices\n',
      );
      await openWorkspace(ws);
      await wb.openFile(`${CHAT}/estimates.md`);
      const rows = await wb.waitForProblems('an estimate-math warning', (r) =>
        r.some((t) => t.includes('estimate-math')),
      );
      assert.ok(
        rows.some((t) => /800 GB\/day × 365 days = 292 TB, not 29 TB \(10× too small\)/.test(t)),
        JSON.stringify(rows),
      );
      // Hints are text the editor injects after each expression (none of these values is written in the file).
      await waitForEditorText(
        wb,
        'the inlay hints',
        (t) => t.includes('= 46,296/s') && t.includes('= 292 TB') && t.includes('= 230,000 devices/s'),
      );
      await wb.editor().locator('.squiggly-warning').first().waitFor({ state: 'attached', timeout: 60_000 });
      await wb.screenshot('13-estimates-hints');
      await wb.goToLine(5, 38);
      await wb.runCommand('Show or Focus Hover');
      // The diagnostic's part of the hover comes first; the server's steps and verdict follow.
      await wb.page
        .locator('.monaco-hover', { hasText: 'Stated 29 TB: 10× too small; computed 292 TB' })
        .first()
        .waitFor({ state: 'visible', timeout: 60_000 });
      await wb.screenshot('13-estimates');
    },
  );
});
