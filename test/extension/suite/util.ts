// Helpers shared by the extension-host suites. They run inside VS Code with the real `vscode` API.
import * as vscode from 'vscode';

export const EXTENSION_NAME = 'design-notes';

/** The extension under test (loaded from the VSIX or from --extensionDevelopmentPath). */
export function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.all.find((e) => (e.packageJSON as { name?: string }).name === EXTENSION_NAME);
  if (!found)
    throw new Error(
      `extension '${EXTENSION_NAME}' is not loaded; loaded: ${vscode.extensions.all.map((e) => e.id).join(', ')}`,
    );
  return found;
}

export async function activated(): Promise<vscode.Extension<unknown>> {
  const ext = extension();
  if (!ext.isActive) await ext.activate();
  return ext;
}

/** The rule id of a diagnostic (servers send it as `code`, either plain or as { value, target }). */
export function ruleOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  return String(typeof code === 'object' ? code.value : code);
}

/** Waits (polling, no fixed sleep) until `check` returns a value. */
export async function eventually<T>(what: string, check: () => T | undefined | false, timeout = 45_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout / 1000} s: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The first workspace folder (the fixture workspace the runner opened). */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the extension tests need a workspace folder (test/e2e/fixtures/missing-parts)');
  return folder.uri;
}

// Files through `vscode.workspace.fs`, not node:fs: the same suite runs in the web worker extension host (no Node
// there; the workspace is `vscode-remote:`), so it reads and writes what the extension itself would see.
const decoder = new TextDecoder();
const encoder = new TextEncoder();

export async function readText(uri: vscode.Uri): Promise<string> {
  return decoder.decode(await vscode.workspace.fs.readFile(uri));
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, encoder.encode(text));
}

/** Removes a file or folder; absent is fine (clean-up in `finally`). */
export async function remove(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false });
  } catch (e) {
    if (!(e instanceof vscode.FileSystemError && e.code === 'FileNotFound')) throw e;
  }
}

/** Every file in a folder with its text, by name (a before/after snapshot). */
export async function snapshot(folder: vscode.Uri): Promise<Record<string, string>> {
  const entries = await vscode.workspace.fs.readDirectory(folder);
  const texts = await Promise.all(entries.map(([name]) => readText(vscode.Uri.joinPath(folder, name))));
  return Object.fromEntries(entries.map(([name], i) => [name, texts[i]]));
}

/** Which extension host runs the suite: the web entry sets the global before loading the suites. */
export function testHost(): 'web' | 'node' {
  return (globalThis as { designNotesTestHost?: string }).designNotesTestHost === 'web' ? 'web' : 'node';
}
