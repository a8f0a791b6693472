// A workspace of 100,000 files (10,000 of them loose Markdown notes), created once per run in a temp folder: the
// CLI and the language server finish (bounded by the per-test timeout), the case study inside is still checked,
// the server keeps answering, and discovery stops at its entry limit with a note instead of walking forever.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { TestLspClient } from '../support/lspClient';
import { caseStudyFiles, CLEAN_CASE_STUDY, makeTree, removeTree } from '../support/tree';
import { discoverCaseStudies } from '../../server/core/caseStudy';
import { DEFAULT_CONFIG } from '../../server/core/config';
import { nodeFileSystem } from '../../server/core/node';
import { REPO, within } from './support';

const FOLDERS = 100;
const PER_FOLDER = 1000;
let root: string;
const requirements = () => path.join(root, 'case-studies/busy/requirements.md');

before(() => {
  root = makeTree(
    caseStudyFiles('busy', {
      ...CLEAN_CASE_STUDY,
      'requirements.md': CLEAN_CASE_STUDY['requirements.md'] + '\n- TODO keep 30 days.\n',
    }),
  );
  for (let d = 0; d < FOLDERS; d++) {
    const dir = path.join(root, 'data', `d${String(d).padStart(3, '0')}`);
    mkdirSync(dir, { recursive: true });
    // One file in ten is a Markdown note outside any case study (checked by the CLI); the rest are other files.
    for (let f = 0; f < PER_FOLDER; f++)
      writeFileSync(path.join(dir, f % 10 === 0 ? `note${f}.md` : `blob${f}.txt`), `# Note ${d}-${f}\n`);
  }
});

after(() => {
  if (root) removeTree(root);
});

test('CLI lint over 100,000 files finishes and still reports the case study', { timeout: 300_000 }, () => {
  const run = spawnSync(process.execPath, [path.join(REPO, 'dist/cli.js'), 'lint', root, '--format', 'json'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 290_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(run.signal, null, `the CLI was killed: ${run.stderr}`);
  assert.equal(run.status, 0, run.stderr);
  const findings = (JSON.parse(run.stdout) as { findings: { path: string; ruleId: string }[] }).findings;
  assert.deepEqual(
    findings.map((f) => [f.path, f.ruleId]),
    [['case-studies/busy/requirements.md', 'placeholder']],
  );
});

test(
  'language server on 100,000 files: publishes the case study at start and keeps answering edits',
  { timeout: 300_000 },
  async () => {
    const client = new TestLspClient();
    try {
      await client.initialize([root]);
      await client.waitFor(
        () => client.diagnosticsFor(requirements()).some((d) => d.code === 'placeholder'),
        'the placeholder in the busy case study',
        240_000,
      );
      await client.open(requirements(), CLEAN_CASE_STUDY['requirements.md']);
      await within(60_000, 'whenIdle after an edit', () => client.idle());
      await client.waitFor(
        () => client.diagnosticsFor(requirements()).length === 0,
        'the placeholder to clear after the edit',
      );
      assert.equal(client.process.exitCode, null);
    } finally {
      await client.stop();
    }
  },
);

test('discovery stops at its entry limit with a note (and keeps what it found)', { timeout: 120_000 }, async () => {
  const limited = await discoverCaseStudies(root, DEFAULT_CONFIG, nodeFileSystem, { maxDepth: 16, maxEntries: 20_000 });
  assert.deepEqual(limited.notes, [`Stopped searching ${root} for case studies after 20000 entries.`]);
  // Breadth-first in name order: case-studies/ comes before data/, so the case study is found before the limit hits.
  assert.deepEqual(
    limited.caseStudies.map((c) => c.name),
    ['busy'],
  );
  const full = await discoverCaseStudies(root, DEFAULT_CONFIG, nodeFileSystem);
  assert.deepEqual(full.notes, []);
  assert.deepEqual(
    full.caseStudies.map((c) => c.name),
    ['busy'],
  );
});
