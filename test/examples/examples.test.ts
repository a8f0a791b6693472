// The demo workspace (examples/) must keep showing what examples/README.md promises: two clean case studies and
// one whose findings demonstrate the rules. Checked with the built CLI, Mermaid validation included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

interface JsonFinding {
  path: string;
  line: number;
  ruleId: string;
}

function lintExamples(): JsonFinding[] {
  assert.ok(existsSync(CLI), `${CLI} is missing: run "npm run build" first`);
  const r = spawnSync(process.execPath, [CLI, 'lint', 'examples', '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, `lint exited ${r.status}: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
}

const findings = lintExamples();
const of = (caseStudy: string) => findings.filter((f) => f.path.includes(`/case-studies/${caseStudy}/`));

test('url-shortener and ride-sharing are clean (every diagram type in ride-sharing parses)', () => {
  assert.deepEqual(of('url-shortener'), []);
  assert.deepEqual(of('ride-sharing'), []);
});

test('notification-system shows one finding per rule it is meant to demonstrate', () => {
  const rules = of('notification-system').map((f) => f.ruleId).sort();
  assert.deepEqual(rules, ['empty-section', 'mermaid-syntax', 'missing-file', 'placeholder', 'unquantified-nfr', 'unquantified-nfr']);
});
