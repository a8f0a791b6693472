// `design-notes new "Title"`: the CLI face of the scaffolding the VS Code command uses (server/core/scaffold).
import { inert } from './terminalText';
import * as path from 'node:path';
import type { ResolvedConfig } from '../core/config';
import { findBuiltinTemplatesFolder, gitAuthor, nodeFileSystem, nodeScaffoldFileSystem } from '../core/node';
import { ALL_RULES } from '../core/rules';
import {
  DATE_PREFIX_FOLDER_NAME_PATTERN,
  DEFAULT_FOLDER_NAME_PATTERN,
  enclosingCaseStudyRoot,
  findCaseStudyRoot,
  findTemplateSet,
  planCaseStudy,
  STANDARD_TEMPLATE_SET_ID,
  writePlan,
  TemplateLibraries,
  writingPosition,
} from '../core/scaffold';
import { findConfigRoot, loadWorkspaceConfig } from '../core/workspace';
import { displayPath, type CliIO } from './io';

export const NEW_USAGE = `Usage: design-notes new "<title>" [options]

Creates a case-study folder named after the title, with the required files filled from a template.
Never overwrites: if the folder exists, nothing is written.

Options:
  --root <dir>          Folder to create the case study in (default: the nearest case-studies folder,
                        or ./case-studies, created if needed)
  --template <id>       Template set to use (default: standard); see --list-templates
  --date-prefix         Prefix the folder name with today's date (YYYY-MM-DD-)
  --pattern <pattern>   Folder-name pattern, e.g. "{{date}}-{{slug}}" (default: "{{slug}}")
  --author <name>       Name for the author line (default: left for you to fill in)
  --author-from-git     Take the author line from git's user.name
  --list-templates      List the available template sets and exit
  -h, --help            Show this help

Exit codes: 0 created, 1 not created (exists, cannot write), 2 bad usage.`;

interface NewOptions {
  title?: string;
  root?: string;
  template?: string;
  pattern: string;
  listTemplates: boolean;
  author?: string;
  authorFromGit: boolean;
}

class UsageError extends Error {}

function parseNewArgs(args: string[]): NewOptions | 'help' {
  const options: NewOptions = { pattern: DEFAULT_FOLDER_NAME_PATTERN, listTemplates: false, authorFromGit: false };
  const words: string[] = [];
  let datePrefix = false;
  let pattern: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (v === undefined || v === '') throw new UsageError(`${a.split('=')[0]} needs a value.`);
      return v;
    };
    if (a === '-h' || a === '--help') return 'help';
    else if (a === '--root' || a.startsWith('--root=')) options.root = value();
    else if (a === '--template' || a.startsWith('--template=')) options.template = value();
    else if (a === '--pattern' || a.startsWith('--pattern=')) pattern = value();
    else if (a === '--author' || a.startsWith('--author=')) options.author = value();
    else if (a === '--author-from-git') options.authorFromGit = true;
    else if (a === '--date-prefix') datePrefix = true;
    else if (a === '--list-templates') options.listTemplates = true;
    else if (a === '--') (words.push(...args.slice(i + 1)), (i = args.length));
    else if (a.startsWith('-') && a.length > 1) throw new UsageError(`Unknown option "${a}".`);
    else words.push(a);
  }
  if (options.author !== undefined && options.authorFromGit)
    throw new UsageError('Use either --author or --author-from-git, not both.');
  if (pattern && datePrefix) throw new UsageError('Use either --pattern or --date-prefix, not both.');
  if (pattern && !/\{\{\s*slug\s*\}\}/.test(pattern)) throw new UsageError('The --pattern must contain {{slug}}.');
  options.pattern = pattern ?? (datePrefix ? DATE_PREFIX_FOLDER_NAME_PATTERN : DEFAULT_FOLDER_NAME_PATTERN);
  // Unquoted words are one title: `design-notes new URL Shortener` means "URL Shortener".
  if (words.length) options.title = words.join(' ');
  return options;
}

/** The case-study root under cwd; else the configured one of the workspace (config folder) if it exists; else ./case-studies. */
async function defaultRoot(cwd: string, workspace: string, config: ResolvedConfig): Promise<string> {
  const here = await findCaseStudyRoot(cwd, config, nodeFileSystem);
  if (here.exists || workspace === cwd) return here.folder;
  const there = await findCaseStudyRoot(workspace, config, nodeFileSystem);
  return there.exists ? there.folder : here.folder;
}

export async function runNew(args: string[], io: Pick<CliIO, 'stdout' | 'stderr' | 'cwd'>): Promise<number> {
  let options: NewOptions | 'help';
  try {
    options = parseNewArgs(args);
  } catch (e) {
    io.stderr(`design-notes new: ${inert((e as Error).message)}\n\n${NEW_USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    io.stdout(NEW_USAGE + '\n');
    return 0;
  }
  const cwd = path.resolve(io.cwd);
  const configRoot = await findConfigRoot(cwd, nodeFileSystem);
  const workspace = configRoot ?? cwd;
  const ws = await loadWorkspaceConfig(
    workspace,
    nodeFileSystem,
    ALL_RULES.map((r) => r.meta.id),
  );
  for (const pr of ws.problems)
    io.stderr(
      `warning: ${inert(displayPath(ws.configPath ?? workspace, cwd))}:${pr.range.start.line + 1}:${pr.range.start.character + 1} ${inert(pr.message)}\n`,
    );

  const library = await new TemplateLibraries(nodeFileSystem, findBuiltinTemplatesFolder()).library(
    workspace,
    ws.config.templates,
  );
  for (const pr of library.problems) io.stderr(`warning: ${inert(displayPath(pr.path, cwd))}: ${inert(pr.message)}\n`);
  if (options.listTemplates) {
    for (const set of library.sets)
      io.stdout(
        `${inert(set.id).padEnd(16)} ${inert(set.name)}${set.builtin ? '' : ' (yours)'}: ${inert(set.description)}\n`,
      );
    return library.sets.length ? 0 : 1;
  }
  if (options.title === undefined) {
    io.stderr(
      `design-notes new: give the case study a title, e.g. design-notes new "URL Shortener".\n\n${NEW_USAGE}\n`,
    );
    return 2;
  }
  const wanted = options.template ?? STANDARD_TEMPLATE_SET_ID;
  const found = findTemplateSet(library.sets, wanted);
  if (!found.ok) {
    const ids = found.available.join(', ') || 'none';
    io.stderr(`design-notes new: no template set "${inert(wanted)}". Available: ${inert(ids)}.\n`);
    return options.template ? 2 : 1;
  }
  const set = found.set;

  let root: string;
  if (options.root) root = path.resolve(cwd, options.root);
  else root = enclosingCaseStudyRoot(cwd, workspace, ws.config) ?? (await defaultRoot(cwd, workspace, ws.config));

  // The author line is the student's to fill in unless they say otherwise: git's user.name is not always who writes.
  const author = options.author ?? (options.authorFromGit ? await gitAuthor(cwd) : '');
  const outcome = planCaseStudy({
    root,
    title: options.title,
    templateSet: set,
    fallbackSets: library.builtinStandard ? [library.builtinStandard] : [],
    vars: { author },
    folderNamePattern: options.pattern,
    specs: ws.config.requiredFiles,
  });
  if (!outcome.ok) {
    io.stderr(`design-notes new: ${inert(outcome.error)}\n`);
    return 2;
  }
  const { plan } = outcome;
  for (const problem of plan.problems) io.stderr(`warning: ${inert(problem)}\n`);
  const result = await writePlan(plan, nodeScaffoldFileSystem);
  if (!result.ok) {
    for (const e of result.errors) io.stderr(`design-notes new: ${inert(e.message)}\n`);
    if (result.rolledBack.length)
      io.stderr(
        `design-notes new: removed what this run had created (${result.rolledBack.length} item${result.rolledBack.length === 1 ? '' : 's'}); nothing else was touched.\n`,
      );
    return 1;
  }
  io.stdout(`Created ${inert(displayPath(plan.folder, cwd))}/ from the "${inert(set.id)}" template:\n`);
  for (const f of result.created) io.stdout(`  ${inert(displayPath(f, cwd))}\n`);
  for (const f of result.skippedExisting)
    io.stdout(`  ${inert(displayPath(f, cwd))} (already there, left as it was)\n`);
  const first = plan.files.find((f) => f.kind === 'requirements') ?? plan.files[0];
  const at = first ? writingPosition(first.content) : undefined;
  if (first)
    io.stdout(
      `Start writing in ${inert(displayPath(first.path, cwd))}${at ? `:${at.line + 1}` : ''}; the <!-- write here --> comments say what goes where.\n`,
    );
  return 0;
}
