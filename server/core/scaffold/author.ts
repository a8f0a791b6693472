// The `{{author}}` template variable: git's user.name (Node only; the rest of scaffolding stays pure).
import { execFile } from 'node:child_process';

/**
 * `git config user.name` run in `cwd`, or '' when git is missing, slow, or has no name set. A short timeout,
 * because a new case study must never wait on a hung git (network home folders, credential prompts).
 */
export function gitAuthor(cwd: string, timeoutMs = 1500): Promise<string> {
  return new Promise((resolve) => {
    try {
      execFile('git', ['config', '--get', 'user.name'], { cwd, timeout: timeoutMs, windowsHide: true, encoding: 'utf8' }, (error, stdout) => {
        resolve(error ? '' : String(stdout).split(/\r?\n/)[0].trim());
      });
    } catch {
      resolve('');
    }
  });
}
