// `--output FILE`: the report goes to a file (for CI to upload) while the terminal still gets the text.
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Write a report file whole or not at all: into a temporary file beside it, then renamed over it, so a reader
 * (or a crash) never sees half a report. Returns a message when it could not be written.
 */
export function writeReport(file: string, text: string): string | undefined {
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory())
    return `cannot write the report to ${file}: it is a folder.`;
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temp, text, { flag: 'wx' });
    renameSync(temp, file);
    return undefined;
  } catch (e) {
    rmSync(temp, { force: true });
    return `cannot write the report to ${file}: ${(e as Error).message}`;
  }
}
