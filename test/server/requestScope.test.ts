// The custom requests answer only about the server's own workspace folders, take trust only from the editor
// (initialize and the trust notification, never a request's `trusted: true`), and never follow a symbolic link out of
// the workspace folder: a linked requirements.md or case-study folder pointing elsewhere is not read or planned in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  CaseStudiesRequest,
  CaseStudyRootRequest,
  IndexRowsRequest,
  PlanCaseStudyRequest,
  PlanMissingFilesRequest,
  ProposeConfigRequest,
  TemplatesRequest,
  WorkspaceTrustedNotification,
} from '../../common/protocol';
import { TestLspClient } from '../support/lspClient';
import { caseStudyFiles, CLEAN_CASE_STUDY, makeTree, removeTree } from '../support/tree';

const SECRET = 'https://user:s3cr3t-token@example.com';
let root: string;
let outside: string;
let client: TestLspClient;

before(async () => {
  outside = mkdtempSync(path.join(tmpdir(), 'dn-outside-'));
  writeFileSync(path.join(outside, '.git-credentials'), `# ${SECRET}\n\n${SECRET}\n\n- TODO ${SECRET}\n`);
  root = makeTree({
    '.designnotes.json': JSON.stringify({ templates: 'team-templates' }),
    'team-templates/lean/requirements.md': '# TEAM {{title}}\n',
    ...caseStudyFiles('real', CLEAN_CASE_STUDY),
    'case-studies/linked/high-level-design.md': CLEAN_CASE_STUDY['high-level-design.md'],
    'case-studies/inside/high-level-design.md': CLEAN_CASE_STUDY['high-level-design.md'],
  });
  symlinkSync(path.join(outside, '.git-credentials'), path.join(root, 'case-studies/linked/requirements.md'));
  // A link that stays inside the workspace folder is followed.
  symlinkSync(
    path.join(root, 'case-studies/real/requirements.md'),
    path.join(root, 'case-studies/inside/requirements.md'),
  );
  symlinkSync(outside, path.join(root, 'case-studies/elsewhere'));
  client = new TestLspClient();
  await client.initialize([root], {}, { trusted: false });
  await client.idle();
});

after(async () => {
  await client.stop();
  removeTree(root);
  rmSync(outside, { recursive: true, force: true });
});

async function refused(method: string, params: unknown): Promise<string> {
  try {
    await client.request(method, params);
  } catch (e) {
    return (e as Error).message;
  }
  assert.fail(`${method} answered for ${JSON.stringify(params)}`);
}

test('requests naming paths outside the workspace folders are refused', async () => {
  assert.match(
    await refused(PlanCaseStudyRequest.method, {
      workspaceFolder: root,
      root: '/etc',
      title: 'X',
      templateId: 'standard',
    }),
    /outside the workspace folder/,
  );
  assert.match(
    await refused(PlanCaseStudyRequest.method, {
      workspaceFolder: '/etc',
      root: '/etc',
      title: 'X',
      templateId: 'standard',
    }),
    /not inside a workspace folder/,
  );
  assert.match(
    await refused(PlanMissingFilesRequest.method, { workspaceFolder: root, caseStudyPath: outside }),
    /outside the workspace folder/,
  );
  assert.match(
    await refused(PlanMissingFilesRequest.method, { workspaceFolder: root, caseStudyPath: path.join(root, '../..') }),
    /outside the workspace folder/,
  );
  // Inside as text, outside once the link is resolved.
  assert.match(
    await refused(PlanMissingFilesRequest.method, {
      workspaceFolder: root,
      caseStudyPath: path.join(root, 'case-studies/elsewhere'),
    }),
    /outside the workspace folder/,
  );
  assert.match(
    await refused(PlanCaseStudyRequest.method, {
      workspaceFolder: root,
      root: path.join(root, 'case-studies/elsewhere/new'),
      title: 'X',
      templateId: 'standard',
    }),
    /outside the workspace folder/,
  );
  assert.match(
    await refused(CaseStudyRootRequest.method, { workspaceFolder: root, start: '/home' }),
    /outside the workspace folder/,
  );
  assert.match(
    await refused(IndexRowsRequest.method, { workspaceFolder: '/', indexFolder: '/' }),
    /not inside a workspace folder/,
  );
  assert.match(await refused(TemplatesRequest.method, { workspaceFolder: 'relative/path' }), /absolute/);
  assert.match(await refused(ProposeConfigRequest.method, { workspaceFolder: outside }), /Not a workspace folder/);
  const ok = await client.request(PlanCaseStudyRequest, {
    workspaceFolder: root,
    root: path.join(root, 'case-studies'),
    title: 'Fine',
    templateId: 'standard',
  });
  assert.equal(ok.ok, true);
});

test('trust comes from the editor: trusted: true on a request does not override initialize; the trust notification does', async () => {
  const asked = await client.request(TemplatesRequest, { workspaceFolder: root, trusted: true });
  assert.deepEqual(
    asked.sets.map((s) => s.id),
    ['standard', 'extended'],
  );
  assert.equal(asked.templatesIgnoredUntrusted, true);
  const second = new TestLspClient();
  try {
    await second.initialize([root], {}, { trusted: false });
    await second.connection.sendNotification(WorkspaceTrustedNotification);
    const granted = await second.request(TemplatesRequest, { workspaceFolder: root });
    assert.deepEqual(
      granted.sets.map((s) => s.id),
      ['standard', 'extended', 'lean'],
    );
    const lowered = await second.request(TemplatesRequest, { workspaceFolder: root, trusted: false });
    assert.equal(lowered.templatesIgnoredUntrusted, true, 'a request may still ask for less');
  } finally {
    await second.stop();
  }
});

test('a linked file leading outside the workspace folder is not read: no index row, finding or summary holds its text', async () => {
  const rows = await client.request(IndexRowsRequest, { workspaceFolder: root, indexFolder: root });
  assert.doesNotMatch(JSON.stringify(rows), /s3cr3t/);
  const linked = rows.find((r) => JSON.stringify(r).includes('linked'));
  assert.ok(linked, 'the case study is listed, without the linked file');
  const inside = JSON.stringify(rows.find((r) => JSON.stringify(r).includes('inside')));
  assert.match(inside, /requirements\.md/, 'a link that stays inside the workspace folder is followed');
  const overview = await client.request(CaseStudiesRequest);
  assert.doesNotMatch(JSON.stringify(overview), /s3cr3t/);
  assert.doesNotMatch(JSON.stringify(overview), /elsewhere/, 'a linked folder leading outside is not a case study');
  assert.deepEqual(client.diagnosticsFor(path.join(root, 'case-studies/linked/requirements.md')), []);
  const cli = spawnSync(process.execPath, [path.resolve(__dirname, '../../dist/cli.js'), 'lint', '--format', 'json'], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.doesNotMatch(cli.stdout, /s3cr3t/);
  assert.match(cli.stdout, /case-studies\/linked\/requirements\.md|missing-file/, cli.stdout.slice(0, 500));
});
