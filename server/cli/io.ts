import * as path from 'node:path';

/** What a CLI command may touch, injected so commands run the same in tests and in a terminal. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** Whether to colour the output (a TTY without NO_COLOR). */
  color: boolean;
}

/** A path as the user should read it: relative to the working directory when inside it, with forward slashes. */
export function displayPath(p: string, cwd: string): string {
  const rel = path.relative(cwd, p);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p).split(path.sep).join('/');
}
