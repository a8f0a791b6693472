// Carry out a ScaffoldPlan without ever losing a byte the user wrote:
// - nothing is overwritten: each file is first claimed with an exclusive create (flag "wx"), so an existing
//   file is skipped and left untouched;
// - no half-written file: the content goes to a hidden temporary file that is renamed over the (empty) claimed
//   file only once complete;
// - all or nothing: on any error every file and folder created in this run is removed again (only those), and
//   the result says what went wrong in words a user understands.
// Pure (no node:*): the file operations come in as a ScaffoldFileSystem, so the VS Code client (vscode.workspace.fs)
// and the CLI (node:fs) write plans through the same code.
import { styledPath } from '../path';

const { basename, dirname, join } = styledPath;

/** What writePlan needs of a plan (server/core/scaffold/plan.ts ScaffoldPlan has it; the client gets it from the server). */
export interface PlanToWrite {
  /** Absolute case-study folder. */
  folder: string;
  /** "new": the folder must not exist yet (nothing is written if it does); "existing": files go into it. */
  mode: 'new' | 'existing';
  files: readonly { path: string; content: string }[];
}

/** The file operations writePlan needs; node's fs.promises in practice, a failing wrapper in tests. */
export interface ScaffoldFileSystem {
  /** Create one folder (not its parents); rejects with code EEXIST when something exists there. */
  mkdir(dirPath: string): Promise<void>;
  /** Create a file that must not exist yet (flag "wx"); rejects with code EEXIST when it does. */
  writeFileExclusive(filePath: string, data: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(filePath: string): Promise<void>;
  /** Remove an empty folder; rejects when it is not empty. */
  rmdir(dirPath: string): Promise<void>;
  /** Whether something exists at the path, and whether it is a folder; undefined when nothing is there. */
  stat(p: string): Promise<{ isDirectory: boolean } | undefined>;
}

export interface WriteError {
  /** File or folder the operation failed on. */
  path: string;
  /** Node error code when known (EACCES, ENOSPC, EEXIST, …). */
  code?: string;
  /** One sentence for the user: what failed and what to do. */
  message: string;
}

export interface WriteResult {
  /** True when every planned file was created or already existed. */
  ok: boolean;
  /** Absolute paths of the files created (empty after a rollback). */
  created: string[];
  /** Planned files that already existed and were left untouched. */
  skippedExisting: string[];
  /** Folders created (the case-study folder and any parents). */
  createdFolders: string[];
  errors: WriteError[];
  /** Files and folders created during this run and removed again because of an error. */
  rolledBack: string[];
}

let tempCounter = 0;
function tempNameFor(filePath: string): string {
  // Unique enough across processes without process.pid (not available in every runtime); the create is exclusive anyway.
  const random = `${Math.random().toString(36).slice(2, 8)}-${Date.now().toString(36)}-${(tempCounter++).toString(36)}`;
  return join(dirname(filePath), `.${basename(filePath)}.${random}.tmp`);
}

function codeOf(e: unknown): string | undefined {
  return e && typeof e === 'object' && 'code' in e ? String((e as { code: unknown }).code) : undefined;
}

/** A user-facing sentence for a failed write. */
export function describeWriteError(e: unknown, target: string, isFolder = false): string {
  const what = `${isFolder ? 'folder' : 'file'} "${target}"`;
  switch (codeOf(e)) {
    case 'EACCES':
    case 'EPERM':
      return `Cannot create the ${what}: permission denied. Check that the folder is writable.`;
    case 'EROFS':
      return `Cannot create the ${what}: the file system is read-only.`;
    case 'ENOSPC':
      return `Cannot create the ${what}: the disk is full. Free some space and try again.`;
    case 'EDQUOT':
      return `Cannot create the ${what}: your disk quota is used up.`;
    case 'ENAMETOOLONG':
      return `Cannot create the ${what}: the path is too long for this file system.`;
    case 'ENOTDIR':
      return `Cannot create the ${what}: part of its path is a file, not a folder.`;
    case 'EEXIST':
      return `The ${what} already exists; nothing was overwritten.`;
    default:
      return `Cannot create the ${what}: ${e instanceof Error ? e.message : String(e)}.`;
  }
}

/** Write a plan. Never overwrites, never leaves partial files, rolls back this run's files on error. */
export async function writePlan(plan: PlanToWrite, fs: ScaffoldFileSystem): Promise<WriteResult> {
  const result: WriteResult = {
    ok: false,
    created: [],
    skippedExisting: [],
    createdFolders: [],
    errors: [],
    rolledBack: [],
  };
  /** Everything this run created, in creation order, for rollback. */
  const createdFiles: string[] = [];
  let pendingTemp: string | undefined;

  const fail = async (e: unknown, target: string, isFolder = false): Promise<WriteResult> => {
    result.errors.push({ path: target, code: codeOf(e), message: describeWriteError(e, target, isFolder) });
    if (pendingTemp) await fs.unlink(pendingTemp).catch(() => undefined);
    for (const f of createdFiles.reverse()) {
      // A removal that fails is reported, so the user knows which file to look at.
      await fs.unlink(f).then(
        () => result.rolledBack.push(f),
        (err: unknown) =>
          result.errors.push({
            path: f,
            code: codeOf(err),
            message: `Could not remove "${f}" after the error: ${err instanceof Error ? err.message : String(err)}`,
          }),
      );
    }
    for (const d of [...result.createdFolders].reverse()) {
      // Only if still empty: never remove anything that someone else put there meanwhile.
      await fs.rmdir(d).then(
        () => result.rolledBack.push(d),
        () => undefined,
      );
    }
    result.created = [];
    result.createdFolders = result.createdFolders.filter((d) => !result.rolledBack.includes(d));
    result.ok = false;
    return result;
  };

  // Folders: the case-study folder itself must be new in "new" mode, so two people (or two clicks) cannot
  // scaffold into the same folder; its parents (the case-study root) are created as needed.
  try {
    await ensureFolder(dirname(plan.folder), fs, result.createdFolders);
    if (plan.mode === 'new') {
      try {
        await fs.mkdir(plan.folder);
        result.createdFolders.push(plan.folder);
      } catch (e) {
        if (codeOf(e) === 'EEXIST') {
          const st = await fs.stat(plan.folder);
          result.errors.push({
            path: plan.folder,
            code: 'EEXIST',
            message: `A ${st?.isDirectory === false ? 'file' : 'folder'} named "${basename(plan.folder)}" already exists in "${dirname(plan.folder)}". Nothing was changed; open it or pick another title.`,
          });
          return result;
        }
        return await fail(e, plan.folder, true);
      }
    } else {
      const st = await fs.stat(plan.folder);
      if (!st?.isDirectory) {
        result.errors.push({
          path: plan.folder,
          code: 'ENOENT',
          message: `The case-study folder "${plan.folder}" does not exist (any more).`,
        });
        return result;
      }
    }
  } catch (e) {
    return await fail(e, (e as { path?: string }).path ?? plan.folder, true);
  }

  for (const file of plan.files) {
    try {
      await ensureFolder(dirname(file.path), fs, result.createdFolders);
    } catch (e) {
      return await fail(e, (e as { path?: string }).path ?? dirname(file.path), true);
    }
    // Claim the name first: if it exists, this fails and the existing file is never opened for writing.
    try {
      await fs.writeFileExclusive(file.path, '');
    } catch (e) {
      if (codeOf(e) === 'EEXIST') {
        result.skippedExisting.push(file.path);
        continue;
      }
      return await fail(e, file.path);
    }
    createdFiles.push(file.path);
    try {
      pendingTemp = tempNameFor(file.path);
      await fs.writeFileExclusive(pendingTemp, file.content);
      await fs.rename(pendingTemp, file.path);
      pendingTemp = undefined;
    } catch (e) {
      return await fail(e, file.path);
    }
  }
  result.created = [...createdFiles];
  result.ok = true;
  return result;
}

/** Create `dir` and any missing parents, recording the ones created. */
async function ensureFolder(dir: string, fs: ScaffoldFileSystem, created: string[]): Promise<void> {
  const missing: string[] = [];
  let current = dir;
  for (;;) {
    const st = await fs.stat(current);
    if (st) {
      if (!st.isDirectory)
        throw Object.assign(new Error(`"${current}" is a file, not a folder`), { code: 'ENOTDIR', path: current });
      break;
    }
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const d of missing) {
    try {
      await fs.mkdir(d);
      created.push(d);
    } catch (e) {
      // Someone else created it between our stat and mkdir: fine, it is a folder we do not own.
      if (codeOf(e) === 'EEXIST' && (await fs.stat(d))?.isDirectory) continue;
      throw Object.assign(e instanceof Error ? e : new Error(String(e)), { path: d });
    }
  }
}
