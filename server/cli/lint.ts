import { inert } from './terminalText';
import * as path from 'node:path';
import { Linter, sortFindings } from '../core/engine';
import type { FileSystem } from '../core/fileSystem';
import { syncNodeFileSystem } from '../core/node';
import { discoverCaseStudies, type CaseStudy } from '../core/caseStudy';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../core/config';
import type { RuleServices } from '../core/rule';
import type { Finding, Severity } from '../core/types';
import { checkWorkspace, findConfigRoot, loadWorkspaceConfig } from '../core/workspace';
import { unmatchedCaseStudyGlobs } from '../core/configGlobs';
import { formatCaseStudyList } from './listCaseStudies';
import { displayPath, type CliIO } from './io';
import { isReportFormat, MACHINE_FORMATS, REPORT_FORMATS, type ReportFormat } from './formats';
import { writeReport } from './output';
import { runFix } from './fix';
import { LintCache } from './cache';

export const LINT_USAGE = `Usage: design-notes lint [paths...] [options]

Checks the case studies under each path (default: the current folder) with the same rules as the editor.
The nearest .designnotes.json at or above a path configures it.

Options:
  -f, --format <name>             Output format: text (default), json, sarif, github (workflow annotations),
                                  junit, gitlab (Code Quality)
  -o, --output <file>             Write the report (in --format) to a file; the terminal still gets the text
  --fix                           Apply the fixes that need no judgement (add a missing section with its prompt,
                                  create a missing file from its template, correct a misspelt diagram type);
                                  never overwrites a file, never changes text you wrote
  --fix-dry-run                   Print the fixes as a unified diff instead of applying them
  --cache                         Reuse results of unchanged case studies from the last run
  --cache-location <path>         Cache file or folder, implies --cache (default: node_modules/.cache/
                                  design-notes/, else the user's cache folder)
  --max-warnings <n>              Also fail (exit 1) when there are more than n warnings
  --quiet                         Report errors only
  --list-case-studies             List the case studies found (kind, and where each part is written) instead of findings
  -h, --help                      Show this help

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 bad usage or a broken configuration.`;

/** Case studies (and loose files) checked at once by the CLI. */
export const CHECK_CONCURRENCY = 8;

export interface LintOptions {
  paths: string[];
  format: ReportFormat;
  output?: string;
  maxWarnings?: number;
  quiet: boolean;
  fix?: 'apply' | 'dry-run';
  cache: boolean;
  cacheLocation?: string;
  listCaseStudies: boolean;
}

export class UsageError extends Error {}

export function parseLintArgs(args: string[]): LintOptions | 'help' {
  const options: LintOptions = { paths: [], format: 'text', quiet: false, cache: false, listCaseStudies: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (v === undefined) throw new UsageError(`${a.split('=')[0]} needs a value.`);
      return v;
    };
    if (a === '-h' || a === '--help') return 'help';
    else if (a === '-f' || a === '--format' || a.startsWith('--format=')) {
      const v = value();
      if (!isReportFormat(v)) throw new UsageError(`Unknown format "${v}": use ${REPORT_FORMATS.join(', ')}.`);
      options.format = v;
    } else if (a === '-o' || a === '--output' || a.startsWith('--output=')) {
      options.output = value();
      if (!options.output) throw new UsageError('--output needs a file name.');
    } else if (a === '--fix' || a === '--fix-dry-run') {
      options.fix = a === '--fix-dry-run' || options.fix === 'dry-run' ? 'dry-run' : 'apply';
    } else if (a === '--cache') options.cache = true;
    else if (a === '--cache-location' || a.startsWith('--cache-location=')) {
      options.cacheLocation = value();
      options.cache = true;
      if (!options.cacheLocation) throw new UsageError('--cache-location needs a path.');
    } else if (a === '--max-warnings' || a.startsWith('--max-warnings=')) {
      const v = value();
      if (!/^\d+$/.test(v)) throw new UsageError(`--max-warnings needs a whole number, got "${v}".`);
      options.maxWarnings = Number(v);
    } else if (a === '--quiet') options.quiet = true;
    else if (a === '--list-case-studies') options.listCaseStudies = true;
    else if (a === '--') (options.paths.push(...args.slice(i + 1)), (i = args.length));
    else if (a.startsWith('-')) throw new UsageError(`Unknown option "${a}".`);
    else options.paths.push(a);
  }
  if (!options.paths.length) options.paths.push('.');
  return options;
}

export interface LintRun {
  findings: Finding[];
  configBroken: boolean;
  notes: string[];
  /** The case studies checked (inside the given paths), by path. */
  caseStudies: CaseStudy[];
  /** How many Markdown/Mermaid files were checked, in case studies and outside them. */
  filesChecked: number;
  /** The configuration each checked case study was checked with, by case-study path. */
  configs: Map<string, ResolvedConfig>;
  /** Each linted path's config root with its config (where fixes find the templates). */
  scopes: { root: string; config: ResolvedConfig }[];
}

/** Lint paths the way the CLI does; shared with tests and benchmarks. */
export async function lintPaths(
  paths: string[],
  cwd: string,
  services: RuleServices = {},
  options: { cache?: LintCache; fs?: FileSystem } = {},
): Promise<LintRun> {
  // Synchronous reads: a CLI run has nothing to overlap them with (see syncNodeFileSystem).
  const fs = options.fs ?? syncNodeFileSystem;
  const { cache } = options;
  const scopes: LintRun['scopes'] = [];
  // Each file is read once per run: no parse cache to grow with the workspace.
  const linter = new Linter({ fs, services, keepParsed: false });
  const all = new Map<string, Finding>();
  const notes: string[] = [];
  const caseStudies = new Map<string, CaseStudy>();
  const files = new Set<string>();
  const configs = new Map<string, ResolvedConfig>();
  let configBroken = false;
  for (const p of paths) {
    const target = path.resolve(cwd, p);
    const st = await fs.stat(target);
    if (!st) throw new UsageError(`No such file or folder: ${p}`);
    const root =
      (await findConfigRoot(st.isDirectory ? target : path.dirname(target), fs)) ??
      (await impliedRoot(target, st.isDirectory, cwd, fs));
    const ws = await loadWorkspaceConfig(root, fs, linter.ruleIds);
    if (ws.problems.length && ws.configPath) {
      configBroken = configBroken || ws.problems.some((pr) => pr.severity === 'error');
      for (const pr of ws.problems) {
        const f: Finding = {
          ruleId: 'config',
          severity: pr.severity,
          message: pr.message,
          path: ws.configPath,
          range: pr.range,
        };
        all.set(key(f), f);
      }
    }
    // Several case studies in flight, so reading and parsing overlap the Mermaid worker's parsing (64 measured
    // slower and ~100 MB heavier than 8 on 2 cores: docs/benchmarks.md, round two).
    const result = await checkWorkspace(root, ws.config, linter, fs, target, {
      concurrency: CHECK_CONCURRENCY,
      checker: cache?.checker(ws, linter, services),
    });
    notes.push(...result.notes);
    for (const cs of result.checked) (caseStudies.set(cs.path, cs), configs.set(cs.path, ws.config));
    for (const f of result.filesChecked) files.add(f);
    scopes.push({ root, config: ws.config });
    for (const list of result.findings.values()) for (const f of list) all.set(key(f), f);
    if (ws.text && ws.configPath) {
      for (const pr of unmatchedCaseStudyGlobs(ws.text, root, result.caseStudies)) {
        const f: Finding = {
          ruleId: 'config',
          severity: pr.severity,
          message: pr.message,
          path: ws.configPath,
          range: pr.range,
        };
        all.set(key(f), f);
      }
    }
  }
  const checked = [...caseStudies.values()].sort((a, b) => a.path.localeCompare(b.path));
  return {
    findings: sortFindings([...all.values()]),
    configBroken,
    notes,
    caseStudies: checked,
    filesChecked: files.size,
    configs,
    scopes,
  };
}

/**
 * Without a config file, the folder the case-study globs are matched from. A folder that holds case studies is
 * its own root, whatever it is called: a clone named `system-design-case-studies/` must be checked exactly like
 * the same tree under another name (its name would make its own top-level folders look like case studies).
 * Otherwise, to check one case study, one file, or a `case-studies` folder itself, the parent of the nearest
 * `…case-studies` folder at or above the target — but never at or above a repository root (a folder with `.git`):
 * a repository is not a case study because of its name. Else the working directory when the target is inside it,
 * else the target itself.
 */
async function impliedRoot(target: string, isDirectory: boolean, cwd: string, fs: FileSystem): Promise<string> {
  if (isDirectory && (await discoverCaseStudies(target, DEFAULT_CONFIG, fs)).caseStudies.length) return target;
  for (let dir = isDirectory ? target : path.dirname(target); ;) {
    if (await fs.stat(path.join(dir, '.git'))) break;
    if (/case[-_]studies$/i.test(path.basename(dir))) return path.dirname(dir);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const rel = path.relative(cwd, target);
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) return cwd;
  return isDirectory ? target : path.dirname(target);
}

function key(f: Finding): string {
  return `${f.path}|${f.range.start.line}|${f.range.start.character}|${f.ruleId}|${f.message}`;
}

const LABEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info' };

/** What a run looked at, for the summary line and the JSON `summary`. */
export interface LintSummary {
  caseStudies: number;
  files: number;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Said when no case study was found: the silence of "No problems found." must not hide that nothing was checked. */
export const NO_CASE_STUDY_HINT =
  'No case study found, so only Mermaid diagrams were checked. Design Notes looks for folders matching "caseStudies" ' +
  '(default: every folder or Markdown file directly inside a folder named case-studies). Run "design-notes init" to ' +
  'propose a .designnotes.json for this repository, or "design-notes lint --list-case-studies" to see what is found.';

export function summaryLine(findings: Finding[], summary: LintSummary): string {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const e = count('error');
  const w = count('warning');
  const i = count('info');
  const total = findings.length;
  const checked = `${plural(summary.caseStudies, 'case study', 'case studies')} and ${plural(summary.files, 'file', 'files')} checked`;
  return total
    ? `${plural(total, 'problem', 'problems')} (${plural(e, 'error', 'errors')}, ${plural(w, 'warning', 'warnings')}, ${i} info) in ${checked}.`
    : `No problems found in ${checked}.`;
}

export function formatText(findings: Finding[], cwd: string, color: boolean, summary: LintSummary): string {
  const paint = (code: number, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const lines = findings.map((f) => {
    const where = `${displayPath(f.path, cwd)}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
    const sev =
      f.severity === 'error'
        ? paint(31, LABEL.error)
        : f.severity === 'warning'
          ? paint(33, LABEL.warning)
          : paint(36, LABEL.info);
    return `${inert(where)} ${sev} ${inert(f.ruleId)} ${inert(f.message)}`;
  });
  lines.push(summaryLine(findings, summary));
  if (!summary.caseStudies) lines.push(`hint: ${NO_CASE_STUDY_HINT}`);
  return lines.join('\n') + '\n';
}

/** JSON report: the summary (what was checked, counts by severity) and the findings with 1-based positions. */
export function formatJson(findings: Finding[], cwd: string, summary: LintSummary): string {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return (
    JSON.stringify(
      {
        summary: {
          caseStudies: summary.caseStudies,
          files: summary.files,
          errors: count('error'),
          warnings: count('warning'),
          infos: count('info'),
          ...(summary.caseStudies ? {} : { hint: NO_CASE_STUDY_HINT }),
        },
        findings: findings.map((f) => ({
          path: displayPath(f.path, cwd),
          line: f.range.start.line + 1,
          column: f.range.start.character + 1,
          endLine: f.range.end.line + 1,
          endColumn: f.range.end.character + 1,
          severity: f.severity,
          ruleId: f.ruleId,
          message: f.message,
          ...(f.detail ? { detail: f.detail } : {}),
        })),
      },
      null,
      2,
    ) + '\n'
  );
}

export async function runLint(args: string[], io: CliIO, services: RuleServices = {}): Promise<number> {
  let options: LintOptions | 'help';
  try {
    options = parseLintArgs(args);
  } catch (e) {
    io.stderr(`design-notes lint: ${inert((e as Error).message)}\n\n${LINT_USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    io.stdout(LINT_USAGE + '\n');
    return 0;
  }
  let run: LintRun;
  let cache: LintCache | undefined;
  try {
    if (options.fix) {
      const paths = options.paths;
      const fixed = await runFix((fs) => lintPaths(paths, io.cwd, services, { fs }), io, options.fix);
      if (options.fix === 'dry-run') return fixed.failed ? 2 : 0;
    }
    if (options.cache)
      cache = await LintCache.open(options.cacheLocation, io.cwd, !!services.mermaid, (n) => io.stderr(`note: ${n}\n`));
    run = await lintPaths(options.paths, io.cwd, services, { cache });
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`design-notes lint: ${inert(e.message)}\n`);
      return 2;
    }
    throw e;
  }
  await cache?.save((n) => io.stderr(`note: ${n}\n`));
  if (options.listCaseStudies) {
    if (options.format !== 'text' && options.format !== 'json') {
      io.stderr('design-notes lint: --list-case-studies prints text or json.\n');
      return 2;
    }
    io.stdout(await formatCaseStudyList(run, io.cwd, options.format));
    for (const note of run.notes) io.stderr(`note: ${inert(note)}\n`);
    return run.configBroken ? 2 : 0;
  }
  const shown = options.quiet ? run.findings.filter((f) => f.severity === 'error') : run.findings;
  const summary: LintSummary = { caseStudies: run.caseStudies.length, files: run.filesChecked };
  const report = (format: ReportFormat, color: boolean) =>
    format === 'text'
      ? formatText(shown, io.cwd, color, summary)
      : format === 'json'
        ? formatJson(shown, io.cwd, summary)
        : MACHINE_FORMATS[format](shown, io.cwd);
  if (options.output) {
    const problem = writeReport(path.resolve(io.cwd, options.output), report(options.format, false));
    io.stdout(formatText(shown, io.cwd, io.color, summary));
    if (problem) {
      io.stderr(`design-notes lint: ${inert(problem)}\n`);
      return 2;
    }
  } else io.stdout(report(options.format, io.color));
  for (const note of run.notes) io.stderr(`note: ${inert(note)}\n`);
  if (run.configBroken) return 2;
  const errors = run.findings.filter((f) => f.severity === 'error').length;
  const warnings = run.findings.filter((f) => f.severity === 'warning').length;
  if (errors > 0) return 1;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) return 1;
  return 0;
}
