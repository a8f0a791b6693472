import * as path from 'node:path';
import type { RequiredFileSpec, ResolvedConfig } from './config';
import type { FileSystem } from './fileSystem';
import { globsMatcher } from './glob';
import { normalizeFileStem } from './normalize';

export interface CaseStudyFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the case-study folder, with forward slashes. */
  relative: string;
  /** Required-file kind this file fills (only for files directly in the folder). */
  kind?: string;
}

export interface CaseStudy {
  /** Workspace folder the case study was found in. */
  root: string;
  /** Absolute path of the case-study folder. */
  path: string;
  /** Folder name. */
  name: string;
  files: CaseStudyFile[];
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
    const opts = { dot: false, nocase: process.platform === 'win32' };
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

/** Assign required-file kinds to the files directly in a case-study folder; the first match (in name order) wins. */
export function assignKinds(files: CaseStudyFile[], specs: readonly RequiredFileSpec[]): void {
  const taken = new Set<string>();
  const sorted = [...files].sort((a, b) => a.relative.localeCompare(b.relative));
  for (const file of sorted) {
    if (file.relative.includes('/') || !isMarkdownPath(file.path)) continue;
    const stem = normalizeFileStem(path.basename(file.path));
    const spec = specs.find((s) => !taken.has(s.id) && s.match.has(stem));
    if (spec) {
      file.kind = spec.id;
      taken.add(spec.id);
    }
  }
}

/** Files of a case-study folder (Markdown and Mermaid, a few levels deep), with their kinds assigned. */
export async function listCaseStudyFiles(folder: string, config: ResolvedConfig, fs: FileSystem, root = folder): Promise<CaseStudyFile[]> {
  const matcher = pathMatcherFor(config);
  const files: CaseStudyFile[] = [];
  const realRoot = (await fs.realpath(root)) ?? root;
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
        if (!e.isSymbolicLink || (await staysInside(abs, realRoot, fs))) files.push({ path: abs, relative: relToFolder });
      }
      else if (e.isDirectory && !e.isSymbolicLink && depth < CASE_STUDY_DEPTH) await walk(abs, depth + 1, relToFolder);
    }
  };
  await walk(folder, 1, '');
  assignKinds(files, config.requiredFiles);
  return files;
}

/**
 * Find case-study folders under a workspace folder: directories whose relative path matches a `caseStudies` glob.
 * Bounded in depth and entries, and safe against symbolic-link loops (directories are visited once by real path).
 */
export async function discoverCaseStudies(root: string, config: ResolvedConfig, fs: FileSystem, limits: DiscoveryLimits = DEFAULT_LIMITS): Promise<Discovery> {
  const matcher = pathMatcherFor(config);
  const caseStudies: CaseStudy[] = [];
  /** Paths of caseStudies, for a constant-time "already found" (a list search made discovery quadratic). */
  const found = new Set<string>();
  const notes: string[] = [];
  const seen = new Set<string>();
  let entriesSeen = 0;
  let stopped = false;

  const realRoot = (await fs.realpath(root)) ?? root;
  const queue: { dir: string; depth: number }[] = [{ dir: root, depth: 0 }];
  while (queue.length && !stopped) {
    const { dir, depth } = queue.shift()!;
    const real = (await fs.realpath(dir)) ?? dir;
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
      if (!e.isDirectory || e.name === '.git') continue;
      const abs = path.join(dir, e.name);
      const rel = toPosix(path.relative(root, abs));
      if (matcher.isExcluded(rel)) continue;
      // A linked folder is searched (and can be a case study) only when it leads to a folder inside the workspace
      // folder: otherwise its files would be checked and planned files written outside the workspace.
      if (e.isSymbolicLink && !(await staysInside(abs, realRoot, fs))) continue;
      if (matcher.isCaseStudyFolder(rel)) {
        const realFolder = (await fs.realpath(abs)) ?? abs;
        if (found.has(abs) || seen.has(realFolder)) continue;
        found.add(abs);
        caseStudies.push({ root, path: abs, name: e.name, files: await listCaseStudyFiles(abs, config, fs, root) });
        continue;
      }
      if (depth + 1 < limits.maxDepth) queue.push({ dir: abs, depth: depth + 1 });
    }
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
