// Report formats for CI: a golden file per format from one fixture (test/fixtures/cli-formats, whose file name
// "notes, v2: 100%.md" needs escaping everywhere), each validated against what reads it: SARIF against the SARIF
// 2.1.0 schema, GitLab Code Quality against its documented fields, JUnit parsed back by a JUnit reader.
// UPDATE_GOLDEN=1 rewrites the golden files (review the diff).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import { formatGithub } from '../../server/cli/formats/github';
import { formatJunit } from '../../server/cli/formats/junit';
import { formatGitlab } from '../../server/cli/formats/gitlab';
import type { Finding } from '../../server/core/types';
import { removeTree } from '../support/tree';
import { runCli } from '../support/cli';

const REPO = path.resolve(__dirname, '../..');
const FIXTURE = path.join(REPO, 'test/fixtures/cli-formats');
const GOLDEN = path.join(__dirname, 'golden');
const VERSION = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version as string;

function run(args: string[], cwd = FIXTURE) {
  return runCli(args, cwd);
}

/** Compare with (or, with UPDATE_GOLDEN=1, write) a golden file; machine-specific parts are replaced first. */
function golden(name: string, actual: string): void {
  const stable = actual
    .split(JSON.stringify(`file://${FIXTURE}/`).slice(1, -1))
    .join('file:///FIXTURE/')
    .split(`"version": "${VERSION}"`)
    .join('"version": "VERSION"');
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, stable);
  }
  assert.equal(stable, readFileSync(file, 'utf8'), `${name} differs from the golden file (UPDATE_GOLDEN=1 to accept)`);
}

test('github: workflow commands, golden, with file names escaped in properties', () => {
  const r = run(['lint', '--format', 'github']);
  assert.equal(r.code, 1);
  golden('github.txt', r.stdout);
  assert.match(
    r.stdout,
    /^::error file=notes%2C v2%3A 100%25\.md,line=5,endLine=5,col=9,endColumn=11,title=design-notes mermaid-syntax::Expected ':' but found '70'$/m,
  );
  assert.match(r.stdout, /^::warning file=case-studies\/draft\/requirements\.md,line=9,/m);
});

test('github: a message cannot end its command or start another (%, CR, LF escaped; "::" in text is inert)', () => {
  const f: Finding = {
    ruleId: 'placeholder',
    severity: 'info',
    message: '100% done\r\n::error file=evil.md::injected, title: x',
    path: '/w/a,b:c\n.md',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
  };
  const out = formatGithub([f], '/w');
  assert.equal(
    out,
    '::notice file=a%2Cb%3Ac%0A.md,line=1,endLine=1,col=1,endColumn=2,title=design-notes placeholder::100%25 done%0D%0A::error file=evil.md::injected, title: x\n',
  );
  assert.equal(out.split('\n').length, 2, 'one line per finding');
});

test('sarif: golden, and valid against the SARIF 2.1.0 schema', () => {
  const r = run(['lint', '--format', 'sarif']);
  // The rule list comes from the rule modules (it grows with every rule): the golden holds the results, and each
  // result's ruleIndex must name its rule.
  const forGolden = JSON.parse(r.stdout);
  const driver = forGolden.runs[0].tool.driver;
  for (const result of forGolden.runs[0].results) {
    assert.equal(driver.rules[result.ruleIndex].id, result.ruleId);
    delete result.ruleIndex;
  }
  driver.rules = '…';
  golden('sarif.json', JSON.stringify(forGolden, null, 2) + '\n');
  // unicodeRegExp off: the schema's `language` pattern is not valid with the u flag (a stray `]`).
  const ajv = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
  // As a plain predicate: Ajv's type guard would narrow the log to `unknown` after the first call.
  const validate: { (data: unknown): boolean; errors?: unknown } = ajv.compile(
    JSON.parse(readFileSync(path.join(REPO, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')),
  );
  const log = JSON.parse(r.stdout);
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  // The schema is not a formality: a result without a message is rejected.
  delete log.runs[0].results[0].message;
  assert.equal(validate(log), false);
});

test('gitlab: golden, with every field GitLab documents, unique fingerprints stable across line moves', () => {
  const r = run(['lint', '--format', 'gitlab']);
  golden('gitlab.json', r.stdout);
  // The fields GitLab's Code Quality report format documents as required, with their types and values.
  const schema = {
    type: 'array',
    items: {
      type: 'object',
      required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
      properties: {
        description: { type: 'string', minLength: 1 },
        check_name: { type: 'string', minLength: 1 },
        fingerprint: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
        location: {
          type: 'object',
          required: ['path', 'lines'],
          properties: {
            path: { type: 'string', pattern: '^(?!/)(?!\\./)' },
            lines: {
              type: 'object',
              required: ['begin'],
              properties: { begin: { type: 'integer', minimum: 1 }, end: { type: 'integer', minimum: 1 } },
            },
          },
        },
      },
    },
  };
  const issues = JSON.parse(r.stdout);
  const validate: { (data: unknown): boolean; errors?: unknown } = new Ajv({ allErrors: true }).compile(schema);
  assert.ok(validate(issues), JSON.stringify(validate.errors, null, 2));
  assert.equal(new Set(issues.map((i: { fingerprint: string }) => i.fingerprint)).size, issues.length);
  assert.deepEqual(
    issues.map((i: { severity: string; check_name: string }) => `${i.severity} ${i.check_name}`),
    ['major missing-file', 'minor unquantified-nfr', 'major mermaid-syntax'],
  );

  const at = (line: number): Finding => ({
    ruleId: 'r',
    severity: 'warning',
    message: 'm',
    path: '/w/a.md',
    range: { start: { line, character: 0 }, end: { line, character: 1 } },
  });
  const [a] = JSON.parse(formatGitlab([at(3)], '/w'));
  const [b] = JSON.parse(formatGitlab([at(9)], '/w'));
  assert.equal(a.fingerprint, b.fingerprint, 'a finding moved by an edit above it keeps its fingerprint');
  const twice = JSON.parse(formatGitlab([at(3), at(9)], '/w'));
  assert.notEqual(twice[0].fingerprint, twice[1].fingerprint, 'two identical findings in a file still differ');
});

test('junit: golden, parsed back by a JUnit reader: one suite per file, one failure per finding', async () => {
  const r = run(['lint', '--format', 'junit']);
  golden('junit.xml', r.stdout);
  const { parse } = await import('junit2json');
  const report = (await parse(r.stdout)) as {
    tests?: number;
    failures?: number;
    testsuite?: { name?: string; testcase?: { name?: string; failure?: { message?: string; type?: string }[] }[] }[];
  };
  assert.equal(report.tests, 3);
  assert.equal(report.failures, 3);
  assert.deepEqual(
    report.testsuite?.map((s) => [s.name, s.testcase?.map((c) => [c.failure?.[0]?.type, c.failure?.[0]?.message])]),
    [
      [
        'case-studies/draft/requirements.md',
        [
          [
            'error',
            "Case study 'draft' has no trade-offs.md (Trade-offs): create it, or add a 'Trade-offs' section to one of its files.",
          ],
          [
            'warning',
            "Non-functional requirement 'Low latency' has no measurable target: add one, e.g. 'p99 latency < 200 ms'.",
          ],
        ],
      ],
      ['notes, v2: 100%.md', [['error', "Expected ':' but found '70'"]]],
    ],
  );
});

test('junit: user text with markup and characters XML cannot hold still gives a readable report', async () => {
  const f: Finding = {
    ruleId: 'placeholder',
    severity: 'warning',
    message: 'Found <script>"x"</script> & \u0001\u001b[31m and \uD800 here',
    path: '/w/<a>.md',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
  };
  const { parse } = await import('junit2json');
  const report = (await parse(formatJunit([f], '/w'))) as {
    testsuite?: { name?: string; testcase?: { failure?: { message?: string }[] }[] }[];
  };
  assert.equal(report.testsuite?.[0].name, '<a>.md');
  assert.equal(
    report.testsuite?.[0].testcase?.[0].failure?.[0].message,
    'Found <script>"x"</script> & \uFFFD\uFFFD[31m and \uFFFD here',
  );
  // A clean run is one passing test case.
  const clean = (await parse(formatJunit([], '/w'))) as { tests?: number; failures?: number };
  assert.deepEqual([clean.tests, clean.failures], [1, 0]);
});

test('--output writes the report to a file while the terminal gets the text', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'dn-output-'));
  try {
    const file = path.join(out, 'reports', 'design-notes.sarif');
    const r = run(['lint', '--format', 'sarif', '--output', file]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^case-studies\/draft\/requirements\.md:1:3 error missing-file /m);
    assert.match(r.stdout, /3 problems \(2 errors, 1 warning, 0 info\)/);
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).version, '2.1.0');
    // The same report as --format sarif alone.
    assert.equal(readFileSync(file, 'utf8'), run(['lint', '--format', 'sarif']).stdout);
    const toFolder = run(['lint', '-o', out]);
    assert.equal(toFolder.code, 2);
    assert.match(toFolder.stderr, /is a folder/);
  } finally {
    removeTree(out);
  }
});

test('an unknown format names the ones there are', () => {
  const r = run(['lint', '--format', 'xml']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Unknown format "xml": use text, json, sarif, github, junit, gitlab\./);
});
