// The requests behind New Case Study, Add Missing Files and Generate Case Study Index, over a real stdio
// connection to the built server (`npm run build` first): the client only asks these and writes what it gets.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { DEFAULT_CONFIG } from '../../server/core/config';
import {
  CaseStudyRootRequest,
  IndexRowsRequest,
  PlanCaseStudyRequest,
  PlanMissingFilesRequest,
  TemplatesRequest,
} from '../../common/protocol';
import { TestLspClient } from '../support/lspClient';
import { caseStudyFiles, CLEAN_CASE_STUDY, makeTree, removeTree } from '../support/tree';

let root: string;
let plain: string;
let client: TestLspClient;

before(async () => {
  // A workspace whose config adds a team template folder and keeps case studies under docs/designs/.
  root = makeTree({
    '.designnotes.json': JSON.stringify({ caseStudies: ['docs/designs/*'], templates: 'team-templates' }),
    ...caseStudyFiles('notifications', CLEAN_CASE_STUDY, 'docs/designs'),
    'docs/designs/chat/requirements.md': '---\ndate: 2026-02-03\nfocus: Group chat\n---\n# Chat — Requirements\n',
    'team-templates/lean/template.json': JSON.stringify({
      id: 'lean',
      name: 'Lean',
      description: 'One page.',
      files: [{ path: 'requirements.md', kind: 'requirements' }],
    }),
    'team-templates/lean/requirements.md': '# {{title}} — Requirements\n\nBy {{author}}.\n',
    'src/': '',
  });
  // A second folder without any config: the defaults apply.
  plain = makeTree({ 'README.md': '# Nothing here\n' });
  client = new TestLspClient();
  await client.initialize([root, plain]);
  await client.idle();
});

after(async () => {
  await client.stop();
  removeTree(root);
  removeTree(plain);
});

test('templates: the workspace sets only when the client says the workspace is trusted', async () => {
  const trusted = await client.request(TemplatesRequest, { workspaceFolder: root, trusted: true });
  assert.deepEqual(
    trusted.sets.map((s) => [s.id, s.builtin]),
    [
      ['standard', true],
      ['extended', true],
      ['lean', false],
    ],
  );
  assert.deepEqual(trusted.sets.find((s) => s.id === 'lean')!.files, ['requirements.md']);
  assert.equal(trusted.templatesIgnoredUntrusted, false);
  assert.deepEqual(trusted.problems, []);
  // A request saying Restricted Mode: the config's template folder is not read at all.
  const untrusted = await client.request(TemplatesRequest, { workspaceFolder: root, trusted: false });
  assert.deepEqual(
    untrusted.sets.map((s) => s.id),
    ['standard', 'extended'],
  );
  assert.equal(untrusted.templatesIgnoredUntrusted, true);
  // A request that does not say: the trust the editor gave in initialize (none here, so trusted, like the CLI).
  const unsaid = await client.request(TemplatesRequest, { workspaceFolder: root });
  assert.equal(unsaid.templatesIgnoredUntrusted, false);
  const none = await client.request(TemplatesRequest, { workspaceFolder: plain, trusted: false });
  assert.equal(none.templatesIgnoredUntrusted, false, 'no template folder configured, so nothing was ignored');
});

test('caseStudyRoot: the folder the config names; an Explorer folder inside a case study gives its root', async () => {
  const found = await client.request(CaseStudyRootRequest, { workspaceFolder: root });
  assert.deepEqual(found, {
    folder: path.join(root, 'docs/designs'),
    exists: true,
    caseStudyGlobs: ['docs/designs/*'],
  });
  const inside = await client.request(CaseStudyRootRequest, {
    workspaceFolder: root,
    start: path.join(root, 'docs/designs/notifications'),
  });
  assert.equal(inside.folder, path.join(root, 'docs/designs'));
  const elsewhere = await client.request(CaseStudyRootRequest, {
    workspaceFolder: root,
    start: path.join(root, 'src'),
  });
  assert.equal(elsewhere.folder, path.join(root, 'src'));
  const defaults = await client.request(CaseStudyRootRequest, { workspaceFolder: plain });
  assert.deepEqual(defaults, {
    folder: path.join(plain, 'case-studies'),
    exists: false,
    caseStudyGlobs: [...DEFAULT_CONFIG.caseStudies],
  });
});

test('planCaseStudy: the files to write, nothing written; the folder-name pattern and the chosen set apply', async () => {
  const result = await client.request(PlanCaseStudyRequest, {
    workspaceFolder: root,
    root: path.join(root, 'docs/designs'),
    title: 'URL Shortener',
    templateId: 'standard',
    folderNamePattern: 'x-{{slug}}',
    trusted: true,
  });
  assert.ok(result.ok, JSON.stringify(result));
  const folder = path.join(root, 'docs/designs/x-url-shortener');
  assert.equal(result.plan.folder, folder);
  assert.equal(result.plan.mode, 'new');
  assert.deepEqual(
    result.plan.files.map((f) => [f.relativePath, f.kind]),
    [
      ['requirements.md', 'requirements'],
      ['high-level-design.md', 'high-level-design'],
      ['trade-offs.md', 'trade-offs'],
    ],
  );
  assert.match(result.plan.files[0].content, /^# URL Shortener — Requirements/);
  assert.equal(result.plan.files[0].path, path.join(folder, 'requirements.md'));
  assert.equal(result.checked, true);
  assert.equal(result.entryFile, undefined, 'the folder does not exist yet');
  assert.equal(existsSync(folder), false, 'planning never writes');

  // The team set is used when trusted; untrusted, it does not exist.
  const lean = await client.request(PlanCaseStudyRequest, {
    workspaceFolder: root,
    root: path.join(root, 'docs/designs'),
    title: 'Cache',
    templateId: 'lean',
    trusted: true,
  });
  assert.ok(lean.ok);
  assert.match(lean.plan.files.find((f) => f.kind === 'requirements')!.content, /^# Cache — Requirements\n\nBy /);
  const refused = await client.request(PlanCaseStudyRequest, {
    workspaceFolder: root,
    root: path.join(root, 'docs/designs'),
    title: 'Cache',
    templateId: 'lean',
    trusted: false,
  });
  assert.deepEqual(refused, { ok: false, error: 'There is no template set "lean". Available: standard, extended.' });
});

test('an edited template is used at once: the file watcher reloads the template sets the server keeps', async () => {
  const plan = () =>
    client.request(PlanCaseStudyRequest, {
      workspaceFolder: root,
      root: path.join(root, 'docs/designs'),
      title: 'Cache',
      templateId: 'lean',
      trusted: true,
    });
  const before = await plan();
  assert.ok(before.ok);
  assert.match(before.plan.files[0].content, /^# Cache — Requirements\n\nBy /);
  const template = path.join(root, 'team-templates/lean/requirements.md');
  const original = readFileSync(template, 'utf8');
  try {
    writeFileSync(template, '# {{title}} — Needs\n\nEdited.\n');
    await client.filesChanged([{ path: template, type: 2 }]);
    const after = await plan();
    assert.ok(after.ok);
    assert.equal(after.plan.files.find((f) => f.kind === 'requirements')!.content.split('\n')[0], '# Cache — Needs');
  } finally {
    writeFileSync(template, original);
    await client.filesChanged([{ path: template, type: 2 }]);
  }
});

test('planCaseStudy: a bad title is refused; an existing folder comes with the file to open; an unchecked folder is flagged', async () => {
  const bad = await client.request(PlanCaseStudyRequest, {
    workspaceFolder: root,
    root: path.join(root, 'docs/designs'),
    title: '...',
    templateId: 'standard',
  });
  assert.equal(bad.ok, false);
  const existing = await client.request(PlanCaseStudyRequest, {
    workspaceFolder: root,
    root: path.join(root, 'docs/designs'),
    title: 'Notifications',
    templateId: 'standard',
  });
  assert.ok(existing.ok);
  assert.equal(existing.entryFile, path.join(root, 'docs/designs/notifications/requirements.md'));
  const outside = await client.request(PlanCaseStudyRequest, {
    workspaceFolder: root,
    root: path.join(root, 'src'),
    title: 'Queue',
    templateId: 'standard',
  });
  assert.ok(outside.ok);
  assert.equal(outside.checked, false);
  assert.deepEqual(outside.caseStudyGlobs, ['docs/designs/*']);
});

test('planMissingFiles: only what the case study lacks, titled from its requirements; a non-case-study folder is flagged', async () => {
  const chat = path.join(root, 'docs/designs/chat');
  const result = await client.request(PlanMissingFilesRequest, {
    workspaceFolder: root,
    caseStudyPath: chat,
    title: 'Chat',
  });
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.plan.mode, 'existing');
  assert.deepEqual(
    result.plan.files.map((f) => f.relativePath),
    ['high-level-design.md', 'trade-offs.md'],
  );
  assert.match(result.plan.files[0].content, /^# Chat — High-Level Design/);
  assert.equal(result.checked, true);
  const complete = await client.request(PlanMissingFilesRequest, {
    workspaceFolder: root,
    caseStudyPath: path.join(root, 'docs/designs/notifications'),
  });
  assert.ok(complete.ok);
  assert.deepEqual(complete.plan.files, []);
  const src = await client.request(PlanMissingFilesRequest, {
    workspaceFolder: root,
    caseStudyPath: path.join(root, 'src'),
  });
  assert.ok(src.ok);
  assert.equal(src.checked, false);
  assert.equal(src.plan.files.length, 3);
});

test('indexRows: one row per case study of the folder, links relative to the index file, front-matter metadata', async () => {
  const rows = await client.request(IndexRowsRequest, {
    workspaceFolder: root,
    indexFolder: path.join(root, 'docs/designs'),
  });
  assert.deepEqual(
    rows.map((r) => [r.title, r.link, r.status]),
    [
      ['Chat', 'chat/requirements.md', 'in progress'],
      ['Notification System', 'notifications/requirements.md', 'complete'],
    ],
  );
  const chat = rows[0];
  assert.equal(chat.date, '2026-02-03');
  assert.equal(chat.focus, 'Group chat');
  assert.match(rows[1].date ?? '', /^\d{4}-\d{2}-\d{2}$/, 'the file date when the text gives none');
  assert.deepEqual(await client.request(IndexRowsRequest, { workspaceFolder: plain, indexFolder: plain }), []);
});
