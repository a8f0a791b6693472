// npm run eval:corpus — prints every rule's findings on the real-repository corpus (../shared/corpus), each with the
// text around it, so a person can judge them quickly (docs/real-world.md records that review).
//
// Each repository folder of the corpus is linted as its own workspace, with the built CLI, as a user who cloned it and
// ran `design-notes lint .` would see it. Where the defaults find no case study, the script does what the CLI's hint
// says: it runs `design-notes init` (in a temporary copy; the corpus is never edited) and lints with the proposed
// .designnotes.json — the system-design-primer's one README per case under solutions/system_design/*.
//
//   npm run eval:corpus                       all rules, up to 25 findings each
//   npm run eval:corpus -- --rule no-alternatives --limit 0   one rule, every finding
//   npm run eval:corpus -- --summary          counts only
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

interface JsonFinding {
  path: string;
  line: number;
  column: number;
  ruleId: string;
  severity: string;
  message: string;
}

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const corpus = path.resolve(option('--corpus') ?? path.join(root, '..', 'shared', 'corpus'));
const onlyRule = option('--rule');
const limit = Number(option('--limit') ?? 25);
const summaryOnly = args.includes('--summary');
const CONTEXT_LINES = Number(option('--context') ?? 2);

if (!existsSync(corpus)) {
  console.error(`No corpus at ${corpus} (pass --corpus <folder>).`);
  process.exit(2);
}
const cli = path.join(root, 'dist', 'cli.js');
if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run npm run build first.');
  process.exit(2);
}

/** Lint one repository folder as its own workspace; the CLI exits 1 when it finds something, which is not a failure here. */
function lintRepository(repo: string): { findings: JsonFinding[]; caseStudies?: number } {
  let out: string;
  try {
    out = execFileSync(process.execPath, [cli, 'lint', '.', '--format', 'json'], {
      cwd: repo,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (e) {
    const err = e as { status?: number; stdout?: string; stderr?: string };
    if (err.status !== 1 || !err.stdout)
      throw new Error(`lint failed in ${repo} (exit ${err.status}): ${err.stderr ?? ''}`, { cause: e });
    out = err.stdout;
  }
  const parsed = JSON.parse(out) as JsonFinding[] | { findings: JsonFinding[]; summary?: { caseStudies?: number } };
  const findings = (Array.isArray(parsed) ? parsed : parsed.findings).map((f) => ({
    ...f,
    path: path.resolve(repo, f.path),
  }));
  return { findings, caseStudies: Array.isArray(parsed) ? undefined : parsed.summary?.caseStudies };
}

const fileCache = new Map<string, string[]>();
function linesOf(file: string): string[] {
  let lines = fileCache.get(file);
  if (!lines) {
    lines = statSync(file).isFile() ? readFileSync(file, 'utf8').split(/\r?\n/) : [];
    fileCache.set(file, lines);
  }
  return lines;
}

/** The headings above a line, outermost first ("# Title › ## NFRs › ### Performance"). */
function headingPath(lines: string[], line: number): string {
  const stack: { level: number; text: string }[] = [];
  let fence = false;
  for (let i = 0; i < line && i < lines.length; i++) {
    if (/^\s{0,3}(```|~~~)/.test(lines[i])) fence = !fence;
    const m = fence ? null : /^(#{1,6})\s+(.*)$/.exec(lines[i]);
    if (!m) continue;
    while (stack.length && stack[stack.length - 1].level >= m[1].length) stack.pop();
    stack.push({ level: m[1].length, text: m[2].trim() });
  }
  return stack.map((h) => `${'#'.repeat(h.level)} ${h.text}`).join(' › ');
}

const all: JsonFinding[] = [];
for (const name of readdirSync(corpus).sort()) {
  const repo = path.join(corpus, name);
  if (!statSync(repo).isDirectory()) continue;
  const { findings, caseStudies } = lintRepository(repo);
  if (caseStudies !== 0) {
    all.push(...findings);
    continue;
  }
  // Nothing found with the defaults: do what the hint says, `design-notes init`, in a copy (the corpus is never edited).
  const copy = path.join(mkdtempSync(path.join(tmpdir(), 'dn-corpus-')), name);
  try {
    cpSync(repo, copy, { recursive: true });
    execFileSync(process.execPath, [cli, 'init'], { cwd: copy, encoding: 'utf8' });
    const configured = lintRepository(copy);
    console.log(
      `${name}: no case study with the defaults; after design-notes init: ${configured.caseStudies ?? '?'} case studies.`,
    );
    // Findings point into the copy: map them back to the corpus so the context is read from the original.
    all.push(
      ...(configured.caseStudies ? configured.findings : findings).map((f) => ({
        ...f,
        path: configured.caseStudies ? path.join(repo, path.relative(copy, f.path)) : f.path,
      })),
    );
  } finally {
    rmSync(path.dirname(copy), { recursive: true, force: true });
  }
}

const byRule = new Map<string, JsonFinding[]>();
for (const f of all) {
  if (onlyRule && f.ruleId !== onlyRule) continue;
  const list = byRule.get(f.ruleId) ?? [];
  list.push(f);
  byRule.set(f.ruleId, list);
}

const rel = (p: string) => path.relative(corpus, p);
console.log(`Corpus: ${corpus}`);
console.log(`${all.length} findings in all; by rule:`);
for (const [rule, list] of [...byRule].sort()) console.log(`  ${rule.padEnd(18)} ${list.length}`);
if (summaryOnly) process.exit(0);

for (const [rule, list] of [...byRule].sort()) {
  list.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
  const shown = limit > 0 ? spread(list, limit) : list;
  console.log(
    `\n${'='.repeat(100)}\n${rule}: ${list.length} finding${list.length === 1 ? '' : 's'}${shown.length < list.length ? `, ${shown.length} shown (spread over the list)` : ''}\n${'='.repeat(100)}`,
  );
  shown.forEach((f, n) => {
    console.log(`\n[${rule} #${n + 1}] ${rel(f.path)}:${f.line}:${f.column}\n  ${f.message}`);
    const lines = linesOf(f.path);
    if (!lines.length) return;
    const where = headingPath(lines, f.line - 1);
    if (where) console.log(`  in: ${where}`);
    const from = Math.max(0, f.line - 1 - CONTEXT_LINES);
    const to = Math.min(lines.length, f.line + CONTEXT_LINES);
    for (let i = from; i < to; i++)
      console.log(`  ${i + 1 === f.line ? '>' : ' '} ${String(i + 1).padStart(4)} | ${lines[i]}`);
  });
}

/** At most n findings, taken evenly over the list, so one long file does not fill the review. */
function spread<T>(list: T[], n: number): T[] {
  if (list.length <= n) return list;
  const out: T[] = [];
  for (let k = 0; k < n; k++) out.push(list[Math.floor((k * list.length) / n)]);
  return out;
}
