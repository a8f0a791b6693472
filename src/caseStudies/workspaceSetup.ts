// What the case-study commands need to know about a workspace folder before they write anything: the template
// sets on offer (and their problems) come from the language server, which holds the folder's .designnotes.json;
// the folder-name pattern is an editor setting.
import * as vscode from 'vscode';
import { DEFAULT_FOLDER_NAME_PATTERN } from '../../common/scaffold/names';
import type { TemplateSetInfo, TemplatesResult } from '../../common/protocol';
import type { ClientGetter } from './caseStudyData';
import { requestTemplates } from './serverRequests';

export interface WorkspaceSetup {
  folder: vscode.WorkspaceFolder;
  templates: TemplatesResult;
}

export async function loadWorkspaceSetup(
  getClient: ClientGetter,
  folder: vscode.WorkspaceFolder,
): Promise<WorkspaceSetup> {
  return { folder, templates: await requestTemplates(getClient, { workspaceFolder: folder.uri.fsPath }) };
}

/** `designNotes.newCaseStudy.folderNamePattern` for a folder; falls back to `{{slug}}` when the value lacks `{{slug}}`. */
export function folderNamePattern(scope: vscode.Uri | undefined): string {
  const value = vscode.workspace.getConfiguration('designNotes.newCaseStudy', scope).get<string>('folderNamePattern');
  return typeof value === 'string' && /\{\{\s*slug\s*\}\}/.test(value) ? value : DEFAULT_FOLDER_NAME_PATTERN;
}

/** The workspace folder to work in: the one holding `hint`, the only one, or the user's pick; undefined if none/cancelled. */
export async function chooseWorkspaceFolder(
  hint: vscode.Uri | undefined,
  placeHolder: string,
): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (hint) {
    const owner = vscode.workspace.getWorkspaceFolder(hint);
    if (owner) return owner;
  }
  if (folders.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Open a folder first: case studies live in a workspace folder.'),
    );
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder, ignoreFocusOut: true });
}

interface TemplatePick extends vscode.QuickPickItem {
  set: TemplateSetInfo;
}

/** The template set to use: asked only when more than one exists; `preferred` (an id) skips the question. */
export async function chooseTemplateSet(
  setup: WorkspaceSetup,
  preferred?: string,
): Promise<TemplateSetInfo | undefined> {
  const sets = setup.templates.sets;
  if (preferred) {
    const found = sets.find((s) => s.id === preferred);
    if (!found)
      void vscode.window.showErrorMessage(
        vscode.l10n.t('There is no template set "{0}". Available: {1}.', preferred, sets.map((s) => s.id).join(', ')),
      );
    return found;
  }
  if (sets.length <= 1) {
    if (!sets.length)
      void vscode.window.showErrorMessage(
        vscode.l10n.t('No case-study templates were found; the Design Notes installation looks incomplete.'),
      );
    return sets[0];
  }
  const items: TemplatePick[] = sets.map((set) => ({
    label: set.name,
    description: set.builtin
      ? vscode.l10n.t('built-in')
      : vscode.l10n.t('from {0}', vscode.workspace.asRelativePath(set.folder ?? '', false)),
    detail: `${set.description} (${set.files.join(', ')})`,
    set,
  }));
  const placeHolder = setup.templates.templatesIgnoredUntrusted
    ? vscode.l10n.t("Choose a template (the workspace's own templates are not used in Restricted Mode)")
    : vscode.l10n.t('Choose a template for the new case study');
  const picked = await vscode.window.showQuickPick(items, { placeHolder, ignoreFocusOut: true, matchOnDetail: true });
  return picked?.set;
}

/** Template problems (broken user template.json, missing folder) as one warning; the sets that loaded still work. */
export function reportTemplateProblems(setup: WorkspaceSetup, output?: vscode.LogOutputChannel): void {
  const problems = setup.templates.problems;
  if (!problems.length) return;
  for (const p of problems) output?.warn(`templates: ${p.path}: ${p.message}`);
  void vscode.window.showWarningMessage(
    problems.length === 1
      ? problems[0].message
      : vscode.l10n.t('{0} problems with the case-study templates; see the Design Notes output.', problems.length),
  );
}
