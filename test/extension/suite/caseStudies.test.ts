import { strict as assert } from 'assert';
import * as vscode from 'vscode';
import { activated, eventually, readText, remove, ruleOf, snapshot, workspaceRoot, writeText } from './util';
import { Commands } from '../../../common/protocol';

// Fixture: test/e2e/fixtures/missing-parts — case-studies/chat-service lacks trade-offs.md. The commands take an
// argument object so they run without the input box and pickers a person would answer.
interface NewResult {
  status: string;
  folder?: string;
  created?: string[];
}
interface AddResult {
  status: string;
  created?: string[];
}
interface IndexResult {
  status: string;
  target?: string;
  rows?: number;
}

suite('case studies', () => {
  suiteSetup(async () => {
    await activated();
  });

  test('New Case Study creates the files, opens requirements.md at the first placeholder; a second run changes nothing', async () => {
    const root = vscode.Uri.joinPath(workspaceRoot(), 'case-studies');
    const first = (await vscode.commands.executeCommand(Commands.newCaseStudy, {
      title: 'URL Shortener',
      templateSet: 'standard',
    })) as NewResult;
    const folder = vscode.Uri.joinPath(root, 'url-shortener');
    try {
      assert.equal(first.status, 'created', JSON.stringify(first));
      assert.equal(first.folder, folder.fsPath);
      assert.deepEqual(Object.keys(await snapshot(folder)).sort(), [
        'high-level-design.md',
        'requirements.md',
        'trade-offs.md',
      ]);
      const requirements = await readText(vscode.Uri.joinPath(folder, 'requirements.md'));
      assert.match(requirements, /^# URL Shortener — Requirements/);
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor, 'an editor is open');
      assert.equal(editor.document.uri.toString(), vscode.Uri.joinPath(folder, 'requirements.md').toString());
      // Under the first prompt, on its empty line: typing goes after the hint, not in front of it.
      const line = editor.document.lineAt(editor.selection.active.line).text;
      const above = editor.document.lineAt(editor.selection.active.line - 1).text;
      assert.equal(line, '', `cursor on an empty line, got: ${line}`);
      assert.match(above, /-->$/, `the line above closes the prompt, got: ${above}`);

      // Someone writes in the new case study; the second run must refuse and leave every byte as it is.
      await writeText(vscode.Uri.joinPath(folder, 'trade-offs.md'), '# Mine\n\nHand-written.\n');
      const before = await snapshot(folder);
      const second = (await vscode.commands.executeCommand(Commands.newCaseStudy, {
        title: 'URL Shortener',
        templateSet: 'standard',
      })) as NewResult;
      assert.equal(second.status, 'exists', JSON.stringify(second));
      assert.equal(second.folder, folder.fsPath);
      assert.deepEqual(await snapshot(folder), before);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await remove(folder);
    }
  });

  test('Add Missing Files creates only trade-offs.md, and the missing-file diagnostic goes away', async () => {
    const folder = vscode.Uri.joinPath(workspaceRoot(), 'case-studies', 'chat-service');
    const before = await snapshot(folder);
    const requirements = vscode.Uri.joinPath(folder, 'requirements.md');
    const hasMissingFile = () =>
      vscode.languages
        .getDiagnostics()
        .some(([uri, ds]) => uri.fsPath.startsWith(folder.fsPath) && ds.some((d) => ruleOf(d) === 'missing-file'));
    await eventually('the missing-file diagnostic', hasMissingFile);
    const result = (await vscode.commands.executeCommand(Commands.addMissingFiles, folder)) as AddResult;
    const created = vscode.Uri.joinPath(folder, 'trade-offs.md');
    try {
      assert.equal(result.status, 'created', JSON.stringify(result));
      assert.deepEqual(result.created, [created.fsPath]);
      const after = await snapshot(folder);
      for (const [name, text] of Object.entries(before)) assert.equal(after[name], text, `${name} untouched`);
      assert.match(after['trade-offs.md'], /^# Chat Service — Trade-offs/);
      await eventually('the missing-file diagnostic to clear', () => !hasMissingFile());
      const again = (await vscode.commands.executeCommand(Commands.addMissingFiles, folder)) as AddResult;
      assert.equal(again.status, 'nothing-missing');
      assert.ok(vscode.languages.getDiagnostics(requirements).every((d) => ruleOf(d) !== 'missing-file'));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await remove(created);
    }
  });

  test('Generate Case Study Index writes only between the markers, as an undoable edit; a second run is a no-op', async () => {
    const readme = vscode.Uri.joinPath(workspaceRoot(), 'case-studies', 'README.md');
    const original =
      '# Our case studies\n\nIntro kept as is.\n\n<!-- design-notes:index:start -->\nstale\n<!-- design-notes:index:end -->\n\nFooter kept as is.\n';
    await writeText(readme, original);
    // The previous test removed the trade-offs.md it added: let the server see that first, so both runs agree.
    await eventually('the missing-file diagnostic to be back', () =>
      vscode.languages.getDiagnostics().some(([, ds]) => ds.some((d) => ruleOf(d) === 'missing-file')),
    );
    try {
      const result = (await vscode.commands.executeCommand(Commands.generateIndex, { target: readme })) as IndexResult;
      assert.equal(result.status, 'written', JSON.stringify(result));
      assert.equal(result.rows, 1);
      const text = await readText(readme);
      assert.ok(text.startsWith('# Our case studies\n\nIntro kept as is.\n\n<!-- design-notes:index:start -->\n'));
      assert.ok(text.endsWith('<!-- design-notes:index:end -->\n\nFooter kept as is.\n'));
      assert.match(text, /\| \[Chat Service\]\(chat-service\/requirements\.md\) \| .* \| In progress \(\d+%\) \|/);
      const again = (await vscode.commands.executeCommand(Commands.generateIndex, { target: readme })) as IndexResult;
      assert.equal(again.status, 'unchanged', `second run changed the file:\n${text}\n---\n${await readText(readme)}`);
      // The edit went through the editor: undo restores the previous text.
      await vscode.window.showTextDocument(readme);
      await vscode.commands.executeCommand('undo');
      assert.equal(vscode.window.activeTextEditor?.document.getText(), original);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await remove(readme);
    }
  });
});
