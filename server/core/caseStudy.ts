import { path, pathsIgnoreCase } from '../../common/path';
import { fileNameFills, type RequiredFileSpec, type ResolvedConfig } from './config';
import type { FileSystem } from './fileSystem';
import { globsMatcher } from './glob';

export interface CaseStudyFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the case-study folder, with forward slashes. */
  relative: string;
  /** Required-file kind this file fills by its name (only for files directly in the folder); the first of `kinds`. */
  kind?: string;
  /** Every required part this file fills by its name (a README.md configured as both requirements and design). */
  kinds?: string[];
}

export interface CaseStudy {
  /** Workspace folder the case study was found in. */
  root: string;
  /** Absolute path of the case-study folder. */
  path: string;
  /** Folder name (for a one-file case study, the file's name without extension). */
  name: string;
  files: CaseStudyFile[];
  /** A one-file case study: `path` is a Markdown file lying where case-study folders lie (case-studies/2026-03-02-retry-storm.md). */
  isFile?: boolean;
}

export const MARKDOWN_EXTENSIONS = ['.md', '.markdown', '.mdx'];
export const MERMAID_EXTENSIONS = ['.mmd', '.mermaid'];

export function isMarkdownPath(p: string): boolean {
  return MARKDOWN_EXTENSIONS.includes(path.extname(p).toLowerCase());
}
export function isMermaidPath(p: string): boolean {
  return MERMAID_EXTENSIONS.includes(path.extname(p).toLowerCase());
}
export function isCheckedPath(p: string): boolean {
  return isMarkdownPath(p) || isMermaidPath(p);
}

/** How deep inside a case-study folder its files are looked for (diagrams often sit in a `diagrams/` subfolder). */
const CASE_STUDY_DEPTH = 3;

export interface DiscoveryLimits {
  /** Directory depth below the workspace folder that is searched for case-study folders. */
  maxDepth: number;
  /** Directory entries looked at before the search stops (a runaway tree must not hang the server). */
  maxEntries: number;
}

export const DEFAULT_LIMITS: DiscoveryLimits = { maxDepth: 16, maxEntries: 500_000 };

export interface Discovery {
  caseStudies: CaseStudy[];
  /** Human-readable notes about what was not searched (limits hit, loops). */
  notes: string[];
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

export class PathMatcher {
  private readonly include: (relative: string) => boolean;
  private readonly excludeMatch: (relative: string) => boolean;
  constructor(config: Pick<ResolvedConfig, 'caseStudies' | 'exclude'>) {
    // The bounded matcher of glob.ts, not picomatch: these globs come from the workspace (see glob.ts).
    const opts = { dot: false, nocase: pathsIgnoreCase() };
    this.include = globsMatcher(config.caseStudies, opts);
    this.excludeMatch = globsMatcher(config.exclude, { ...opts, dot: true });
  }
  isCaseStudyFolder(relative: string): boolean {
    return this.include(relative);
  }
  /** Excluded paths, directories included (a glob like `**\/node_modules/**` also excludes the folder itself). */
  isExcluded(relative: string): boolean {
    return this.excludeMatch(relative) || this.excludeMatch(`${relative}/x`);
  }
}

const matcherCache = new Map<string, PathMatcher>();

/**
 * The PathMatcher for a configuration's globs, compiled once. Compiling picomatch globs is costly and discovery
 * lists every case study with the same globs: profiling the CLI on 1,000 case studies showed about 5% of the
 * run spent recompiling them. Keyed by the globs' text, so a changed configuration gets a fresh matcher.
 */
export function pathMatcherFor(config: Pick<ResolvedConfig, 'caseStudies' | 'exclude'>): PathMatcher {
  const key = JSON.stringify([config.caseStudies, config.exclude]);
  let matcher = matcherCache.get(key);
  if (!matcher) {
    // A few configurations at a time in practice (one per workspace folder); the bound only guards a long session.
    if (matcherCache.size >= 64) matcherCache.clear();
    matcher = new PathMatcher(config);
    matcherCache.set(key, matcher);
  }
  return matcher;
}

/**
 * Assign required-part kinds to the files directly in a case-study folder by their names. Each part goes to the
 * first matching file in name order; one file may fill several parts (a README.md configured as requirements and
 * design).
 */
export function assignKinds(files: CaseStudyFile[], specs: readonly RequiredFileSpec[]): void {
  const taken = new Set<string>();
  const sorted = [...files].sort((a, b) => a.relative.localeCompare(b.relative));
  for (const file of sorted) {
    if (file.relative.includes('/') || !isMarkdownPath(file.path)) continue;
    const name = path.basename(file.path);
    const kinds = specs.filter((s) => !taken.has(s.id) && fileNameFills(name, s)).map((s) => s.id);
    if (!kinds.length) continue;
    file.kind = kinds[0];
    file.kinds = kinds;
    kinds.forEach((k) => taken.add(k));
  }
}

/**
 * Markdown files that sit where case-study folders sit but are indexes, not case studies (the README.md of a
 * case-studies folder lists the case studies; a template is a skeleton to copy).
 */
const NOT_A_CASE_STUDY = /^(readme|index|_index|summary|contributing|changelog|license|template|_template|toc)$/i;

/** Whether a Markdown file matched by a case-study glob is a one-file case study rather than an index or template. */
export function isOneFileCaseStudy(fileName: string): boolean {
  return (
    isMarkdownPath(fileName) && !fileName.startsWith('_') && !NOT_A_CASE_STUDY.test(fileName.replace(/\.[^.]+$/, ''))
  );
}

/** Files of a case-study folder (Markdown and Mermaid, a few levels deep), with their kinds assigned. */
export async function listCaseStudyFiles(
  folder: string,
  config: ResolvedConfig,
  fs: FileSystem,
  root = folder,
  /** Whether `folder` is a file (a one-file case study), when the caller knows it already: saves a stat. */
  isFile?: boolean,
): Promise<CaseStudyFile[]> {
  const matcher = pathMatcherFor(config);
  const files: CaseStudyFile[] = [];
  // Only a linked file needs the root's real path; most case studies have none (a realpath per case study was a
  // sixth of a warm `lint --cache` run on 1,000 of them).
  let realRoot: string | undefined;
  if (isFile ?? (await fs.stat(folder))?.isDirectory === false) {
    // A one-file case study is its own only file.
    const one: CaseStudyFile[] = [{ path: folder, relative: path.basename(folder) }];
    assignKinds(one, config.requiredFiles);
    return one;
  }
  const walk = async (dir: string, depth: number, rel: string) => {
    const entries = await fs.readDirectory(dir);
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const abs = path.join(dir, e.name);
      const relToFolder = rel ? `${rel}/${e.name}` : e.name;
      if (matcher.isExcluded(toPosix(path.relative(root, abs)))) continue;
      // A FIFO, socket or device named like a note is listed too: reading it is refused, and the user sees a
      // file-skipped note instead of a puzzling "missing file".
      // A link to a file is followed only when its target stays inside the workspace folder: `requirements.md →
      // ~/.git-credentials` put the credential into findings and the case-study index.
      if (!e.isDirectory && (e.isFile || !e.isSymbolicLink) && isCheckedPath(e.name)) {
        if (!e.isSymbolicLink || (await staysInside(abs, (realRoot ??= (await fs.realpath(root)) ?? root), fs)))
          files.push({ path: abs, relative: relToFolder });
      } else if (e.isDirectory && !e.isSymbolicLink && depth < CASE_STUDY_DEPTH)
        await walk(abs, depth + 1, relToFolder);
    }
  };
  await walk(folder, 1, '');
  assignKinds(files, config.requiredFiles);
  return files;
}

/** How deep inside a matched folder discovery still looks for nested case-study folders (see discoverCaseStudies). */
const NESTED_ROOT_DEPTH = 1;

/**
 * Find case studies under a workspace folder: directories whose relative path matches a `caseStudies` glob, and
 * Markdown files lying where such folders lie (`case-studies/2026-03-02-retry-storm.md`, a one-file case study).
 * Bounded in depth and entries, and safe against symbolic-link loops (directories are visited once by real path).
 *
 * A folder that holds a more specific case-study folder is a container, not a case-study root: a clone named
 * `system-design-case-studies/` matches `**\/*case-studies/*` itself, and taking its `case-studies/`, `diagrams/`
 * and `fundamentals/` folders as case studies would swallow the real ones inside `case-studies/*`. So when a
 * matched folder's own children are matches, every match directly under its parent is dropped in favour of them.
 */
export async function discoverCaseStudies(
  root: string,
  config: ResolvedConfig,
  fs: FileSystem,
  limits: DiscoveryLimits = DEFAULT_LIMITS,
): Promise<Discovery> {
  const matcher = pathMatcherFor(config);
  interface Match {
    path: string;
    name: string;
    isFile: boolean;
    parent: string;
  }
  const matches: Match[] = [];
  /** Paths of matches, for a constant-time "already found" (a list search made discovery quadratic). */
  const found = new Set<string>();
  const notes: string[] = [];
  const seen = new Set<string>();
  let entriesSeen = 0;
  let stopped = false;

  const realRoot = (await fs.realpath(root)) ?? root;
  /**
   * `inMatch`: levels below the nearest matched folder (-1 outside one). `linked`: reached through a symbolic link.
   * A folder reached without one has the real path of the root joined with its relative path, so only linked
   * folders cost a realpath call (one per folder was most of discovery's time on 1,000 case studies).
   */
  const queue: { dir: string; depth: number; inMatch: number; linked: boolean }[] = [
    { dir: root, depth: 0, inMatch: -1, linked: false },
  ];
  const realPathOf = async (p: string, linked: boolean) =>
    linked ? ((await fs.realpath(p)) ?? p) : path.join(realRoot, path.relative(root, p));
  while (queue.length && !stopped) {
    const { dir, depth, inMatch, linked } = queue.shift()!;
    const real = await realPathOf(dir, linked);
    if (seen.has(real)) continue;
    seen.add(real);
    const entries = await fs.readDirectory(dir);
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (++entriesSeen > limits.maxEntries) {
        notes.push(`Stopped searching ${root} for case studies after ${limits.maxEntries} entries.`);
        stopped = true;
        break;
      }
      if (e.name === '.git') continue;
      const abs = path.join(dir, e.name);
      const rel = toPosix(path.relative(root, abs));
      if (!e.isDirectory) {
        // A Markdown file where case-study folders lie is a one-file case study. One inside a matched folder can
        // only match under a nested root, which makes the outer folder a container (below).
        if (
          e.isFile &&
          isOneFileCaseStudy(e.name) &&
          !matcher.isExcluded(rel) &&
          matcher.isCaseStudyFolder(rel) &&
          !found.has(abs) &&
          (!e.isSymbolicLink || (await staysInside(abs, realRoot, fs)))
        ) {
          found.add(abs);
          matches.push({ path: abs, name: e.name.replace(/\.[^.]+$/, ''), isFile: true, parent: dir });
        }
        continue;
      }
      if (matcher.isExcluded(rel)) continue;
      // A linked folder is searched (and can be a case study) only when it leads to a folder inside the workspace
      // folder: otherwise its files would be checked and planned files written outside the workspace.
      if (e.isSymbolicLink && !(await staysInside(abs, realRoot, fs))) continue;
      let nextInMatch = inMatch < 0 ? -1 : inMatch + 1;
      if (matcher.isCaseStudyFolder(rel)) {
        const realFolder = await realPathOf(abs, linked || e.isSymbolicLink);
        if (found.has(abs) || seen.has(realFolder)) continue;
        found.add(abs);
        matches.push({ path: abs, name: e.name, isFile: false, parent: dir });
        // A glob that matches at any depth below (`designs/**`) makes every subfolder a match: nothing nested to find.
        if (matcher.isCaseStudyFolder(`${rel}/a/b`)) continue;
        nextInMatch = 0;
      }
      // Inside a matched folder, look only a little deeper: far enough to see a nested case-study root.
      if (depth + 1 < limits.maxDepth && (nextInMatch < 0 || nextInMatch < NESTED_ROOT_DEPTH))
        queue.push({ dir: abs, depth: depth + 1, inMatch: nextInMatch, linked: linked || e.isSymbolicLink });
    }
  }
  // A matched folder whose own children are matches (`X/case-studies/url-shortener` under `X/case-studies`) is a
  // case-study root, so its parent `X` is a container: X's direct matches are not case studies.
  const folders = new Set(matches.filter((m) => !m.isFile).map((m) => m.path));
  const containers = new Set<string>();
  for (const m of matches) if (folders.has(m.parent)) containers.add(path.dirname(m.parent));
  const kept = matches.filter((m) => !containers.has(m.parent));
  const caseStudies: CaseStudy[] = [];
  for (const m of kept) {
    const files = await listCaseStudyFiles(m.path, config, fs, root, m.isFile);
    caseStudies.push({ root, path: m.path, name: m.name, files, ...(m.isFile ? { isFile: true } : {}) });
  }
  caseStudies.sort((a, b) => a.path.localeCompare(b.path));
  return { caseStudies, notes };
}

/** Whether the real path of `p` (a symbolic link) lies inside `realRoot`; a dangling or unreadable link does not. */
async function staysInside(p: string, realRoot: string, fs: FileSystem): Promise<boolean> {
  const real = await fs.realpath(p);
  if (!real) return false;
  const rel = path.relative(realRoot, real);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The case study whose folder contains `filePath`, if any. */
export function caseStudyOf(filePath: string, caseStudies: readonly CaseStudy[]): CaseStudy | undefined {
  let best: CaseStudy | undefined;
  for (const cs of caseStudies) {
    if (cs.isFile) {
      if (cs.path === filePath) return cs;
      continue;
    }
    const rel = path.relative(cs.path, filePath);
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) {
      if (!best || cs.path.length > best.path.length) best = cs;
    }
  }
  return best;
}

/** Whether a folder path is a case-study folder by the configured globs (used for folders created later). */
export function isCaseStudyFolder(root: string, folder: string, config: ResolvedConfig): boolean {
  const rel = toPosix(path.relative(root, folder));
  if (!rel || rel.startsWith('..')) return false;
  const matcher = pathMatcherFor(config);
  return matcher.isCaseStudyFolder(rel) && !matcher.isExcluded(rel);
}
