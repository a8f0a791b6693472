// The CLI's discovery as a new user meets it (issue 12, class 1): the implied root, the summary that always says
// what was checked, --list-case-studies, and `design-notes init` on the layouts of ../shared/corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { CLEAN_CASE_STUDY, makeTree, removeTree } from '../support/tree';
import { runCli } from '../support/cli';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus');

const run = runCli;

const REPOSITORY = {
  'case-studies/chat/requirements.md': CLEAN_CASE_STUDY['requirements.md'],
  'case-studies/chat/high-level-design.md': CLEAN_CASE_STUDY['high-level-design.md'],
  'case-studies/feed/requirements.md':
    '# Feed\n\n## Functional Requirements\n\n- Post.\n\n## Non-Functional Requirements\n\n- Fast.\n',
  'diagrams/overview.md': '# Overview\n\n```mermaid\nflowchart LR\n  A --> B\n```\n',
  'fundamentals/caching.md': '# Caching\n\nNotes on caching.\n',
  'README.md': '# System design case studies\n',
};

test('implied root: `lint .` inside a clone named system-design-case-studies gives the same findings as under another name', () => {
  const parent = makeTree({});
  try {
    const outputs: Record<string, { code: number | null; stdout: string }> = {};
    for (const name of ['system-design-case-studies', 'my-notes']) {
      const clone = path.join(parent, name);
      mkdirSync(clone);
      // A real clone: the repository root has .git.
      mkdirSync(path.join(clone, '.git'));
      for (const [rel, text] of Object.entries(REPOSITORY)) {
        mkdirSync(path.dirname(path.join(clone, rel)), { recursive: true });
        writeFileSync(path.join(clone, rel), text);
      }
      const r = run(['lint', '.', '--format', 'json'], clone);
      outputs[name] = { code: r.code, stdout: r.stdout };
    }
    assert.equal(outputs['system-design-case-studies'].stdout, outputs['my-notes'].stdout);
    assert.equal(outputs['system-design-case-studies'].code, outputs['my-notes'].code);
    const report = JSON.parse(outputs['system-design-case-studies'].stdout);
    assert.equal(report.summary.caseStudies, 2);
    // The real findings inside case-studies/* are there; no top-level folder is taken for a case study.
    const files = report.findings.map((f: { path: string; ruleId: string }) => `${f.path} ${f.ruleId}`);
    assert.ok(files.includes('case-studies/chat/requirements.md missing-file'), files.join('\n'));
    assert.ok(files.includes('case-studies/feed/requirements.md unquantified-nfr'), files.join('\n'));
    assert.ok(
      !report.findings.some((f: { message: string }) =>
        /Case study '(case-studies|diagrams|fundamentals)'/.test(f.message),
      ),
      files.join('\n'),
    );
  } finally {
    removeTree(parent);
  }
});

test('implied root: linting one case study or the case-studies folder still finds it; a repository is never a case-studies folder by its name', () => {
  const parent = makeTree({});
  try {
    const clone = path.join(parent, 'system-design-case-studies');
    for (const [rel, text] of Object.entries(REPOSITORY)) {
      mkdirSync(path.dirname(path.join(clone, rel)), { recursive: true });
      writeFileSync(path.join(clone, rel), text);
    }
    mkdirSync(path.join(clone, '.git'));
    assert.match(run(['lint', 'case-studies/chat'], clone).stdout, /in 1 case study and 2 files checked/);
    assert.match(run(['lint', 'case-studies'], clone).stdout, /in 2 case studies and 3 files checked/);
    assert.match(
      run(['lint', '.'], path.join(clone, 'case-studies/feed')).stdout,
      /in 1 case study and 1 file checked/,
    );
    // Without a nested case-studies folder, the clone's own folders are not taken for case studies.
    renameSync(path.join(clone, 'case-studies'), path.join(clone, 'studies'));
    const r = run(['lint', '.'], clone);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /No problems found in 0 case studies and \d+ files checked\./);
  } finally {
    removeTree(parent);
  }
});

test('silence: with no case study the summary says so and how to configure, exit 0 (text and JSON)', () => {
  const root = makeTree({ 'docs/notes.md': '# Notes\n\nHighly available, low latency.\n', 'README.md': '# Readme\n' });
  try {
    const text = run(['lint'], root);
    assert.equal(text.code, 0);
    const lines = text.stdout.trim().split('\n');
    assert.equal(lines[0], 'No problems found in 0 case studies and 2 files checked.');
    assert.match(lines[1], /^hint: No case study found.*design-notes init/);
    const json = JSON.parse(run(['lint', '--format', 'json'], root).stdout);
    assert.equal(json.summary.caseStudies, 0);
    assert.equal(json.summary.files, 2);
    assert.match(json.summary.hint, /design-notes init/);
    assert.deepEqual(json.findings, []);
  } finally {
    removeTree(root);
  }
});

test('--list-case-studies shows each case study, its kind and where each part is written', () => {
  const root = makeTree({
    'case-studies/chat/requirements.md': CLEAN_CASE_STUDY['requirements.md'],
    'case-studies/chat/hld.md': `${CLEAN_CASE_STUDY['high-level-design.md']}\n## Trade-offs\n\n### Push over pull\n\nPush rather than pull.\n`,
    'case-studies/2026-03-02-retry-storm.md':
      '# Retry storm\n\n## Timeline\n\n- 09:00\n\n## Root Cause\n\nNo jitter.\n',
  });
  try {
    const r = run(['lint', '--list-case-studies'], root);
    assert.equal(r.code, 0);
    assert.equal(
      r.stdout,
      [
        'case-studies/2026-03-02-retry-storm.md  postmortem (from post-mortem headings (timeline, root cause)), 1 file',
        '  requirements       — (not required)',
        '  high-level-design  — (not required)',
        '  trade-offs         — (not required)',
        'case-studies/chat  design (from its file names), 2 files',
        '  requirements       requirements.md',
        '  high-level-design  hld.md',
        '  trade-offs         hld.md § Trade-offs',
        '2 case studies, 3 files checked.',
        '',
      ].join('\n'),
    );
    const json = JSON.parse(run(['lint', '--list-case-studies', '--format', 'json'], root).stdout);
    assert.deepEqual(json.caseStudies[1].parts['trade-offs'], [{ path: 'hld.md', section: 'Trade-offs' }]);
  } finally {
    removeTree(root);
  }
});

/** Copy a corpus repository (read-only source) into a temp folder, run init there, and lint with what it wrote. */
function initOnCopy(repo: string) {
  const dir = makeTree({});
  const copy = path.join(dir, repo);
  cpSync(path.join(CORPUS, repo), copy, { recursive: true });
  const init = run(['init'], copy);
  const lint = run(['lint', '--format', 'json'], copy);
  return {
    dir,
    copy,
    init,
    lint,
    report: JSON.parse(lint.stdout) as {
      summary: { caseStudies: number };
      findings: { path: string; ruleId: string; message: string }[];
    },
  };
}

test(
  'init: system-design-primer (one README per case under solutions/system_design) gets its glob; its trade-offs, weighed in the text, count',
  { skip: !existsSync(CORPUS) && 'no ../shared/corpus' },
  () => {
    const { dir, copy, init, report } = initOnCopy('donnemartin__system-design-primer');
    try {
      assert.equal(init.code, 0, init.stderr);
      assert.match(init.stdout, /With this configuration: 8 case studies \(8 design\)\./);
      const written = readFileSync(path.join(copy, '.designnotes.json'), 'utf8');
      assert.match(written, /"caseStudies": \["solutions\/system_design\/\*"\]/);
      assert.doesNotMatch(written, /"trade-offs"/);
      assert.match(written, /"\*\*\/\*-zh-Hans\.md"/, 'translations excluded');
      assert.equal(report.summary.caseStudies, 8);
      assert.deepEqual(
        report.findings.filter((f) => f.ruleId === 'missing-file' || f.ruleId === 'missing-section'),
        [],
      );
      // Never overwrites: a second run leaves the file and says so.
      writeFileSync(path.join(copy, '.designnotes.json'), '{ "rules": {} }\n');
      const again = run(['init'], copy);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /already exists; left as it is/);
      assert.equal(readFileSync(path.join(copy, '.designnotes.json'), 'utf8'), '{ "rules": {} }\n');
    } finally {
      removeTree(dir);
    }
  },
);

test(
  'init: numbered case-study folders (07_case-studies) and case-studies/url-shortener keep the defaults; the checks find the same case studies',
  { skip: !existsSync(CORPUS) && 'no ../shared/corpus' },
  () => {
    for (const [repo, count] of [
      ['SwamysArchitectJourney-2026__system-design-in-practice', 20],
      ['md-amir-gauhar__system-design-playbook', 1],
    ] as const) {
      const { dir, init, report } = initOnCopy(repo);
      try {
        assert.equal(init.code, 0, init.stderr);
        assert.match(init.stdout, /The built-in "caseStudies" globs find this repository's case studies/);
        assert.equal(report.summary.caseStudies, count, repo);
        // Multi-part and section-written parts: no case study of these repositories lacks a part.
        assert.deepEqual(
          report.findings.filter((f) => f.ruleId === 'missing-file'),
          [],
          repo,
        );
      } finally {
        removeTree(dir);
      }
    }
  },
);

test(
  'init: a playbook and an ADR repository with no design case studies get the defaults and say no case study was found',
  { skip: !existsSync(CORPUS) && 'no ../shared/corpus' },
  () => {
    for (const repo of ['microsoft__code-with-engineering-playbook', 'adr__madr']) {
      const { dir, init, report } = initOnCopy(repo);
      try {
        assert.equal(init.code, 0, init.stderr);
        assert.match(init.stdout, /No folder of design case studies found/);
        assert.equal(report.summary.caseStudies, 0);
        assert.deepEqual(
          report.findings.filter((f) => f.ruleId !== 'mermaid-syntax'),
          [],
          repo,
        );
      } finally {
        removeTree(dir);
      }
    }
  },
);

test('init: HLD/<case>/ with numbered step files gets the folder glob and the file names as aliases', () => {
  const step = (n: string, title: string, body: string) => `# ${title}\n\n${body}\n`;
  const files: Record<string, string> = {};
  for (const c of ['chat', 'feed', 'payments']) {
    files[`HLD/${c}/01_requirements_and_estimations.md`] = step(
      '01',
      `${c} — requirements`,
      '## Functional Requirements\n\n- Do it.\n\n## Non-Functional Requirements\n\n- 99.9% monthly availability.\n',
    );
    files[`HLD/${c}/03_step2_architecture.md`] = step(
      '03',
      `${c} — architecture`,
      '## Architecture\n\nA gateway.\n\n```mermaid\nflowchart LR\n  A --> B\n```\n\n## Key Components\n\n- Gateway\n',
    );
    files[`HLD/${c}/05_tradeoffs_and_decisions.md`] = step(
      '05',
      `${c} — decisions`,
      '## SQL vs NoSQL\n\nSQL rather than NoSQL: joins.\n',
    );
  }
  const root = makeTree(files);
  try {
    const init = run(['init'], root);
    assert.equal(init.code, 0, init.stderr);
    const written = readFileSync(path.join(root, '.designnotes.json'), 'utf8');
    assert.match(written, /"caseStudies": \["HLD\/\*"\]/);
    assert.match(written, /"requirements": \{ "aliases": \["requirements and estimations"\] \}/);
    assert.match(written, /"high-level-design": \{ "aliases": \["step2 architecture"\] \}/);
    const report = JSON.parse(run(['lint', '--format', 'json'], root).stdout);
    assert.equal(report.summary.caseStudies, 3);
    assert.deepEqual(report.findings, []);
  } finally {
    removeTree(root);
  }
});

test('init: a part that no case study writes (no file, no section, not in the text) is proposed as not required, with a comment', () => {
  const files: Record<string, string> = {};
  for (const c of ['chat', 'feed']) {
    files[`designs/${c}/README.md`] =
      `# ${c}\n\n## Requirements\n\n- Do it.\n\n## Architecture\n\nA gateway.\n\n![diagram](arch.png)\n`;
  }
  const root = makeTree(files);
  try {
    const r = run(['init', '--dry-run'], root);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /None of the 2 case studies found writes trade-offs \(no file, no section\): not required here\./,
    );
    assert.match(r.stdout, /"trade-offs": false/);
    assert.equal(existsSync(path.join(root, '.designnotes.json')), false, '--dry-run writes nothing');
  } finally {
    removeTree(root);
  }
});
