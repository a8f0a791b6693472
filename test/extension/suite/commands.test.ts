import { strict as assert } from 'assert';
import * as vscode from 'vscode';
import { activated, extension } from './util';

suite('commands', () => {
  test('every command the manifest contributes is registered once the extension is active', async () => {
    await activated();
    const contributed = (
      (extension().packageJSON as { contributes?: { commands?: { command: string }[] } }).contributes?.commands ?? []
    ).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });
});
