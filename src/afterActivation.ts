// Work that activate() starts but that runs later: it must not run once the extension was deactivated.
import type * as vscode from 'vscode';

/** Whether the extension is still active: false once VS Code disposed the context's subscriptions (deactivation). */
export function whileActive(context: vscode.ExtensionContext): () => boolean {
  let active = true;
  context.subscriptions.push({ dispose: () => (active = false) });
  return () => active;
}

/**
 * Runs `register` one macrotask after activate() returned, unless the extension was deactivated first. VS Code counts
 * everything activate() does in the extension's activation time, and the extension host activates other extensions,
 * and runs the command that activated us, only after we return (issue 18, target 4). Only what nothing can reach
 * before it runs belongs here: a command a user may invoke is registered in activate() itself.
 */
export function afterActivation(context: vscode.ExtensionContext, register: () => void): void {
  const active = whileActive(context);
  setTimeout(() => {
    if (active()) register();
  }, 0);
}
