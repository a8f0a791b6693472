// The case-studies request (CaseStudiesRequest) over a real stdio connection to the built server: what the Case Studies
// view and the index generator receive. Run `npm run build` first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { nodeFileSystem, findBuiltinTemplatesFolder } from '../../server/core/node';
import { loadBuiltinTemplateSets, planCaseStudy } from '../../server/core/scaffold';
import { CaseStudiesRequest, type CaseStudySummary } from '../../common/protocol';
import { TestLspClient } from '../support/lspClient';
import { caseStudyFiles, CLEAN_CASE_STUDY, makeTree, removeTree } from '../support/tree';

const CHAT_REQUIREMENTS = `# Chat — Requirements

## Functional Requirements

- Users send messages to a room.

## Non-Functional Requirements

<!-- write here: measurable targets. -->
`;

const CHAT_DESIGN = `# Chat — High-Level Design

## Architecture

\`\`\`mermaid
flowchart LR
  gw[Gateway --> rooms[(Rooms)]
\`\`\`

## Key Components

- Gateway: keeps one WebSocket per device.
`;

let root: string;
let client: TestLspClient;

before(async () => {
  root = makeTree({
    ...caseStudyFiles('notifications', CLEAN_CASE_STUDY),
    ...caseStudyFiles('chat', { 'requirements.md': CHAT_REQUIREMENTS, 'high-level-design.md': CHAT_DESIGN }),
    'README.md': '# Not a case study\n',
  });
  // A case study exactly as New Case Study writes it, nobody has written a word yet.
  const { sets } = await loadBuiltinTemplateSets(nodeFileSystem, findBuiltinTemplatesFolder());
  const fresh = planCaseStudy({
    root: path.join(root, 'case-studies'),
    title: 'URL Shortener',
    templateSet: sets[0],
    date: '2026-11-29',
  });
  assert.ok(fresh.ok);
  mkdirSync(fresh.plan.folder, { recursive: true });
  for (const f of fresh.plan.files) writeFileSync(f.path, f.content, { flag: 'wx' });
  client = new TestLspClient();
  await client.initialize([root]);
  await client.idle();
});

after(async () => {
  await client.stop();
  removeTree(root);
});

async function caseStudies(): Promise<Map<string, CaseStudySummary>> {
  await client.idle();
  const list = await client.request(CaseStudiesRequest);
  return new Map(list.map((c) => [c.name, c]));
}

test('lists every case study (and nothing else) with its folder and title', async () => {
  const all = await caseStudies();
  assert.deepEqual([...all.keys()].sort(), ['chat', 'notifications', 'url-shortener']);
  assert.equal(all.get('notifications')!.path, path.join(root, 'case-studies/notifications'));
  // Titles come from the requirements heading without its "— Requirements" suffix.
  assert.equal(all.get('notifications')!.title, 'Notification System');
  assert.equal(all.get('chat')!.title, 'Chat');
});

test('a fresh scaffold is not complete: its files are there, but no section and no file is written yet', async () => {
  const cs = (await caseStudies()).get('url-shortener')!;
  assert.equal(cs.title, 'URL Shortener');
  // trade-offs.md holds only its title and a prompt: there (not missing), but not written, so not counted present.
  assert.deepEqual(cs.requiredFiles, { total: 3, present: 2 });
  assert.deepEqual(cs.missingFiles, []);
  assert.deepEqual(cs.requiredSections, { total: 4, filled: 0 });
  assert.deepEqual(cs.diagrams, { total: 1, invalid: 0 }, 'the skeleton diagram is valid Mermaid');
  assert.ok(cs.completeness < 0.5, `completeness ${cs.completeness}`);
  assert.equal(cs.findings.error, 0);
  const folder = path.join(root, 'case-studies/url-shortener');
  const empty = ['requirements.md', 'high-level-design.md'].flatMap((f) =>
    client
      .diagnosticsFor(path.join(folder, f))
      .filter((d) => d.code === 'empty-section')
      .map((d) => d.message),
  );
  assert.deepEqual(empty.sort(), [
    "Section 'Architecture' is empty: write it or remove the heading.",
    "Section 'Functional Requirements' is empty: write it or remove the heading.",
    "Section 'Key Components' is empty: write it or remove the heading.",
    "Section 'Non-Functional Requirements' is empty: write it or remove the heading.",
  ]);
  assert.deepEqual(
    client.diagnosticsFor(path.join(folder, 'trade-offs.md')).map((d) => d.code),
    ['stub-file'],
  );
});

test('a complete case study: all files and sections, its diagram, no findings, completeness 1', async () => {
  const cs = (await caseStudies()).get('notifications')!;
  assert.deepEqual(cs.requiredFiles, { total: 3, present: 3 });
  assert.deepEqual(cs.requiredSections, { total: 4, filled: 4 });
  assert.deepEqual(cs.diagrams, { total: 1, invalid: 0 });
  assert.deepEqual(cs.findings, { error: 0, warning: 0, info: 0 });
  assert.deepEqual(cs.missingFiles, []);
  assert.equal(cs.completeness, 1);
  const requirements = cs.files.find((f) => f.kind === 'requirements')!;
  assert.equal(requirements.relative, 'requirements.md');
  // Sections with their 0-based lines: what the view uses to open the file at a heading.
  assert.deepEqual(requirements.sections, [
    { title: 'Notification System — Requirements', level: 1, line: 0, empty: false },
    { title: 'Functional Requirements', level: 2, line: 2, empty: false },
    { title: 'Non-Functional Requirements', level: 2, line: 7, empty: false },
  ]);
  assert.deepEqual(cs.files.map((f) => f.relative).sort(), [
    'high-level-design.md',
    'requirements.md',
    'trade-offs.md',
  ]);
});

test('an incomplete case study: the missing file, the empty section, the broken diagram, findings by severity', async () => {
  const cs = (await caseStudies()).get('chat')!;
  assert.deepEqual(cs.missingFiles, ['trade-offs.md']);
  assert.deepEqual(cs.requiredFiles, { total: 3, present: 2 });
  // Functional, Architecture and Key Components are filled; Non-Functional holds only a write-here comment.
  assert.deepEqual(cs.requiredSections, { total: 4, filled: 3 });
  assert.equal(cs.completeness, 5 / 7);
  // `invalid` counts the server's mermaid-syntax errors for the case study (whether or not the syntax check is on).
  const published = [...client.diagnostics.entries()]
    .filter(([uri]) => uri.includes('/case-studies/chat/'))
    .flatMap(([, d]) => d);
  assert.deepEqual(cs.diagrams, {
    total: 1,
    invalid: published.filter((d) => d.code === 'mermaid-syntax' && d.severity !== 3).length,
  });
  const requirements = cs.files.find((f) => f.kind === 'requirements')!;
  assert.deepEqual(
    requirements.sections.map((s) => [s.title, s.line, s.empty]),
    [
      ['Chat — Requirements', 0, false],
      ['Functional Requirements', 2, false],
      ['Non-Functional Requirements', 6, true],
    ],
  );
  const design = cs.files.find((f) => f.kind === 'high-level-design')!;
  assert.equal(design.diagrams, 1);
  // Findings by severity are exactly the diagnostics the server published for the case study's files.
  const bySeverity = { error: 0, warning: 0, info: 0 };
  for (const d of published) bySeverity[d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : 'info']++;
  assert.deepEqual(cs.findings, bySeverity);
  assert.ok(
    published.some((d) => d.code === 'missing-file'),
    'the missing trade-offs.md is an error',
  );
  assert.ok(cs.findings.error >= 1, JSON.stringify(cs.findings));
});

test('the answer follows the disk: creating the missing file completes the list; deleting it brings it back', async () => {
  const created = path.join(root, 'case-studies/chat/trade-offs.md');
  writeFileSync(
    created,
    '# Trade-offs\n\n## WebSockets vs. polling\n\nWe chose WebSockets over long polling for latency.\n',
  );
  await client.filesChanged([{ path: created, type: 1 }]);
  let cs = (await caseStudies()).get('chat')!;
  assert.deepEqual(cs.missingFiles, []);
  assert.deepEqual(cs.requiredFiles, { total: 3, present: 3 });
  assert.ok(cs.files.some((f) => f.relative === 'trade-offs.md'));
  rmSync(created);
  await client.filesChanged([{ path: created, type: 3 }]);
  cs = (await caseStudies()).get('chat')!;
  assert.deepEqual(cs.missingFiles, ['trade-offs.md']);
});

test('a new case-study folder appears in the answer once the watcher reports it', async () => {
  const folder = path.join(root, 'case-studies/rate-limiter');
  const file = path.join(folder, 'requirements.md');
  makeFolderWith(file, '# Rate Limiter — Requirements\n');
  await client.filesChanged([
    { path: folder, type: 1 },
    { path: file, type: 1 },
  ]);
  const cs = (await caseStudies()).get('rate-limiter');
  assert.ok(cs, 'rate-limiter listed');
  assert.equal(cs.title, 'Rate Limiter');
  assert.deepEqual(cs.missingFiles, ['high-level-design.md', 'trade-offs.md']);
  // Its only file is a title: there but not written yet (a stub), so nothing of the case study counts as done.
  assert.equal(cs.completeness, 0);
});

function makeFolderWith(file: string, text: string): void {
  rmSync(path.dirname(file), { recursive: true, force: true });
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}
