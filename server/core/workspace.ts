import { path } from '../../common/path';
import { caseStudyOf, discoverCaseStudies, isCheckedPath, pathMatcherFor, type CaseStudy } from './caseStudy';
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, loadConfig, type ConfigProblem, type ResolvedConfig } from './config';
import type { Linter } from './engine';
import type { FileSystem } from './fileSystem';
import type { Finding } from './types';
import { checkTemplatesSetting } from './scaffold/templatesSetting';

export interface WorkspaceConfig {
  config: ResolvedConfig;
  /** Path of the config file, when there is one. */
  configPath?: string;
  problems: ConfigProblem[];
  /** The config file's text, for checks that need positions once the workspace has been searched. */
  text?: string;
}

/** Read `<root>/.designnotes.json`. Absent → defaults; broken → defaults plus problems with positions. */
export async function loadWorkspaceConfig(
  root: string,
  fs: FileSystem,
  knownRuleIds: readonly string[],
): Promise<WorkspaceConfig> {
  const configPath = path.join(root, CONFIG_FILE_NAME);
  const bytes = await fs.readFile(configPath);
  if (!bytes) return { config: DEFAULT_CONFIG, problems: [] };
  const text = new TextDecoder().decode(bytes);
  const { config, problems } = loadConfig(text, knownRuleIds);
  const templates = await checkTemplatesSetting(text, root, fs);
  return { config, configPath, problems: templates ? [...problems, templates] : problems, text };
}

/** The nearest folder at or above `start` holding a `.designnotes.json`, or undefined. */
export async function findConfigRoot(start: string, fs: FileSystem): Promise<string | undefined> {
  let dir = path.resolve(start);
  for (;;) {
    const st = await fs.stat(path.join(dir, CONFIG_FILE_NAME));
    if (st?.isFile) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Replaces the linter for a workspace check (the CLI's --cache answers from earlier runs). `file` checks a file
 * outside case studies, as checkWorkspace would; undefined when there is nothing to report for it (it vanished).
 */
export interface CaseStudyChecker {
  caseStudy(caseStudy: CaseStudy, config: ResolvedConfig): Promise<Map<string, Finding[]>>;
  file(filePath: string, config: ResolvedConfig): Promise<Finding[] | undefined>;
}

export interface WorkspaceCheck {
  caseStudies: CaseStudy[];
  /** The case studies inside the target that were checked (all of `caseStudies` when the target is the root). */
  checked: CaseStudy[];
  /** Markdown and Mermaid files checked: the files of the checked case studies and the loose files in the target. */
  filesChecked: string[];
  /** Findings by path; every checked file has an entry. */
  findings: Map<string, Finding[]>;
  notes: string[];
}

/** Markdown/Mermaid files under a folder that belong to no case study (checked by the rules that apply anywhere). */
async function looseFiles(
  dir: string,
  root: string,
  config: ResolvedConfig,
  fs: FileSystem,
  caseStudies: CaseStudy[],
  notes: string[],
  limit = 200_000,
): Promise<string[]> {
  const matcher = pathMatcherFor(config);
  const caseStudyPaths = new Set(caseStudies.map((c) => c.path));
  const out: string[] = [];
  const seen = new Set<string>();
  let count = 0;
  const queue = [dir];
  while (queue.length) {
    const current = queue.shift()!;
    const real = (await fs.realpath(current)) ?? current;
    if (seen.has(real)) continue;
    seen.add(real);
    for (const e of await fs.readDirectory(current)) {
      if (++count > limit) {
        notes.push(`Stopped listing files under ${dir} after ${limit} entries.`);
        return out;
      }
      if (e.name.startsWith('.')) continue;
      const abs = path.join(current, e.name);
      const rel = path.relative(root, abs).split(path.sep).join('/');
      if (matcher.isExcluded(rel)) continue;
      if (e.isDirectory) {
        if (!caseStudyPaths.has(abs)) queue.push(abs);
      } else if (e.isFile && isCheckedPath(e.name) && !caseStudyOf(abs, caseStudies)) out.push(abs);
    }
  }
  return out;
}

/**
 * Check everything under `root` (or only under `within`, a folder or file inside it): every case study, and the
 * Markdown files outside case studies with the rules that apply anywhere (e.g. Mermaid syntax).
 */
export async function checkWorkspace(
  root: string,
  config: ResolvedConfig,
  linter: Linter,
  fs: FileSystem,
  within: string = root,
  options: { concurrency?: number; checker?: CaseStudyChecker } = {},
): Promise<WorkspaceCheck> {
  const discovery = await discoverCaseStudies(root, config, fs);
  const notes = [...discovery.notes];
  const findings = new Map<string, Finding[]>();
  const target = path.resolve(within);
  const st = await fs.stat(target);
  const inTarget = (p: string) => p === target || p.startsWith(target + path.sep);

  // A case study is checked when it lies inside the target, or the target (a file or sub-folder) lies inside it;
  // in the second case only findings inside the target are kept.
  const selected = discovery.caseStudies.filter((cs) => inTarget(cs.path) || target.startsWith(cs.path + path.sep));
  const checker = options.checker;
  const checked = await mapConcurrently(selected, options.concurrency ?? 1, (cs) =>
    checker ? checker.caseStudy(cs, config) : linter.lintCaseStudy(cs, config),
  );
  // Stored in discovery order whatever the order of completion, so the result is the same at any concurrency.
  selected.forEach((cs, i) => {
    const containsTarget = target.startsWith(cs.path + path.sep);
    for (const [p, list] of checked[i]) if (!containsTarget || inTarget(p)) findings.set(p, list);
  });
  const loose = st?.isFile
    ? caseStudyOf(target, discovery.caseStudies) || !isCheckedPath(target)
      ? []
      : [target]
    : await looseFiles(target, root, config, fs, discovery.caseStudies, notes);
  const looseChecked = await mapConcurrently(loose, options.concurrency ?? 1, (p) =>
    checker ? checker.file(p, config) : linter.lintLooseFile(p, config),
  );
  loose.forEach((p, i) => {
    const list = looseChecked[i];
    if (list) findings.set(p, list);
  });
  const filesChecked = [
    ...selected.flatMap((cs) => cs.files.map((f) => f.path).filter((p) => inTarget(p) || p === target)),
    ...loose,
  ];
  return { caseStudies: discovery.caseStudies, checked: selected, filesChecked, findings, notes };
}

/**
 * `task` over every item with at most `limit` in flight; results in item order. Checking several case studies at
 * once lets the main thread read and parse the next ones while the Mermaid worker parses diagrams of earlier ones,
 * instead of each side waiting for the other.
 */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return results;
}
