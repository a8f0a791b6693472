import { runLint } from './cli/lint';
import { runNew } from './cli/new';
import type { CliIO } from './cli/io';
import { ALL_RULES } from './core/rules';
import { VERSION } from './version';

const USAGE = `design-notes ${VERSION} — checks system-design case studies written in Markdown.

Usage:
  design-notes lint [paths...] [--format text|json|sarif] [--max-warnings n] [--quiet]
  design-notes new "<title>" [--root dir] [--template id] [--date-prefix]   Start a case study from a template
  design-notes rules            List the rules with their default severity
  design-notes --version

Run "design-notes <command> --help" for a command's options.`;

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'lint':
      return runLint(rest, io);
    case 'new':
      return runNew(rest, io);
    case 'rules':
      io.stdout(ALL_RULES.map((r) => `${r.meta.id.padEnd(18)} ${String(r.meta.defaultSeverity).padEnd(8)} ${r.meta.description}`).join('\n') + '\n');
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

if (require.main === module) {
  const io: CliIO = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    color: !!process.stdout.isTTY && !process.env.NO_COLOR,
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`design-notes: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
