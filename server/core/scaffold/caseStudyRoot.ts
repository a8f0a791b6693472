// Where new case studies go when the user does not say: the folder their existing case studies live in, as the
// `caseStudies` globs describe it ("**/*case-studies/*" → the nearest folder whose name ends in case-studies).
import { path } from '../../../common/path';
import { compileGlob } from '../glob';
import type { ResolvedConfig } from '../config';
import type { FileSystem } from '../fileSystem';

export interface CaseStudyRootChoice {
  /** Absolute folder new case studies go into. */
  folder: string;
  /** Whether it exists already (otherwise writePlan creates it). */
  exists: boolean;
}

const GLOB_CHARS = /[*?[\]{}()!]/;
const SEARCH_DEPTH = 4;
const SEARCH_ENTRIES = 20_000;

/**
 * The case-study root for `workspaceFolder`: for each `caseStudies` glob ending in "/*", a literal parent
 * ("docs/designs/*") is used as is; "**∕<name glob>/*" means the shallowest existing folder whose name matches
 * (searched a few levels deep, skipping hidden folders and node_modules), else <workspaceFolder>/<name without
 * wildcards>. Fallback: <workspaceFolder>/case-studies.
 */
export async function findCaseStudyRoot(
  workspaceFolder: string,
  config: Pick<ResolvedConfig, 'caseStudies'>,
  fs: FileSystem,
): Promise<CaseStudyRootChoice> {
  let fallback: string | undefined;
  for (const glob of config.caseStudies) {
    const parent = glob.replace(/\\/g, '/').replace(/\/\*$/, '');
    if (parent === glob) continue;
    if (!GLOB_CHARS.test(parent)) {
      const folder = path.resolve(workspaceFolder, parent);
      if ((await fs.stat(folder))?.isDirectory) return { folder, exists: true };
      fallback ??= folder;
      continue;
    }
    // "**/<name glob>": the default is "**/*case-studies/*", which also accepts "07_case-studies".
    const m = /^\*\*\/([^/]+)$/.exec(parent);
    if (m) {
      const matches = compileGlob(m[1], { dot: false });
      const found = matches && (await findFolderMatching(workspaceFolder, matches, fs));
      if (found) return { folder: found, exists: true };
      const plain = m[1].replace(/^\*+|\*+$/g, '');
      if (plain && !GLOB_CHARS.test(plain)) fallback ??= path.join(workspaceFolder, plain);
    }
  }
  return { folder: fallback ?? path.join(workspaceFolder, 'case-studies'), exists: false };
}

/** Shallowest folder whose name matches under `root` (breadth first, bounded, name order), or undefined. */
async function findFolderMatching(
  root: string,
  matches: (name: string) => boolean,
  fs: FileSystem,
): Promise<string | undefined> {
  let level = [root];
  let seen = 0;
  for (let depth = 0; depth <= SEARCH_DEPTH && level.length; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      const entries = (await fs.readDirectory(dir))
        .filter((e) => e.isDirectory && !e.isSymbolicLink)
        .sort((a, b) => a.name.localeCompare(b.name));
      for (const e of entries) {
        if (++seen > SEARCH_ENTRIES) return undefined;
        if (matches(e.name)) return path.join(dir, e.name);
        if (!e.name.startsWith('.') && e.name !== 'node_modules') next.push(path.join(dir, e.name));
      }
    }
    level = next;
  }
  return undefined;
}

/**
 * The case-study root at or above `start`, when the user is already inside one (e.g. runs the CLI in
 * case-studies/ or in one of its case studies): the nearest ancestor a `caseStudies` glob names as a parent.
 */
export function enclosingCaseStudyRoot(
  start: string,
  workspaceFolder: string,
  config: Pick<ResolvedConfig, 'caseStudies'>,
): string | undefined {
  const literal: string[] = [];
  const named: ((name: string) => boolean)[] = [];
  for (const glob of config.caseStudies) {
    const parent = glob.replace(/\\/g, '/').replace(/\/\*$/, '');
    if (parent === glob) continue;
    if (!GLOB_CHARS.test(parent)) literal.push(path.resolve(workspaceFolder, parent));
    const m = /^\*\*\/([^/]+)$/.exec(parent);
    const matches = m && compileGlob(m[1], { dot: false });
    if (matches) named.push(matches);
  }
  let dir = path.resolve(start);
  for (;;) {
    if (literal.includes(dir) || named.some((matches) => matches(path.basename(dir)))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
