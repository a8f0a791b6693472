// End-to-end: the case-study features as a user meets them in a real VS Code (code-server, packaged extension):
// the Case Studies view lists what the server knows and follows the disk; New Case Study through the input box
// (live folder name, template pick), the editor opened at the placeholder, a second run offering "Open Existing".
// Screenshots go to test-results/e2e/. Run with `npm run test:e2e`.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writingPosition } from '../../common/scaffold/writingPosition';
import { CodeServer, Workbench, copyFixture, requireBuiltExtension } from './harness';

const TIMEOUT = 60_000;

async function poll<T>(what: string, check: () => Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('case studies in code-server', { timeout: 400_000 }, () => {
  let server: CodeServer;
  let wb: Workbench;

  before(async () => {
    requireBuiltExtension();
    server = await CodeServer.start({ label: 'case-studies' });
    wb = await Workbench.launch();
  });

  after(async () => {
    await wb?.close();
    await server?.stop();
  });

  const viewRows = () =>
    wb.page
      .locator('.pane', { has: wb.page.locator('.pane-header', { hasText: 'Case Studies' }) })
      .locator('.monaco-list-row');
  const rowText = async () => (await viewRows().allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());

  /** Runs one UI step; on failure keeps a screenshot named after it. */
  async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      await wb.screenshot(`case-studies-failed-${name.replace(/\W+/g, '-')}`).catch(() => undefined);
      throw e;
    }
  }

  async function showView(): Promise<void> {
    await wb.runCommand('View: Show Explorer');
    const header = wb.page.locator('.pane-header', { hasText: 'Case Studies' });
    await header.waitFor({ state: 'visible', timeout: TIMEOUT });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  }

  test('the Case Studies view shows completeness, expands to files, sections and missing files, and follows the disk', async () => {
    const ws = copyFixture('missing-parts');
    await wb.open(server, ws);
    await showView();
    const row = viewRows().filter({ hasText: 'Chat Service' });
    await row.waitFor({ state: 'visible', timeout: TIMEOUT });
    // requirements.md lacks Non-Functional Requirements and trade-offs.md is missing.
    assert.match((await row.innerText()).replace(/\s+/g, ' '), /2\/3 files · 3\/4 sections · 1 diagram · 1 error/);
    await row.locator('.monaco-tl-twistie').click();
    const expanded = await poll('the case study to expand', async () => {
      const rows = await rowText();
      return rows.some((t) => t.startsWith('trade-offs.md') && t.includes('missing')) &&
        rows.some((t) => t.startsWith('requirements.md'))
        ? rows
        : undefined;
    });
    assert.ok(
      expanded.some((t) => t.startsWith('high-level-design.md')),
      JSON.stringify(expanded),
    );

    // A section row opens its file at the heading.
    // The twistie expands; a click on the row itself opens the file.
    await viewRows().filter({ hasText: 'high-level-design.md' }).first().locator('.monaco-tl-twistie').click();
    const section = viewRows().filter({ hasText: 'Key Components' }).first();
    await section.waitFor({ state: 'visible', timeout: TIMEOUT });
    await section.click();
    await wb.page
      .locator('.tabs-container .tab.active', { hasText: 'high-level-design.md' })
      .waitFor({ state: 'visible', timeout: TIMEOUT });
    const text = fs.readFileSync(path.join(ws, 'case-studies/chat-service/high-level-design.md'), 'utf8').split('\n');
    const line = text.findIndex((l) => /^##\s+Key Components/.test(l)) + 1;
    await poll(`the cursor on line ${line}`, async () =>
      (await wb.page.locator('[id="status.editor.selection"]').innerText()).includes(`Ln ${line},`),
    );
    await wb.screenshot('case-studies-view');

    // No click, no polling in the extension: a new folder on disk shows up through the file events.
    // Collapse, so the new row is inside the (small) view and rendered.
    await row.locator('.monaco-tl-twistie').click();
    fs.mkdirSync(path.join(ws, 'case-studies/rate-limiter'));
    fs.writeFileSync(path.join(ws, 'case-studies/rate-limiter/requirements.md'), '# Rate Limiter — Requirements\n');
    await viewRows().filter({ hasText: 'Rate Limiter' }).waitFor({ state: 'visible', timeout: TIMEOUT });
    fs.rmSync(path.join(ws, 'case-studies/rate-limiter'), { recursive: true });
    await viewRows().filter({ hasText: 'Rate Limiter' }).waitFor({ state: 'detached', timeout: TIMEOUT });
  });

  test('New Case Study: the input box shows the folder it creates, requirements.md opens under the first prompt, a second run offers "Open Existing"', async () => {
    const ws = copyFixture('missing-parts');
    await wb.open(server, ws);
    // The palette lists a command only if it was opened after the extension's contributions were read.
    await wb.waitForProblems('the extension to be running', (r) => r.some((t) => t.includes('missing-file')));
    await step('palette', () => wb.runCommand('Design Notes: New Case Study'));
    const input = wb.page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('URL Shortener');
    const message = wb.page.locator('.quick-input-widget .quick-input-message');
    await poll('the derived folder name', async () =>
      (await message.innerText()).includes('case-studies/url-shortener'),
    );
    await input.press('Enter');
    // Two built-in template sets: the pick list appears.
    await wb.answerQuickInput('Standard', 'Standard');
    await wb.page
      .locator('.tabs-container .tab.active', { hasText: 'requirements.md' })
      .waitFor({ state: 'visible', timeout: TIMEOUT });
    const folder = path.join(ws, 'case-studies/url-shortener');
    assert.deepEqual(fs.readdirSync(folder).sort(), ['high-level-design.md', 'requirements.md', 'trade-offs.md']);
    // The cursor waits under the first prompt (the empty line after its comment), so typing does not go in front of it.
    const placeholderLine = writingPosition(fs.readFileSync(path.join(folder, 'requirements.md'), 'utf8'))!.line + 1;
    await poll(`the cursor under the first prompt (line ${placeholderLine})`, async () =>
      (await wb.page.locator('[id="status.editor.selection"]').innerText()).includes(`Ln ${placeholderLine},`),
    );
    await wb.screenshot('new-case-study-created');

    const before = fs.readFileSync(path.join(folder, 'requirements.md'), 'utf8');
    await step('palette again', () => wb.runCommand('Design Notes: New Case Study'));
    await input.fill('URL Shortener');
    await poll('the "already exists" warning', async () => (await message.innerText()).includes('already exists'));
    await input.press('Enter');
    await wb.answerQuickInput('Standard', 'Standard');
    const toast = wb.page.locator('.notification-toast', { hasText: 'already exists' });
    await toast.waitFor({ state: 'visible', timeout: TIMEOUT });
    await toast.locator('.monaco-button', { hasText: 'Open Existing' }).waitFor({ state: 'visible', timeout: TIMEOUT });
    await toast
      .locator('.monaco-button', { hasText: 'Choose Another Name' })
      .waitFor({ state: 'visible', timeout: TIMEOUT });
    await wb.screenshot('new-case-study-exists');
    assert.equal(fs.readFileSync(path.join(folder, 'requirements.md'), 'utf8'), before, 'nothing was overwritten');
    await toast.locator('.monaco-button', { hasText: 'Choose Another Name' }).click();
    // Asked again with the title prefilled.
    await poll(
      'the title asked again',
      async () => (await input.isVisible()) && (await input.inputValue()) === 'URL Shortener',
    );
    await input.fill('URL Shortener v2');
    await input.press('Enter');
    await wb.page
      .locator('.tabs-container .tab.active', { hasText: 'requirements.md' })
      .waitFor({ state: 'visible', timeout: TIMEOUT });
    await poll('the second case study on disk', async () =>
      fs.existsSync(path.join(ws, 'case-studies/url-shortener-v2/trade-offs.md')),
    );
  });
});
