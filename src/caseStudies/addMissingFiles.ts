// "Add Missing Files": create only the required files an existing case study lacks, from the same templates as
// "New Case Study". Reached from the case-study view (a case study or its missing-file row), from a folder in the
// Explorer, or from the palette (pick a case study).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { uriForPath } from '../files/workspaceUris';
import type { CaseStudySummary } from '../../common/protocol';
import { writePlan } from '../../common/scaffold/write';
import { caseStudyAt, fetchCaseStudies, type ClientGetter } from './caseStudyData';
import { isCaseStudyNode } from './explorerView';
import { openAtFirstPlaceholder } from './openFile';
import { requestPlanMissingFiles, ServerUnavailableError } from './serverRequests';
import { workspaceScaffoldFileSystem } from './workspaceFileSystem';
import { chooseTemplateSet, loadWorkspaceSetup, reportTemplateProblems } from './workspaceSetup';

export interface AddMissingFilesResult {
  status: 'created' | 'nothing-missing' | 'cancelled' | 'failed';
  folder?: string;
  created?: string[];
  message?: string;
}

interface CaseStudyPick extends vscode.QuickPickItem {
  summary: CaseStudySummary;
}

async function pickCaseStudy(getClient: ClientGetter): Promise<CaseStudySummary | undefined> {
  const result = await fetchCaseStudies(getClient);
  if (!result.ok) {
    void vscode.window.showErrorMessage(result.reason);
    return undefined;
  }
  if (!result.caseStudies.length) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('There are no case studies in this workspace yet. Use "New Case Study" to start one.'),
    );
    return undefined;
  }
  // Those with something to add first; the rest stay pickable (the command also tells them nothing is missing).
  const sorted = [...result.caseStudies].sort(
    (a, b) => Number(!a.missingFiles.length) - Number(!b.missingFiles.length) || a.title.localeCompare(b.title),
  );
  const items: CaseStudyPick[] = sorted.map((summary) => ({
    label: summary.title,
    description: vscode.workspace.asRelativePath(summary.path, true),
    detail: summary.missingFiles.length
      ? vscode.l10n.t('Missing: {0}', summary.missingFiles.join(', '))
      : vscode.l10n.t('Nothing missing'),
    summary,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: vscode.l10n.t('Add the missing files to which case study?'),
    matchOnDescription: true,
  });
  return picked?.summary;
}

/** `arg`: a view node, an Explorer folder Uri, or nothing (palette). */
export async function addMissingFiles(
  arg: unknown,
  getClient: ClientGetter,
  output?: vscode.LogOutputChannel,
): Promise<AddMissingFilesResult> {
  try {
    return await addFiles(arg, getClient, output);
  } catch (e) {
    if (!(e instanceof ServerUnavailableError)) throw e;
    void vscode.window.showErrorMessage(e.message);
    return { status: 'failed', message: e.message };
  }
}

async function addFiles(
  arg: unknown,
  getClient: ClientGetter,
  output: vscode.LogOutputChannel | undefined,
): Promise<AddMissingFilesResult> {
  let folder: string | undefined;
  let summary: CaseStudySummary | undefined;
  if (isCaseStudyNode(arg)) summary = arg.summary;
  else if (arg instanceof vscode.Uri) folder = arg.fsPath;
  else summary = await pickCaseStudy(getClient);
  folder ??= summary?.path;
  if (!folder) return { status: 'cancelled' };
  // An Explorer folder may or may not be a case study the server knows; its title is nicer when it is.
  summary ??= await caseStudyAt(getClient, folder);

  const workspaceFolder = vscode.workspace.getWorkspaceFolder(uriForPath(folder));
  if (!workspaceFolder) {
    const message = vscode.l10n.t('"{0}" is not inside an open workspace folder.', folder);
    void vscode.window.showErrorMessage(message);
    return { status: 'failed', folder, message };
  }
  const setup = await loadWorkspaceSetup(getClient, workspaceFolder);
  reportTemplateProblems(setup, output);
  const plan = (templateId?: string) =>
    requestPlanMissingFiles(getClient, {
      workspaceFolder: workspaceFolder.uri.fsPath,
      caseStudyPath: folder,
      templateId,
      ...(summary && summary.title !== summary.name ? { title: summary.title } : {}),
    });
  // First with the standard set: the answer also says whether the `caseStudies` globs cover the folder.
  let outcome = await plan();
  if (outcome.ok && !summary && !outcome.checked) {
    // Any Explorer folder offers the command; one that is no case study (the workspace root, src/…) most likely
    // got it by a slip, and three template files there would be litter.
    const add = vscode.l10n.t('Add Files');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t(
        '"{0}" is not a case-study folder (caseStudies: {1}). Add the required case-study files to it anyway?',
        vscode.workspace.asRelativePath(folder, false),
        outcome.caseStudyGlobs.join(', '),
      ),
      { modal: true },
      add,
    );
    if (choice !== add) return { status: 'cancelled', folder };
  }
  // Required files look alike in every built-in set (extended reuses standard's), so the built-in choice would be
  // a question without a difference; with the team's own sets it matters, so then we ask.
  if (outcome.ok && setup.templates.sets.some((s) => !s.builtin)) {
    const set = await chooseTemplateSet(setup);
    if (!set) return { status: 'cancelled' };
    outcome = await plan(set.id);
  }
  if (!outcome.ok) {
    void vscode.window.showErrorMessage(outcome.error);
    return { status: 'failed', folder, message: outcome.error };
  }
  const { plan: scaffold } = outcome;
  for (const problem of scaffold.problems) output?.warn(`add missing files: ${problem}`);
  const name = path.basename(folder);
  if (!scaffold.files.length) {
    const message = vscode.l10n.t('"{0}" has every required file; nothing was added.', name);
    void vscode.window.showInformationMessage(message);
    return { status: 'nothing-missing', folder, created: [], message };
  }
  const result = await writePlan(scaffold, workspaceScaffoldFileSystem);
  if (!result.ok) {
    const message = result.errors.map((e) => e.message).join(' ');
    output?.error(`add missing files: ${message}`);
    void vscode.window.showErrorMessage(message);
    return { status: 'failed', folder, message };
  }
  if (!result.created.length) {
    // Someone created them between our listing and our write: they were left as they are.
    const message = vscode.l10n.t('"{0}" has every required file; nothing was added.', name);
    void vscode.window.showInformationMessage(message);
    return { status: 'nothing-missing', folder, created: [], message };
  }
  const names = result.created.map((f) => path.relative(folder, f).split(path.sep).join('/'));
  output?.info(`add missing files: created ${names.join(', ')} in ${folder}`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Added {0} to "{1}".', names.join(', '), name));
  const first = scaffold.files.find((f) => f.path === result.created[0]);
  await openAtFirstPlaceholder(result.created[0], first?.content);
  return { status: 'created', folder, created: result.created };
}
