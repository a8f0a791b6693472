// The GitHub Action (action.yml + action/run.mjs), run locally the way the runner runs it: GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY and RUNNER_TEMP point at temporary files, the inputs arrive as INPUT_* variables.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { caseStudyFiles, CLEAN_CASE_STUDY, makeTree, removeTree } from '../support/tree';

const REPO = path.resolve(__dirname, '../..');
const SCRIPT = path.join(REPO, 'action/run.mjs');

let project: string;

before(() => {
  project = makeTree({
    ...caseStudyFiles('clean', CLEAN_CASE_STUDY),
    ...caseStudyFiles('draft', {
      // A requirement whose text would break a Markdown table or inject HTML if it were not escaped.
      'requirements.md':
        '# Draft\n\n## Functional Requirements\n\n- Post messages\n\n## Non-Functional Requirements\n\n- Fast | <img src=x onerror=alert(1)> responses\n',
      'high-level-design.md': CLEAN_CASE_STUDY['high-level-design.md'],
    }),
  });
  // The project's own CLI, as `npm install --save-dev design-notes` leaves it (here: this checkout's build).
  mkdirSync(path.join(project, 'node_modules/.bin'), { recursive: true });
  symlinkSync(path.join(REPO, 'bin/design-notes.js'), path.join(project, 'node_modules/.bin/design-notes'));
});

after(() => removeTree(project));

function runAction(inputs: Record<string, string>) {
  const temp = path.join(project, `.runner-${Math.random().toString(36).slice(2)}`);
  mkdirSync(temp);
  const files = { output: path.join(temp, 'output'), summary: path.join(temp, 'summary.md') };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: temp,
    GITHUB_ACTIONS: 'true',
    NO_COLOR: '1',
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase().replace(/-/g, '_')}`] = v;
  const r = spawnSync(process.execPath, [SCRIPT], { cwd: project, env, encoding: 'utf8' });
  const outputs: Record<string, string> = {};
  for (const m of readFileSync(files.output, 'utf8').matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm))
    outputs[m[1]] = m[3];
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, summary: readFileSync(files.summary, 'utf8'), outputs };
}

test('writes SARIF, annotates, appends a summary table and sets outputs; fails on errors', () => {
  const r = runAction({ paths: 'case-studies', 'sarif-file': 'reports/design-notes.sarif' });
  assert.equal(r.code, 1, r.stderr);
  const sarifFile = path.join(project, 'reports/design-notes.sarif');
  const log = JSON.parse(readFileSync(sarifFile, 'utf8'));
  assert.equal(log.version, '2.1.0');
  assert.deepEqual(
    log.runs[0].results.map((x: { ruleId: string }) => x.ruleId),
    ['missing-file', 'unquantified-nfr'],
  );
  // The log shows the text report, and annotations for the pull request.
  assert.match(r.stdout, /^case-studies\/draft\/requirements\.md:1:3 error missing-file /m);
  assert.match(r.stdout, /^::error file=case-studies\/draft\/requirements\.md,line=1,/m);
  assert.match(r.stdout, /^::warning file=case-studies\/draft\/requirements\.md,line=9,/m);
  assert.deepEqual(r.outputs, { 'sarif-file': sarifFile, errors: '1', warnings: '1', 'exit-code': '1' });
  const lines = r.summary.split('\n');
  assert.equal(lines[0], '## Design Notes');
  assert.ok(lines.includes('| Severity | File | Line | Rule | Message |'), r.summary);
  const row = lines.find((l) => l.includes('unquantified-nfr'))!;
  // Five cells: the `|` in the user's text is escaped, and the HTML is inert.
  assert.equal(row.split(/(?<!\\)\|/).length, 7, row);
  assert.match(row, /'Fast \\\| responses'/);
  assert.doesNotMatch(r.summary, /<img/);
});

test("summary cells: no column break, no HTML, no Markdown from the user's text", async () => {
  const { cell } = (await import(SCRIPT)) as { cell(s: string): string };
  assert.equal(cell('a | b <img src=x> `c` *d* \\| e\nf'), 'a \\| b &lt;img src=x&gt; \\`c\\` \\*d\\* \\\\\\| e f');
});

test('fail-on-error false reports without failing; a clean run says so; several paths', () => {
  const r = runAction({ paths: 'case-studies/draft', 'fail-on-error': 'false', annotations: 'false' });
  assert.equal(r.code, 0);
  assert.doesNotMatch(r.stdout, /^::/m, 'no annotations when turned off');
  const clean = runAction({ paths: 'case-studies/clean\ncase-studies/clean/requirements.md' });
  assert.equal(clean.code, 0, clean.stderr);
  assert.match(clean.summary, /^No problems found\.$/m);
  assert.equal(clean.outputs.errors, '0');
});

test('a CLI that cannot run fails the step with an error annotation', () => {
  const r = runAction({ paths: 'no/such/folder' });
  assert.equal(r.code, 2);
  assert.match(r.stdout, /^::error title=design-notes::design-notes could not run \(exit 2\)/m);
});

test('action.yml passes every input to the script, as environment variables only', () => {
  const action = parseYaml(readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
    runs: { using: string; steps: { env?: Record<string, string>; run?: string }[] };
  };
  assert.equal(action.runs.using, 'composite');
  const step = action.runs.steps.find((s) => s.run?.includes('action/run.mjs'))!;
  assert.ok(step);
  assert.doesNotMatch(step.run!, /\$\{\{/, 'no expression spliced into the shell command');
  const script = readFileSync(SCRIPT, 'utf8');
  for (const name of Object.keys(action.inputs)) {
    if (name === 'working-directory') continue; // used by the step itself
    const env = `INPUT_${name.toUpperCase().replace(/-/g, '_')}`;
    assert.equal(step.env?.[env], `\${{ inputs.${name} }}`, env);
    assert.ok(script.includes(`input('${name}'`), `run.mjs reads ${name}`);
  }
});
