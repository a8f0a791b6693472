import { strict as assert } from 'assert';
import * as vscode from 'vscode';
import { activated, eventually, ruleOf, workspaceRoot } from './util';

// Fixture: test/e2e/fixtures/missing-parts — case-studies/chat-service has requirements.md without a
// "Non-Functional Requirements" section, and no trade-offs.md.
suite('diagnostics', () => {
  suiteSetup(async () => {
    await activated();
  });

  test('a missing required file is reported without opening any file', async () => {
    const all = await eventually('a missing-file diagnostic', () => {
      const found = vscode.languages.getDiagnostics().filter(([, ds]) => ds.some((d) => ruleOf(d) === 'missing-file'));
      return found.length ? found : undefined;
    });
    const messages = all.flatMap(([, ds]) => ds.filter((d) => ruleOf(d) === 'missing-file').map((d) => d.message));
    assert.ok(
      messages.some((m) => m.includes('trade-offs.md')),
      `expected a missing-file diagnostic naming trade-offs.md, got: ${JSON.stringify(messages)}`,
    );
  });

  test('a missing required section is reported on requirements.md', async () => {
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'case-studies', 'chat-service', 'requirements.md');
    const diagnostics = await eventually('a missing-section diagnostic on requirements.md', () => {
      const ds = vscode.languages.getDiagnostics(uri).filter((d) => ruleOf(d) === 'missing-section');
      return ds.length ? ds : undefined;
    });
    assert.ok(
      diagnostics.some((d) => d.message.includes('Non-Functional Requirements')),
      `expected the missing section to be named, got: ${JSON.stringify(diagnostics.map((d) => d.message))}`,
    );
  });

  test('the complete high-level design has no missing-section diagnostic', async () => {
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'case-studies', 'chat-service', 'high-level-design.md');
    // Wait until the workspace has been checked (the other file has its findings), then look at this one.
    await eventually('findings for the case study', () =>
      vscode.languages.getDiagnostics().some(([, ds]) => ds.some((d) => ruleOf(d) === 'missing-section')),
    );
    const ds = vscode.languages.getDiagnostics(uri).filter((d) => ruleOf(d) === 'missing-section');
    assert.deepEqual(
      ds.map((d) => d.message),
      [],
    );
  });
});
