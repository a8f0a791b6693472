import { runLint } from './cli/lint';
import { runNew } from './cli/new';
import { runInit } from './cli/init';
import type { CliIO } from './cli/io';
import { ALL_RULES } from './core/rules';
import { VERSION } from './version';
import * as path from 'node:path';
import { createMermaidValidator, type DisposableMermaidValidator } from './core/node/mermaidValidator';
import type { RuleServices } from './core/rule';

const USAGE = `design-notes ${VERSION} — checks system-design case studies written in Markdown.

Usage:
  design-notes lint [paths...] [--format text|json|sarif|github|junit|gitlab] [--output file]
                    [--fix | --fix-dry-run] [--cache] [--max-warnings n] [--quiet] [--list-case-studies]
  design-notes init [folder] [--dry-run]   Propose and write a .designnotes.json that fits the repository
  design-notes new "<title>" [--root dir] [--template id] [--date-prefix]   Start a case study from a template
  design-notes rules            List the rules with their default severity
  design-notes --version

Run "design-notes <command> --help" for a command's options.`;

/** Path of the Mermaid worker bundle, next to this CLI bundle in dist/. */
export const MERMAID_WORKER = path.join(__dirname, 'mermaidWorker.mjs');

/** Run with Mermaid validation when the worker bundle is present; without it, say so once and check the rest. */
async function withMermaid(io: CliIO, run: (services: RuleServices) => Promise<number>): Promise<number> {
  let mermaid: DisposableMermaidValidator | undefined;
  try {
    // One worker: a pool of one per core (maxWorkers: 'cpus', see validatorPool.ts) measured slower on the shared
    // 2-core machine (more CPU for the second worker's start, +95 MB); see docs/benchmarks.md, round two.
    mermaid = createMermaidValidator({ workerPath: MERMAID_WORKER, maxWorkers: 1 });
  } catch (e) {
    io.stderr(`note: Mermaid diagrams are not checked: ${(e as Error).message}\n`);
  }
  try {
    return await run(mermaid ? { mermaid } : {});
  } finally {
    mermaid?.dispose();
  }
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'lint':
      return withMermaid(io, (services) => runLint(rest, io, services));
    case 'new':
      return runNew(rest, io);
    case 'init':
      return runInit(rest, io);
    case 'rules':
      io.stdout(
        ALL_RULES.map(
          (r) => `${r.meta.id.padEnd(18)} ${String(r.meta.defaultSeverity).padEnd(8)} ${r.meta.description}`,
        ).join('\n') + '\n',
      );
      return 0;
    case '--version':
    case '-v':
      io.stdout(VERSION + '\n');
      return 0;
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      io.stdout(USAGE + '\n');
      return command === undefined ? 2 : 0;
    default:
      io.stderr(`design-notes: unknown command "${command}".\n\n${USAGE}\n`);
      return 2;
  }
}

/** Run the CLI in this process with its arguments and terminal; used by dist/cli.js and by bin/design-notes.js. */
export function run(argv: string[] = process.argv.slice(2)): void {
  const io: CliIO = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    color: !!process.stdout.isTTY && !process.env.NO_COLOR,
  };
  main(argv, io).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(
        `design-notes: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
      );
      process.exitCode = 2;
    },
  );
}

if (require.main === module) run();
