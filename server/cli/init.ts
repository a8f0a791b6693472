// `design-notes init`: propose a .designnotes.json for the repository, show what it would find, write it (never
// over an existing file).
import * as path from 'node:path';
import { promises as fsp } from 'node:fs';
import { CONFIG_FILE_NAME } from '../core/config';
import { nodeFileSystem } from '../core/node';
import { describeProposal, proposeConfig } from '../core/init/proposeConfig';
import { displayPath, type CliIO } from './io';
import { inert } from './terminalText';

export const INIT_USAGE = `Usage: design-notes init [folder] [options]

Looks at the repository (default: the current folder), proposes a ${CONFIG_FILE_NAME} that fits how its case
studies are laid out, shows what the checks would find with it, and writes it. Never overwrites: an existing
${CONFIG_FILE_NAME} is left as it is (exit 1) and the proposal is printed instead.

Options:
  --dry-run    Print the proposal without writing
  -h, --help   Show this help

Exit codes: 0 written (or printed with --dry-run), 1 not written (the file exists or cannot be written), 2 bad usage.`;

export async function runInit(args: string[], io: Pick<CliIO, 'stdout' | 'stderr' | 'cwd'>): Promise<number> {
  let folder: string | undefined;
  let dryRun = false;
  for (const a of args) {
    if (a === '-h' || a === '--help') {
      io.stdout(INIT_USAGE + '\n');
      return 0;
    } else if (a === '--dry-run') dryRun = true;
    else if (a.startsWith('-')) {
      io.stderr(`design-notes init: unknown option "${a}".\n\n${INIT_USAGE}\n`);
      return 2;
    } else if (folder === undefined) folder = a;
    else {
      io.stderr(`design-notes init: one folder at most.\n\n${INIT_USAGE}\n`);
      return 2;
    }
  }
  const root = path.resolve(io.cwd, folder ?? '.');
  const st = await nodeFileSystem.stat(root);
  if (!st?.isDirectory) {
    io.stderr(`design-notes init: no such folder: ${folder ?? '.'}\n`);
    return 2;
  }
  const proposal = await proposeConfig(root, nodeFileSystem);
  const target = path.join(root, CONFIG_FILE_NAME);
  for (const line of describeProposal(proposal)) io.stdout(inert(line) + '\n');
  io.stdout(`\n${inert(displayPath(target, io.cwd))}:\n${proposal.text}\n`);
  if (dryRun) return 0;
  try {
    // Exclusive create: an existing file (or one created meanwhile) is never replaced.
    await fsp.writeFile(target, proposal.text, { encoding: 'utf8', flag: 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.stderr(
      code === 'EEXIST'
        ? `design-notes init: ${displayPath(target, io.cwd)} already exists; left as it is. Merge the proposal above by hand.\n`
        : `design-notes init: cannot write ${displayPath(target, io.cwd)}: ${(e as Error).message}\n`,
    );
    return 1;
  }
  io.stdout(`Wrote ${displayPath(target, io.cwd)}. Check with: design-notes lint${folder ? ` ${folder}` : ''}\n`);
  return 0;
}
