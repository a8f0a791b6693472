#!/usr/bin/env node
// The GitHub Action's step (action.yml): runs the design-notes CLI on the given paths, writes a SARIF file for
// github/codeql-action/upload-sarif, annotates the pull request (workflow commands), and appends a Markdown table of
// the findings to $GITHUB_STEP_SUMMARY. Plain Node, no dependencies: it runs straight from the action's checkout.
//
// The CLI is the project's own when it has one (node_modules/.bin/design-notes, from `npm install --save-dev
// design-notes`), else the npm package named by the `package` input, run through `npm exec`. The CLI runs twice
// with --cache (SARIF, then annotations): the second run reads the first one's results, close to the cost of
// reading the files.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const input = (name, fallback = '') =>
  (process.env[`INPUT_${name.toUpperCase().replace(/[ -]/g, '_')}`] ?? '').trim() || fallback;

/** The `paths` input: one path per line or separated by spaces (a path with spaces goes on its own line). */
export function splitPaths(value) {
  const lines = value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const paths = lines.length === 1 ? lines[0].split(/\s+/) : lines;
  return paths.length ? paths : ['.'];
}

function cliCommand(pkg) {
  const local = path.join(
    process.cwd(),
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'design-notes.cmd' : 'design-notes',
  );
  if (pkg === 'design-notes' && existsSync(local)) return { cmd: local, args: [] };
  return {
    cmd: process.platform === 'win32' ? 'npm.cmd' : 'npm',
    args: ['exec', '--yes', `--package=${pkg}`, '--', 'design-notes'],
  };
}

/** Text for a Markdown table cell: no line breaks, no column breaks, no HTML (finding messages quote the user's files). */
export function cell(s) {
  return String(s)
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/([\\`*_[\]])/g, '\\$1')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|');
}

const MAX_ROWS = 200;
const LEVEL = { error: 'error', warning: 'warning', note: 'info', none: 'info' };

/** The step summary: counts, then a table of the findings (the first MAX_ROWS) read from the SARIF log. */
export function summary(log) {
  const results = log.runs?.[0]?.results ?? [];
  const count = (level) => results.filter((r) => LEVEL[r.level ?? 'warning'] === level).length;
  const lines = ['## Design Notes', ''];
  if (!results.length) {
    lines.push('No problems found.', '');
    return lines.join('\n');
  }
  lines.push(
    `${results.length} problem${results.length === 1 ? '' : 's'}: ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info.`,
    '',
  );
  lines.push('| Severity | File | Line | Rule | Message |', '| --- | --- | ---: | --- | --- |');
  for (const r of results.slice(0, MAX_ROWS)) {
    const loc = r.locations?.[0]?.physicalLocation;
    let file = loc?.artifactLocation?.uri ?? '';
    try {
      file = decodeURI(file);
    } catch {
      // Keep the encoded form.
    }
    lines.push(
      `| ${LEVEL[r.level ?? 'warning']} | ${cell(file)} | ${loc?.region?.startLine ?? ''} | ${cell(r.ruleId ?? '')} | ${cell(r.message?.text ?? '')} |`,
    );
  }
  if (results.length > MAX_ROWS)
    lines.push('', `… and ${results.length - MAX_ROWS} more (see the SARIF file or the annotations).`);
  lines.push('');
  return lines.join('\n');
}

/** `name=value` for $GITHUB_OUTPUT, with a delimiter form for values that could hold a newline. */
function setOutput(name, value) {
  const file = process.env.GITHUB_OUTPUT;
  if (!file) return;
  const delimiter = `ghadelimiter_${Math.random().toString(36).slice(2)}`;
  appendFileSync(file, `${name}<<${delimiter}${os.EOL}${value}${os.EOL}${delimiter}${os.EOL}`);
}

export function main() {
  const paths = splitPaths(input('paths', '.'));
  const sarifFile = path.resolve(input('sarif-file', 'design-notes.sarif'));
  const { cmd, args } = cliCommand(input('package', 'design-notes'));
  const cacheFile = path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'design-notes-action-cache.json');
  const common = ['lint', ...paths, '--cache', '--cache-location', cacheFile];
  const maxWarnings = input('max-warnings');
  if (maxWarnings) common.push('--max-warnings', maxWarnings);

  // Run 1: SARIF to the file, the findings as text in the log.
  const first = spawnSync(cmd, [...args, ...common, '--format', 'sarif', '--output', sarifFile], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (first.error || first.status === null || first.status > 1 || !existsSync(sarifFile)) {
    console.log(
      `::error title=design-notes::design-notes could not run (exit ${first.status ?? first.signal ?? first.error?.message}); see the log above.`,
    );
    return 2;
  }
  // Run 2: annotations on the pull request (the cache makes this nearly free).
  if (input('annotations', 'true') !== 'false')
    spawnSync(cmd, [...args, ...common, '--format', 'github'], { stdio: ['ignore', 'inherit', 'inherit'] });

  const log = JSON.parse(readFileSync(sarifFile, 'utf8'));
  const results = log.runs?.[0]?.results ?? [];
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, summary(log));
  setOutput('sarif-file', sarifFile);
  setOutput('errors', String(results.filter((r) => r.level === 'error').length));
  setOutput('warnings', String(results.filter((r) => (r.level ?? 'warning') === 'warning').length));
  setOutput('exit-code', String(first.status));
  return input('fail-on-error', 'true') === 'false' ? 0 : first.status;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
