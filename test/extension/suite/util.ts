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
