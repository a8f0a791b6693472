// The `{{author}}` template variable: git's user.name (Node only; the rest of scaffolding stays pure).
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import './platform';

/**
 * The git executable found on PATH, as an absolute path, or undefined. Looked up here rather than by name: on
 * Windows, libuv searches the working directory before PATH, so `execFile('git', …, { cwd: workspace })` ran a
 * `git.exe` that a repository carried. Relative PATH entries (".", "bin") are skipped for the same reason.
 */
export function findGitOnPath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  const windows = platform === 'win32';
  const pathVar = (windows ? (env.Path ?? env.PATH) : env.PATH) ?? '';
  const extensions = windows ? (env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean) : [''];
  for (const dir of pathVar.split(windows ? ';' : ':')) {
    const clean = dir.replace(/^"|"$/g, '');
    if (!clean || !(windows ? path.win32.isAbsolute(clean) : path.isAbsolute(clean))) continue;
    for (const ext of extensions) {
      const candidate = (windows ? path.win32 : path.posix).join(clean, `git${ext.toLowerCase()}`);
      try {
        if (statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/**
 * `git config user.name` run in `cwd`, or '' when git is missing, slow, or has no name set. A short timeout,
 * because a new case study must never wait on a hung git (network home folders, credential prompts). Callers in an
 * untrusted workspace (Restricted Mode) do not call this at all.
 */
export function gitAuthor(cwd: string, timeoutMs = 1500): Promise<string> {
  const git = findGitOnPath();
  if (!git) return Promise.resolve('');
  return new Promise((resolve) => {
    try {
      execFile(
        git,
        ['config', '--get', 'user.name'],
        { cwd, timeout: timeoutMs, windowsHide: true, encoding: 'utf8' },
        (error, stdout) => {
          resolve(error ? '' : String(stdout).split(/\r?\n/)[0].trim());
        },
      );
    } catch {
      resolve('');
    }
  });
}
