// End-to-end harness: a real VS Code (code-server, the npm build of VS Code's workbench) on 127.0.0.1 with the
// packaged extension installed, driven by Debian's Chromium through playwright-core.
//
// Facts this relies on (measured, see ../shared/notes/vscode-e2e.md): code-server needs Node 24 and `--config`
// (else it reads ~/.config/code-server with password auth); EXTENSIONS_GALLERY='{}' stops a gallery look-up that
// can only fail offline; it is started in its own session (detached = setsid) so stopping the process group also
// stops its file watcher and extension host; the extension host starts only once a browser window connects.
// Every wait is on a selector with a 60 s timeout: on 2 cores the workbench needs 7–13 s to come up.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromiumProfile } from '../support/chromium';
import { ensureCodeServer } from '../../scripts/e2e/ensure-code-server.mjs';
import { CALM_WORKBENCH_SETTINGS } from '../../scripts/e2e/workbenchSettings.mjs';

export const REPO = path.resolve(__dirname, '../..');
export const VSIX = path.join(REPO, 'dist-vsix', 'design-notes.vsix');
export const RESULTS = path.join(REPO, 'test-results', 'e2e');
export const FIXTURES = path.join(__dirname, 'fixtures');
export const TIMEOUT = 60_000;
/**
 * User settings that run the extension in code-server's web worker extension host (what vscode.dev and github.dev
 * run) instead of its Node host: the same VSIX, with its package.json `browser` entry.
 */
export const WEB_HOST_SETTINGS = { 'remote.extensionKind': { 'design-notes.design-notes': ['web'] } };

/** Fails early, with the command to run, when the extension has not been built and packaged. */
export function requireBuiltExtension(options: { vsix?: boolean } = { vsix: true }): void {
  const missing = ['dist/extension.js', 'dist/server.js'].filter((f) => !fs.existsSync(path.join(REPO, f)));
  if (missing.length) {
    throw new Error(
      `e2e: the extension is not built (${missing.join(', ')} missing). Run \`npm run build\` (or \`npm run test:e2e\`, which builds and packages first).`,
    );
  }
  if (options.vsix && !fs.existsSync(VSIX)) {
    throw new Error(
      `e2e: ${path.relative(REPO, VSIX)} is missing. Run \`npm run package\` first (\`npm run test:e2e\` does it).`,
    );
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A fresh copy of a fixture folder (tests edit their workspace; the fixture stays as it is). */
export function copyFixture(name: string): string {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), `dn-ws-${name}-`));
  fs.cpSync(path.join(FIXTURES, name), target, { recursive: true });
  return target;
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeout = TIMEOUT): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`e2e: timed out after ${timeout / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface CodeServerOptions {
  /** Install this VSIX into the server's own extensions folder (default: the packaged extension). */
  vsix?: string | false;
  /** Further VSIX files to install beside it (the activation bench's empty extension). */
  alsoInstall?: string[];
  /** Enables the smoke-test driver, needed to run an extension test suite through the `payload` URL parameter. */
  smokeTestDriver?: boolean;
  port?: number;
  /** Keep user data in this folder instead of a temp one. */
  runDir?: string;
  /** User settings written before start. */
  settings?: Record<string, unknown>;
  /** Extra environment for code-server (its extension host inherits it). */
  env?: Record<string, string>;
  /** Name of the folder under test-results/e2e/logs/ that keeps this run's logs after stop(). */
  label?: string;
}

/** One code-server process (and its process group), with its own user-data and extensions folders. */
export class CodeServer {
  private constructor(
    readonly port: number,
    readonly runDir: string,
    readonly userDataDir: string,
    private readonly child: ChildProcess,
    readonly logFile: string,
    private readonly label: string,
    private readonly ownsRunDir: boolean,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(options: CodeServerOptions = {}): Promise<CodeServer> {
    const cs = ensureCodeServer();
    const port = options.port ?? (await freePort());
    const runDir = options.runDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'dn-code-server-'));
    const userDataDir = path.join(runDir, 'user-data');
    const extensionsDir = path.join(runDir, 'extensions');
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    fs.mkdirSync(extensionsDir, { recursive: true });
    const configFile = path.join(runDir, 'config.yaml');
    fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    fs.writeFileSync(
      path.join(userDataDir, 'User', 'settings.json'),
      JSON.stringify(
        {
          // A calm, predictable window: no welcome page, tips, chat or update prompts (shared with `npm run demo`).
          ...CALM_WORKBENCH_SETTINGS,
          ...options.settings,
        },
        null,
        2,
      ),
    );
    const env = { ...process.env, ...options.env, EXTENSIONS_GALLERY: '{}' };
    const common = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

    const vsix = options.vsix === undefined ? VSIX : options.vsix;
    for (const file of [...(vsix ? [vsix] : []), ...(options.alsoInstall ?? [])]) {
      if (!fs.existsSync(file)) throw new Error(`e2e: ${file} is missing. Run \`npm run package\` first.`);
      const r = spawnSync(cs.node, [cs.entry, ...common, '--install-extension', file, '--force'], {
        env,
        encoding: 'utf8',
        timeout: TIMEOUT,
      });
      if (r.status !== 0)
        throw new Error(`e2e: installing ${file} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
    }

    const logFile = path.join(runDir, 'code-server.log');
    const log = fs.openSync(logFile, 'a');
    const args = [
      cs.entry,
      ...common,
      '--disable-workspace-trust',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
    ];
    if (options.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
    // detached: the child calls setsid(), so it leads its own process group and stop() can signal all of it.
    const child = spawn(cs.node, args, { env, detached: true, stdio: ['ignore', log, log] });
    fs.closeSync(log);
    const server = new CodeServer(
      port,
      runDir,
      userDataDir,
      child,
      logFile,
      options.label ?? 'code-server',
      !options.runDir,
    );
    let exited = false;
    child.once('exit', () => (exited = true));
    try {
      await waitFor(`code-server on port ${port} (log: ${logFile})`, async () => {
        if (exited) throw new Error(`e2e: code-server exited at start; log:\n${fs.readFileSync(logFile, 'utf8')}`);
        try {
          return (await fetch(`${server.url}/healthz`)).ok;
        } catch {
          return false;
        }
      });
    } catch (e) {
      await server.stop();
      throw e;
    }
    return server;
  }

  /** URL that opens `folder`, optionally with extra query parameters (e.g. the test payload). */
  folderUrl(folder: string, query: Record<string, string> = {}): string {
    const params = new URLSearchParams({ folder, ...query });
    return `${this.url}/?${params.toString()}`;
  }

  /** Log files VS Code wrote for this run (extension host, output channels), for assertions and post-mortems. */
  logFiles(): string[] {
    const logsDir = path.join(this.userDataDir, 'logs');
    if (!fs.existsSync(logsDir)) return [];
    return (fs.readdirSync(logsDir, { recursive: true }) as string[])
      .map((f) => path.join(logsDir, f))
      .filter((f) => f.endsWith('.log') && fs.statSync(f).isFile());
  }

  /** Stops the whole process group (TERM, then KILL after 5 s), keeps its logs as test artifacts, removes temp data. */
  async stop(): Promise<void> {
    await this.killGroup();
    const keep = path.join(RESULTS, 'logs', this.label);
    fs.rmSync(keep, { recursive: true, force: true });
    fs.mkdirSync(keep, { recursive: true });
    fs.cpSync(this.logFile, path.join(keep, 'code-server.log'));
    const logsDir = path.join(this.userDataDir, 'logs');
    if (fs.existsSync(logsDir)) fs.cpSync(logsDir, path.join(keep, 'vscode'), { recursive: true });
    if (this.ownsRunDir) fs.rmSync(this.runDir, { recursive: true, force: true });
  }

  private async killGroup(): Promise<void> {
    const pid = this.child.pid;
    if (pid === undefined) return;
    const alive = () => {
      try {
        process.kill(-pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      return;
    }
    const deadline = Date.now() + 5000;
    while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (alive()) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
}

/** A Chromium window on one workbench; helpers wait on selectors that held on VS Code 1.139. */
export class Workbench {
  readonly consoleErrors: string[] = [];
  /** Put before every screenshot name ("web-" for the web worker host's run). */
  screenshotPrefix = '';

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly profileDir: string,
  ) {
    page.on('console', (m) => {
      if (m.type() === 'error') this.consoleErrors.push(m.text());
    });
  }

  static async launch(): Promise<Workbench> {
    // Playwright refuses --user-data-dir in args; a persistent context gets a fresh profile folder instead.
    const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dn-chromium-'));
    const context = await launchChromiumProfile(profileDir, { headless: true, viewport: { width: 1400, height: 900 } });
    context.setDefaultTimeout(TIMEOUT);
    const page = context.pages()[0] ?? (await context.newPage());
    return new Workbench(context, page, profileDir);
  }

  /** Opens a folder in this window and waits for the workbench. */
  async open(server: CodeServer, folder: string, query: Record<string, string> = {}): Promise<void> {
    await this.page.goto(server.folderUrl(folder, query), { timeout: TIMEOUT });
    await this.waitForWorkbench();
  }

  async waitForWorkbench(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: TIMEOUT });
    // The status bar appears once the workbench has restored its parts; commands run reliably after that.
    await this.page.locator('#workbench\\.parts\\.statusbar').waitFor({ state: 'visible', timeout: TIMEOUT });
  }

  /** Runs a command by its palette title (e.g. "Design Notes: New Case Study"). */
  async runCommand(title: string): Promise<void> {
    const typed = `>${title}`;
    // F1 can be swallowed while the workbench is still busy: retry until the palette is open and holds the title.
    const input = await this.fillQuickInput('F1', typed);
    const row = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ state: 'visible', timeout: TIMEOUT });
    await row.click();
    // The palette closes, or turns into the command's own quick input (a pick list, an input box).
    await waitFor(
      `the palette to run "${title}"`,
      async () => !(await input.isVisible()) || (await input.inputValue()) !== typed,
    );
  }

  /** Answers an open quick input (input box or pick list) with `text`, then Enter. */
  async answerQuickInput(text: string, pick?: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: TIMEOUT });
    await input.fill(text);
    if (pick) {
      await this.page
        .locator('.quick-input-widget .monaco-list-row', { hasText: pick })
        .first()
        .waitFor({ state: 'visible', timeout: TIMEOUT });
    }
    await input.press('Enter');
  }

  /** Opens a workspace file through Quick Open and waits for its editor tab. */
  async openFile(relativePath: string): Promise<void> {
    const name = path.basename(relativePath);
    const input = await this.fillQuickInput('Control+P', relativePath);
    const row = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first();
    await row.waitFor({ state: 'visible', timeout: TIMEOUT });
    await input.press('Enter');
    await this.page
      .locator('.tabs-container .tab.active', { hasText: name })
      .waitFor({ state: 'visible', timeout: TIMEOUT });
    await this.editor().locator('.view-lines').waitFor({ state: 'visible', timeout: TIMEOUT });
  }

  /** The active text editor. */
  editor(): Locator {
    return this.page.locator('.editor-instance .monaco-editor').first();
  }

  /** Text of the visible lines of the active editor. */
  async editorText(): Promise<string> {
    return (await this.editor().locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
  }

  /** Puts the cursor on line `line` (1-based) of the active editor, at `column` or the end of the line, via Quick Open's ":" mode. */
  async goToLine(line: number, column?: number): Promise<void> {
    const input = await this.fillQuickInput('Control+P', column ? `:${line}:${column}` : `:${line}`);
    await this.page
      .locator('.quick-input-widget .monaco-list-row', { hasText: `${line}` })
      .first()
      .waitFor({ state: 'visible', timeout: TIMEOUT });
    await input.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 10_000 });
    if (!column) await this.page.keyboard.press('End');
  }

  /**
   * Opens the quick input with `key` (F1: the command palette, Ctrl+P: Quick Open) unless one is open, fills it with
   * `text` and returns it. A quick input that is still closing (the one that opened a file a moment ago) is visible
   * but inert: filling it then waited 60 s for an element that was going away (a web-host run of scenario 05 failed
   * so). So each try fills within 2 s, and a failed try opens the input again.
   */
  private async fillQuickInput(key: string, text: string): Promise<Locator> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await waitFor(`the quick input (${key}) to take "${text}"`, async () => {
      if (!(await input.isVisible())) {
        await this.page.keyboard.press(key);
        await input.waitFor({ state: 'visible', timeout: 2000 }).catch(() => undefined);
      }
      return input.fill(text, { timeout: 2000 }).then(
        () => true,
        () => false,
      );
    });
    return input;
  }

  /** Types into the active editor at the cursor (clicking it first only if nothing in it has focus). */
  async typeInEditor(text: string): Promise<void> {
    const focused = await this.editor().evaluate((el) => el.contains(document.activeElement));
    if (!focused) await this.editor().locator('.view-lines').click();
    await this.page.keyboard.type(text, { delay: 10 });
  }

  /** Opens the suggest widget at the cursor (Ctrl+Space) unless typing already did, and accepts the row with `label`. */
  async acceptSuggestion(label: string): Promise<void> {
    const row = this.page.locator('.editor-widget.suggest-widget.visible .monaco-list-row', { hasText: label }).first();
    await waitFor(`a suggestion "${label}"`, async () => {
      if (await row.isVisible()) return true;
      if (!(await this.page.locator('.editor-widget.suggest-widget.visible').isVisible()))
        await this.page.keyboard.press('Control+Space');
      await row.waitFor({ state: 'visible', timeout: 3000 }).catch(() => undefined);
      return row.isVisible();
    });
    // Clicking a row only selects it; move the focus to it with the arrow keys and accept with Enter.
    const focused = this.page.locator('.editor-widget.suggest-widget.visible .monaco-list-row.focused');
    // No auto-waiting here: a closed widget has no focused row, which reads as ''.
    const focusedText = async () =>
      (await focused.count())
        ? await focused
            .first()
            .innerText({ timeout: 1000 })
            .catch(() => '')
        : '';
    for (let i = 0; i < 30 && !(await focusedText()).includes(label); i++) await this.page.keyboard.press('ArrowDown');
    if (!(await focusedText()).includes(label)) throw new Error(`e2e: could not select the suggestion "${label}"`);
    await this.page.keyboard.press('Enter');
    // Accepted: the widget closes, or shows something else (a snippet's choice list opens a new one).
    await waitFor(`the suggestion "${label}" to be accepted`, async () => !(await focusedText()).includes(label));
  }

  /** Opens the quick-fix menu at the cursor (Ctrl+.) and applies the action whose title contains `title`. */
  async applyQuickFix(title: string): Promise<void> {
    const row = this.page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
    await waitFor(`a quick fix "${title}"`, async () => {
      if (await row.isVisible()) return true;
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('Control+.');
      await row.waitFor({ state: 'visible', timeout: 3000 }).catch(() => undefined);
      return row.isVisible();
    });
    await row.click();
    await this.page
      .locator('.action-widget')
      .waitFor({ state: 'hidden', timeout: TIMEOUT })
      .catch(() => undefined);
  }

  /** Shows the Problems panel and returns the text of its rows (file rows and problem rows). */
  async problems(): Promise<string[]> {
    const rows = this.page.locator('.markers-panel .monaco-list-row');
    if (!(await this.page.locator('.markers-panel').isVisible())) {
      await this.runCommand('Problems: Focus on Problems View');
      await this.page.locator('.markers-panel').waitFor({ state: 'visible', timeout: TIMEOUT });
    }
    return (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /** Waits until the Problems panel's rows satisfy `predicate`; returns them. */
  async waitForProblems(what: string, predicate: (rows: string[]) => boolean): Promise<string[]> {
    let rows: string[] = [];
    await waitFor(`Problems panel: ${what} (last rows: ${JSON.stringify(rows)})`, async () =>
      predicate((rows = await this.problems())),
    );
    return rows;
  }

  /** Saves a screenshot of the whole window as test-results/e2e/<name>.png. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(RESULTS, { recursive: true });
    const file = path.join(RESULTS, `${this.screenshotPrefix}${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** The webview content frame of the active webview panel (preview, etc.). */
  webview(): ReturnType<Page['frameLocator']> {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    fs.rmSync(this.profileDir, { recursive: true, force: true });
  }
}

/**
 * Runs an extension test suite inside the real extension host, as @vscode/test-electron does: the workbench loads
 * the extension from `extensionDevelopmentPath`, calls `run()` of `extensionTestsPath`, and reports the exit code
 * through `codeAutomationExit` (0 = all passed). Needs a server started with `smokeTestDriver: true`.
 */
export async function runExtensionTests(
  server: CodeServer,
  options: { workspace: string; extensionDevelopmentPath: string; extensionTestsPath: string; timeout?: number },
): Promise<{ code: number; output: string[] }> {
  const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)],
    ['extensionTestsPath', remote(options.extensionTestsPath)],
  ]);
  const workbench = await Workbench.launch();
  const output: string[] = [];
  try {
    let resolveExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (resolveExit = resolve));
    await workbench.page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
    // The extension host's console (mocha's reporter) is forwarded to the page console.
    workbench.page.on('console', (m) => output.push(m.text()));
    await workbench.page.goto(server.folderUrl(options.workspace, { payload }), { timeout: TIMEOUT });
    const timeout = options.timeout ?? 180_000;
    const code = await Promise.race([
      exited,
      // The host's last words say where it stopped (a test waiting forever, an activation error).
      new Promise<number>((_, reject) =>
        setTimeout(
          () =>
            reject(
              new Error(
                `e2e: extension tests did not finish in ${timeout / 1000} s; extension host output:\n${output.slice(-60).join('\n')}`,
              ),
            ),
          timeout,
        ).unref(),
      ),
    ]);
    await workbench.screenshot('extension-host-tests');
    return { code, output };
  } finally {
    await workbench.close();
  }
}
