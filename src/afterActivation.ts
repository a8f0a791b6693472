// Work that activate() may leave for just after it returns.
import type * as vscode from 'vscode';

/**
 * Runs `register` one macrotask after activate() returned, unless the extension was deactivated first. VS Code counts
 * everything activate() does in the extension's activation time, and the extension host activates other extensions,
 * and runs the command that activated us, only after we return (issue 18, target 4). Only what nothing can reach
 * before it runs belongs here: a command a user may invoke is registered in activate() itself.
 */
export function afterActivation(context: vscode.ExtensionContext, register: () => void): void {
  let deactivated = false;
  context.subscriptions.push({ dispose: () => (deactivated = true) });
  setTimeout(() => {
    if (!deactivated) register();
  }, 0);
}
