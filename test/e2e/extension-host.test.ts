// Runs the extension-host suite (test/extension) inside a real VS Code, in both of its extension hosts:
//  - the Node host (dist-test/extension/index.js), through the same extensionDevelopmentPath/extensionTestsPath
//    contract that @vscode/test-electron uses (`npm run test:electron` runs the same bundle in a downloaded VS Code);
//  - the web worker host, what vscode.dev and github.dev run (dist-test/extension/browser.js; the `browser` entry of
//    the manifest, the language server in a web worker, files through the editor), one user setting apart.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CodeServer, REPO, WEB_HOST_SETTINGS, copyFixture, requireBuiltExtension, runExtensionTests } from './harness';

const SUITE = path.join(REPO, 'dist-test', 'extension', 'index.js');
const WEB_SUITE = path.join(REPO, 'dist-test', 'extension', 'browser.js');

interface Report {
  passed: { title: string }[];
  failed: { title: string; error: string }[];
}

function checkReport(report: string, code: number, output: string[]): Report {
  const results = fs.existsSync(report) ? (JSON.parse(fs.readFileSync(report, 'utf8')) as Report) : undefined;
  for (const p of results?.passed ?? []) console.log(`  ✔ ${p.title}`);
  for (const f of results?.failed ?? []) console.log(`  ✘ ${f.title}\n${f.error}`);
  assert.ok(results, `the suite wrote no report; extension host output:\n${output.join('\n')}`);
  assert.ok(results.passed.length > 0, 'the suite ran no test');
  assert.deepEqual(
    results.failed.map((f) => f.title),
    [],
  );
  assert.equal(code, 0, 'codeAutomationExit reported a failure');
  return results;
}

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
    checkReport(report, code, output);
  } finally {
    await server.stop();
  }
});

test(
  'extension-host suite passes inside code-server, in the web worker extension host',
  { timeout: 300_000 },
  async () => {
    requireBuiltExtension({ vsix: false });
    assert.ok(fs.existsSync(WEB_SUITE), `${WEB_SUITE} is missing: run \`npm run build\` first`);
    const workspace = copyFixture('missing-parts');
    // No environment reaches a web worker: the suite writes its report beside the workspace folder (browserIndex.ts).
    const report = `${workspace}.report.json`;
    const server = await CodeServer.start({
      vsix: false,
      smokeTestDriver: true,
      label: 'extension-host-web',
      settings: WEB_HOST_SETTINGS,
    });
    try {
      const { code, output } = await runExtensionTests(server, {
        workspace,
        extensionDevelopmentPath: REPO,
        extensionTestsPath: WEB_SUITE,
      });
      const results = checkReport(report, code, output);
      // The suite checks where it runs; make sure that check ran and passed here (not skipped, not the Node host's).
      assert.ok(
        results.passed.some((p) => p.title.includes('runs in the web extension host')),
        'the web run did not confirm the web worker host',
      );
    } finally {
      await server.stop();
      fs.rmSync(report, { force: true });
    }
  },
);
