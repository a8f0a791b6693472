// "New Case Study": title (validated as you type, showing the folder it becomes) → template set (when there is a
// choice) → files planned by the language server, written here without ever overwriting → requirements.md opened
// at the first spot to write. The target folder: the folder right-clicked in the Explorer wins; else the
// workspace folder's case-study root (found by the server like the CLI finds it, created when absent).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { uriForPath } from '../files/workspaceUris';
import { folderNameFor, validateCaseStudyTitle } from '../../common/scaffold/names';
import { writePlan } from '../../common/scaffold/write';
import { Commands, type TemplateSetInfo } from '../../common/protocol';
import type { ClientGetter } from './caseStudyData';
import { openAtFirstPlaceholder } from './openFile';
import { requestCaseStudyRoot, requestPlanCaseStudy, ServerUnavailableError } from './serverRequests';
import { workspaceScaffoldFileSystem } from './workspaceFileSystem';
import {
  chooseTemplateSet,
  chooseWorkspaceFolder,
  folderNamePattern,
  loadWorkspaceSetup,
  reportTemplateProblems,
  type WorkspaceSetup,
} from './workspaceSetup';

/** Arguments for callers other than a person (tests, other extensions, keybindings): skip the questions. */
export interface NewCaseStudyArgs {
  title?: string;
  /** Template set id; default: ask when there is more than one. */
  templateSet?: string;
  /** Folder to create the case study in (a case-study root). */
  folder?: vscode.Uri;
}

export interface NewCaseStudyResult {
  status: 'created' | 'exists' | 'cancelled' | 'failed';
  /** The case-study folder (created, or the existing one in the way). */
  folder?: string;
  created?: string[];
  message?: string;
}

/** Where the new case study goes and under which workspace folder's config. */
async function resolveTarget(
  getClient: ClientGetter,
  explicit: vscode.Uri | undefined,
): Promise<{ setup: WorkspaceSetup; root: string } | undefined> {
  const workspaceFolder = await chooseWorkspaceFolder(
    explicit,
    vscode.l10n.t('Workspace folder for the new case study'),
  );
  if (!workspaceFolder) return undefined;
  const setup = await loadWorkspaceSetup(getClient, workspaceFolder);
  // With `start` (right-clicked on a case study or inside one) the server answers the enclosing root: the new
  // case study goes next to it, not inside it.
  const found = await requestCaseStudyRoot(getClient, {
    workspaceFolder: workspaceFolder.uri.fsPath,
    start: explicit?.fsPath,
  });
  return { setup, root: found.folder };
}

async function askTitle(root: string, pattern: string, value: string | undefined): Promise<string | undefined> {
  const shownRoot = vscode.workspace.asRelativePath(root, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
  return vscode.window.showInputBox({
    title: vscode.l10n.t('New Case Study'),
    prompt: vscode.l10n.t(
      'Title of the case study, e.g. "URL Shortener". It becomes the folder name and the heading of each file.',
    ),
    placeHolder: vscode.l10n.t('URL Shortener'),
    value,
    ignoreFocusOut: true,
    validateInput: async (text) => {
      if (!text.trim()) return undefined;
      const problem = validateCaseStudyTitle(text, pattern);
      if (problem) return { message: problem, severity: vscode.InputBoxValidationSeverity.Error };
      const folder = folderNameFor(text.trim(), { pattern });
      const taken = await workspaceScaffoldFileSystem.stat(path.join(root, folder)).catch(() => undefined);
      // A warning, not an error: Enter still leads to the "Open Existing" choice.
      if (taken)
        return {
          message: vscode.l10n.t('"{0}/{1}" already exists.', shownRoot, folder),
          severity: vscode.InputBoxValidationSeverity.Warning,
        };
      return {
        message: vscode.l10n.t('Creates {0}/{1}/', shownRoot, folder),
        severity: vscode.InputBoxValidationSeverity.Info,
      };
    },
  });
}

export async function newCaseStudy(
  getClient: ClientGetter,
  arg?: vscode.Uri | NewCaseStudyArgs,
  output?: vscode.LogOutputChannel,
): Promise<NewCaseStudyResult> {
  try {
    return await createCaseStudy(getClient, arg, output);
  } catch (e) {
    if (!(e instanceof ServerUnavailableError)) throw e;
    void vscode.window.showErrorMessage(e.message);
    return { status: 'failed', message: e.message };
  }
}

async function createCaseStudy(
  getClient: ClientGetter,
  arg: vscode.Uri | NewCaseStudyArgs | undefined,
  output: vscode.LogOutputChannel | undefined,
): Promise<NewCaseStudyResult> {
  const args: NewCaseStudyArgs = arg instanceof vscode.Uri ? { folder: arg } : (arg ?? {});
  const interactive = args.title === undefined;
  const target = await resolveTarget(getClient, args.folder);
  if (!target) return { status: 'cancelled' };
  const { setup, root } = target;
  reportTemplateProblems(setup, output);
  const pattern = folderNamePattern(setup.folder.uri);

  let title = args.title;
  let set: TemplateSetInfo | undefined;
  for (;;) {
    if (interactive) {
      title = await askTitle(root, pattern, title);
      if (title === undefined || !title.trim()) return { status: 'cancelled' };
    }
    // Asked once: "Choose Another Name" comes back here with the set already chosen.
    set ??= await chooseTemplateSet(setup, args.templateSet);
    if (!set) return { status: 'cancelled' };
    const outcome = await requestPlanCaseStudy(getClient, {
      workspaceFolder: setup.folder.uri.fsPath,
      root,
      title: title ?? '',
      templateId: set.id,
      folderNamePattern: pattern,
    });
    if (!outcome.ok) {
      void vscode.window.showErrorMessage(outcome.error);
      return { status: 'failed', message: outcome.error };
    }
    const { plan } = outcome;
    for (const problem of plan.problems) output?.warn(`new case study: ${problem}`);
    const result = await writePlan(plan, workspaceScaffoldFileSystem);
    if (result.ok) {
      output?.info(`new case study: created ${result.created.length} file(s) in ${plan.folder} from "${set.id}"`);
      if (plan.problems.length)
        void vscode.window.showWarningMessage(
          vscode.l10n.t('Some template files were skipped: {0}', plan.problems.join(' ')),
        );
      const first = plan.files.find((f) => f.kind === 'requirements') ?? plan.files[0];
      if (first) await openAtFirstPlaceholder(first.path, first.content);
      if (!outcome.checked) warnNotChecked(plan.folder, outcome.caseStudyGlobs);
      return { status: 'created', folder: plan.folder, created: result.created };
    }
    const exists = result.errors[0]?.code === 'EEXIST' && result.errors[0].path === plan.folder;
    const message = result.errors.map((e) => e.message).join(' ');
    if (!exists) {
      output?.error(`new case study: ${message}`);
      void vscode.window.showErrorMessage(message);
      return { status: 'failed', folder: plan.folder, message };
    }
    const openExisting = vscode.l10n.t('Open Existing');
    const anotherName = vscode.l10n.t('Choose Another Name');
    const choice = vscode.window.showWarningMessage(message, openExisting, anotherName);
    if (!interactive) {
      // Callers that passed a title get the answer at once; the notification stays for a person to act on.
      void choice.then(async (c) => {
        if (c === openExisting) await openExistingCaseStudy(plan.folder, outcome.entryFile);
        else if (c === anotherName)
          await vscode.commands.executeCommand(Commands.newCaseStudy, { ...args, title: undefined });
      });
      return { status: 'exists', folder: plan.folder, message };
    }
    const picked = await choice;
    if (picked === openExisting) {
      await openExistingCaseStudy(plan.folder, outcome.entryFile);
      return { status: 'exists', folder: plan.folder, message };
    }
    if (picked !== anotherName) return { status: 'exists', folder: plan.folder, message };
    // Loop: ask again with the title prefilled, so a small change is enough.
  }
}

/**
 * The right-clicked folder wins, even when the `caseStudies` globs do not cover it (the user may mean to change
 * them); but they should know the new folder is not checked until it moves or the globs change.
 */
function warnNotChecked(folder: string, caseStudyGlobs: readonly string[]): void {
  const configure = vscode.l10n.t('Configure Rules');
  void vscode.window
    .showWarningMessage(
      vscode.l10n.t(
        '"{0}" is outside the folders Design Notes checks ({1}). Move it into a case-studies folder, or add a matching glob to "caseStudies" in .designnotes.json.',
        vscode.workspace.asRelativePath(folder, false),
        caseStudyGlobs.join(', '),
      ),
      configure,
    )
    .then((choice) => (choice === configure ? vscode.commands.executeCommand(Commands.openConfig) : undefined));
}

/** `entryFile`: the server's pick (its requirements file, else its first Markdown file) when the folder existed. */
async function openExistingCaseStudy(folder: string, file: string | undefined): Promise<void> {
  if (file) await vscode.window.showTextDocument(uriForPath(file), { preview: false });
  else await vscode.commands.executeCommand('revealInExplorer', uriForPath(folder));
}
