// Where new case studies go when the user does not say: the folder their existing case studies live in, as the
// `caseStudies` globs describe it ("**/case-studies/*" → the nearest folder named case-studies).
import * as path from 'node:path';
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
 * ("docs/designs/*") is used as is; "**∕<name>/*" means the shallowest existing folder called <name> (searched a
 * few levels deep, skipping hidden folders and node_modules), else <workspaceFolder>/<name>. Fallback:
 * <workspaceFolder>/case-studies.
 */
export async function findCaseStudyRoot(workspaceFolder: string, config: Pick<ResolvedConfig, 'caseStudies'>, fs: FileSystem): Promise<CaseStudyRootChoice> {
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
    const m = /^\*\*\/([^/]+)$/.exec(parent);
    if (m && !GLOB_CHARS.test(m[1])) {
      const found = await findFolderNamed(workspaceFolder, m[1], fs);
      if (found) return { folder: found, exists: true };
      fallback ??= path.join(workspaceFolder, m[1]);
    }
  }
  return { folder: fallback ?? path.join(workspaceFolder, 'case-studies'), exists: false };
}

/** Shallowest folder called `name` under `root` (breadth first, bounded), or undefined. */
async function findFolderNamed(root: string, name: string, fs: FileSystem): Promise<string | undefined> {
  let level = [root];
  let seen = 0;
  for (let depth = 0; depth <= SEARCH_DEPTH && level.length; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      const entries = (await fs.readDirectory(dir)).filter((e) => e.isDirectory && !e.isSymbolicLink).sort((a, b) => a.name.localeCompare(b.name));
      for (const e of entries) {
        if (++seen > SEARCH_ENTRIES) return undefined;
        if (e.name === name) return path.join(dir, e.name);
        if (!e.name.startsWith('.') && e.name !== 'node_modules') next.push(path.join(dir, e.name));
      }
    }
    level = next;
  }
  return undefined;
}

/** The nearest folder at or above `start` called `name` (e.g. running the CLI inside case-studies/), or undefined. */
export function enclosingFolderNamed(start: string, name: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    if (path.basename(dir) === name) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
