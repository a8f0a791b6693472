import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { writeFileSync } from 'node:fs';
import { caseStudyFiles, CLEAN_CASE_STUDY, makeTree, removeTree } from '../support/tree';
import { runCli } from '../support/cli';

const run = runCli;

const withFindings = () =>
  makeTree({
    ...caseStudyFiles('clean', CLEAN_CASE_STUDY),
    ...caseStudyFiles('draft', {
      'requirements.md':
        '# Draft\n\n## Functional Requirements\n\n- Post messages\n\n## Non-Functional Requirements\n\n- Low latency\n',
      'high-level-design.md': CLEAN_CASE_STUDY['high-level-design.md'],
    }),
  });

test('text output: file:line:col severity rule message, a summary, exit 1 on errors', () => {
  const root = withFindings();
  try {
    const r = run(['lint'], root);
    assert.equal(r.code, 1);
    assert.equal(
      r.stdout,
      [
        "case-studies/draft/requirements.md:1:3 error missing-file Case study 'draft' has no trade-offs.md (Trade-offs): create it, or add a 'Trade-offs' section to one of its files.",
        "case-studies/draft/requirements.md:9:3 warning unquantified-nfr Non-functional requirement 'Low latency' has no measurable target: add one, e.g. 'p99 latency < 200 ms'.",
        '2 problems (1 error, 1 warning, 0 info) in 2 case studies and 5 files checked.',
        '',
      ].join('\n'),
    );
  } finally {
    removeTree(root);
  }
});

test('exit 0 with warnings only; --max-warnings 0 turns warnings into a failure', () => {
  const root = withFindings();
  try {
    writeFileSync(path.join(root, 'case-studies/draft/trade-offs.md'), CLEAN_CASE_STUDY['trade-offs.md']);
    assert.equal(run(['lint'], root).code, 0);
    assert.equal(run(['lint', '--max-warnings', '0'], root).code, 1);
    assert.equal(run(['lint', '--max-warnings=1'], root).code, 0);
  } finally {
    removeTree(root);
  }
});

test('json output lists findings with 1-based positions; a path argument limits the check', () => {
  const root = withFindings();
  try {
    const r = run(['lint', '--format', 'json', 'case-studies/draft/requirements.md'], root);
    const { findings, summary } = JSON.parse(r.stdout);
    assert.deepEqual(
      findings.map((f: { path: string; line: number; column: number; ruleId: string; severity: string }) => [
        f.path,
        f.line,
        f.column,
        f.ruleId,
        f.severity,
      ]),
      [
        ['case-studies/draft/requirements.md', 1, 3, 'missing-file', 'error'],
        ['case-studies/draft/requirements.md', 9, 3, 'unquantified-nfr', 'warning'],
      ],
    );
    // One file of one case study was checked (the path limits the check, and the summary says so).
    assert.deepEqual(summary, { caseStudies: 1, files: 1, errors: 1, warnings: 1, infos: 0 });
    const clean = run(['lint', '--format', 'json', 'case-studies/clean'], root);
    assert.equal(clean.code, 0);
    assert.deepEqual(JSON.parse(clean.stdout).findings, []);
    assert.deepEqual(JSON.parse(clean.stdout).summary, { caseStudies: 1, files: 3, errors: 0, warnings: 0, infos: 0 });
  } finally {
    removeTree(root);
  }
});

test('sarif output is SARIF 2.1.0 with rules and relative locations', () => {
  const root = withFindings();
  try {
    const r = run(['lint', '-f', 'sarif'], root);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    const runObj = log.runs[0];
    assert.equal(runObj.tool.driver.name, 'design-notes');
    assert.ok(runObj.tool.driver.rules.some((x: { id: string }) => x.id === 'unquantified-nfr'));
    const res = runObj.results.find((x: { ruleId: string }) => x.ruleId === 'unquantified-nfr');
    assert.equal(res.level, 'warning');
    assert.equal(runObj.tool.driver.rules[res.ruleIndex].id, 'unquantified-nfr');
    assert.deepEqual(res.locations[0].physicalLocation, {
      artifactLocation: { uri: 'case-studies/draft/requirements.md', uriBaseId: '%SRCROOT%' },
      region: { startLine: 9, startColumn: 3, endLine: 9, endColumn: 14 },
    });
  } finally {
    removeTree(root);
  }
});

test('bad usage exits 2 with a message', () => {
  const root = withFindings();
  try {
    const unknown = run(['lint', '--frobnicate'], root);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown option "--frobnicate"/);
    const badFormat = run(['lint', '--format', 'xml'], root);
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /Unknown format "xml"/);
    const missing = run(['lint', 'nope'], root);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /No such file or folder: nope/);
    assert.equal(run(['frobnicate'], root).code, 2);
  } finally {
    removeTree(root);
  }
});

test('a broken config is reported with its position, defaults still check, exit 2', () => {
  const root = withFindings();
  try {
    writeFileSync(path.join(root, '.designnotes.json'), '{\n  "rules": { "missing-file": "loud" }\n}\n');
    const r = run(['lint'], root);
    assert.equal(r.code, 2);
    assert.match(
      r.stdout,
      /^\.designnotes\.json:2:30 error config "rules\.missing-file" must be one of "off", "info", "warning", "error"\. This setting is ignored\.$/m,
    );
    assert.match(r.stdout, /error missing-file Case study 'draft' has no trade-offs\.md/);
  } finally {
    removeTree(root);
  }
});

test('the config above a linted sub-folder applies to it', () => {
  const root = withFindings();
  try {
    writeFileSync(path.join(root, '.designnotes.json'), '{ "rules": { "missing-file": "off" } }');
    const r = run(['lint', path.join(root, 'case-studies/draft')], path.join(root, 'case-studies'));
    assert.equal(r.code, 0);
    assert.doesNotMatch(r.stdout, /missing-file/);
    assert.match(r.stdout, /draft\/requirements\.md:9:3 warning unquantified-nfr/);
  } finally {
    removeTree(root);
  }
});

test('a templates folder that does not exist is a warning on the setting; linting goes on', () => {
  const root = withFindings();
  try {
    writeFileSync(path.join(root, '.designnotes.json'), '{\n  "templates": "my-templates"\n}\n');
    const r = run(['lint'], root);
    assert.equal(r.code, 1, 'errors from the case studies still decide the exit code');
    assert.match(
      r.stdout,
      /^\.designnotes\.json:2:16 warning config The template folder "my-templates" does not exist; only the built-in templates are offered\.$/m,
    );
  } finally {
    removeTree(root);
  }
});

test('the package bin (bin/design-notes.js) runs the same CLI', () => {
  const root = withFindings();
  try {
    const bin = path.resolve(__dirname, '../../bin/design-notes.js');
    const r = spawnSync(process.execPath, [bin, 'lint', '--format', 'json'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.equal(JSON.parse(r.stdout).findings.length, 2);
  } finally {
    removeTree(root);
  }
});

test('text output: control characters and newlines from the workspace are escaped, one finding per line', () => {
  // A bullet holding ESC[H ESC[J cleared the screen when printed; a file name with a newline forged an output line.
  const root = makeTree(
    caseStudyFiles('esc', {
      ...CLEAN_CASE_STUDY,
      'requirements.md': CLEAN_CASE_STUDY['requirements.md'] + '\n- TODO \u001b[H\u001b[J\u009b2J \u202e fake\n',
    }),
  );
  try {
    writeFileSync(
      path.join(root, 'case-studies/esc/notes\nforged.md:1:1 error placeholder owned.md'),
      '# Notes\n\n- TODO\n',
    );
    writeFileSync(
      path.join(root, 'case-studies/esc/trade-offs.md'),
      '# Trade-offs\n\n## Cache\u001b]0;title\u0007\n\nWe use a cache.\n',
    );
    const r = run(['lint'], root);
    assert.doesNotMatch(
      r.stdout,
      /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/,
      'no control character reaches the terminal',
    );
    assert.match(r.stdout, /Trade-off 'Cache\\x1b\]0;title\\x07' names no alternative/);
    assert.match(r.stdout, /^case-studies\/esc\/notes\\nforged\.md:1:1 error placeholder owned\.md:\d+:\d+ warning /m);
    assert.doesNotMatch(r.stdout, /^forged\.md/m, 'a newline in a file name does not start a line');
    for (const line of r.stdout.trimEnd().split('\n').slice(0, -1))
      assert.match(line, /^case-studies\/esc\/[^ ]+:\d+:\d+ (error|warning|info) [a-z-]+ /, line);
  } finally {
    removeTree(root);
  }
});

test('sarif output: artifact URIs encode each path segment (a file named q?a#b.md stays one path)', () => {
  const root = makeTree(caseStudyFiles('odd', { ...CLEAN_CASE_STUDY, 'q?a#b %.md': '# Notes\n\n- TODO\n' }));
  try {
    const r = run(['lint', '--format', 'sarif'], root);
    const uris = (
      JSON.parse(r.stdout) as {
        runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
      }
    ).runs[0].results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri);
    const uri = uris.find((u) => u.includes('q%3Fa'));
    assert.equal(uri, 'case-studies/odd/q%3Fa%23b%20%25.md', uris.join(', '));
    assert.equal(decodeURIComponent(new URL(uri!, 'file:///ws/').pathname.split('/').pop()!), 'q?a#b %.md');
  } finally {
    removeTree(root);
  }
});
