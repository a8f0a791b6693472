// Runs the extension-host suite (test/extension, bundled to dist-test/extension/index.js) inside a real VS Code:
// code-server's extension host, through the same extensionDevelopmentPath/extensionTestsPath contract that
// @vscode/test-electron uses (`npm run test:electron` runs the same bundle in a downloaded VS Code).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CodeServer, REPO, copyFixture, requireBuiltExtension, runExtensionTests } from './harness';

const SUITE = path.join(REPO, 'dist-test', 'extension', 'index.js');

test('extension-host suite passes inside code-server', { timeout: 300_000 }, async () => {
  requireBuiltExtension({ vsix: false });
  assert.ok(fs.existsSync(SUITE), `${SUITE} is missing: run \`npm run build\` first`);
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dn-ext-report-')), 'report.json');
  // code-server's environment reaches the extension host, so the suite can write its results where we read them.
  const server = await CodeServer.start({
    vsix: false,
    smokeTestDriver: true,
    label: 'extension-host',
    env: { DESIGN_NOTES_TEST_REPORT: report },
  });
  try {
    const { code, output } = await runExtensionTests(server, {
      workspace: copyFixture('missing-parts'),
      extensionDevelopmentPath: REPO,
      extensionTestsPath: SUITE,
    });
    const results = fs.existsSync(report)
      ? (JSON.parse(fs.readFileSync(report, 'utf8')) as {
          passed: { title: string }[];
          failed: { title: string; error: string }[];
        })
      : undefined;
    for (const p of results?.passed ?? []) console.log(`  ✔ ${p.title}`);
    for (const f of results?.failed ?? []) console.log(`  ✘ ${f.title}\n${f.error}`);
    assert.ok(results, `the suite wrote no report; extension host output:\n${output.join('\n')}`);
    assert.ok(results.passed.length > 0, 'the suite ran no test');
    assert.deepEqual(
      results.failed.map((f) => f.title),
      [],
    );
    assert.equal(code, 0, 'codeAutomationExit reported a failure');
  } finally {
    await server.stop();
  }
});
