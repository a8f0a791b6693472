// "Design Notes: Set Up Case Studies": the editor face of `design-notes init`. The server proposes the
// .designnotes.json (server/features/setup.ts); the client shows what it would find and creates the file through
// a WorkspaceEdit that refuses to overwrite (undoable like any edit). Offered by the server when a workspace
// folder has Markdown but no case study and no .designnotes.json.
import * as vscode from 'vscode';
import { uriForPath } from '../files/workspaceUris';
import {
  Commands,
  NoCaseStudiesNotification,
  ProposeConfigRequest,
  type NoCaseStudiesParams,
  type ProposeConfigResult,
} from '../../common/protocol';
import { send, type ClientGetter } from './serverRequests';
import { chooseWorkspaceFolder } from './workspaceSetup';

/** Workspace-state key: the user said not to offer set-up again in this workspace. */
const DO_NOT_OFFER = 'designNotes.setUp.doNotOffer';

/** Show the proposal and, on the user's word, create .designnotes.json (never over an existing one). Returns the file, when created or opened. */
export async function setUpCaseStudies(
  getClient: ClientGetter,
  arg?: vscode.Uri | { workspaceFolder?: string },
): Promise<vscode.Uri | undefined> {
  const hint = arg instanceof vscode.Uri ? arg : arg?.workspaceFolder ? uriForPath(arg.workspaceFolder) : undefined;
  const folder = await chooseWorkspaceFolder(hint, vscode.l10n.t('Set up case studies in which workspace folder?'));
  if (!folder) return undefined;
  let proposal: ProposeConfigResult;
  try {
    proposal = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Design Notes: looking at {0}…', folder.name) },
      () => send(getClient, ProposeConfigRequest, { workspaceFolder: folder.uri.fsPath }),
    );
  } catch (e) {
    void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
    return undefined;
  }
  const uri = uriForPath(proposal.configPath);
  const detail = `${proposal.summary.join('\n')}\n\n${proposal.text}`;
  if (proposal.exists) {
    const open = vscode.l10n.t('Open .designnotes.json');
    const pick = await vscode.window.showInformationMessage(
      vscode.l10n.t('{0} already has a .designnotes.json; it is left as it is. Proposed configuration:', folder.name),
      { modal: true, detail },
      open,
    );
    if (pick === open) await vscode.window.showTextDocument(uri, { preview: false });
    return pick === open ? uri : undefined;
  }
  const create = vscode.l10n.t('Create .designnotes.json');
  const pick = await vscode.window.showInformationMessage(
    vscode.l10n.t(
      'Design Notes would check {0} case studies in {1} with this configuration.',
      proposal.caseStudies,
      folder.name,
    ),
    { modal: true, detail },
    create,
  );
  if (pick !== create) return undefined;
  const edit = new vscode.WorkspaceEdit();
  // No overwrite, and not ignored if present: a file that appeared meanwhile makes the whole edit fail untouched.
  edit.createFile(uri, { overwrite: false, ignoreIfExists: false });
  edit.insert(uri, new vscode.Position(0, 0), proposal.text);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Could not create {0}: it may exist already.', proposal.configPath),
    );
    return undefined;
  }
  await (await vscode.workspace.openTextDocument(uri)).save();
  await vscode.window.showTextDocument(uri, { preview: false });
  return uri;
}

/** Offer set-up when the server finds Markdown but no case study in a folder (once per folder and session; never again if declined for good). */
export function registerSetUpOffer(context: vscode.ExtensionContext, getClient: ClientGetter): void {
  void getClient().then((client) => {
    if (!client) return;
    context.subscriptions.push(
      client.onNotification(NoCaseStudiesNotification.method, async (raw) => {
        const params = raw as NoCaseStudiesParams;
        if (context.workspaceState.get<boolean>(DO_NOT_OFFER)) return;
        const setUp = vscode.l10n.t('Set Up…');
        const never = vscode.l10n.t("Don't Ask Again");
        const name =
          vscode.workspace.getWorkspaceFolder(uriForPath(params.workspaceFolder))?.name ?? params.workspaceFolder;
        const pick = await vscode.window.showInformationMessage(
          vscode.l10n.t(
            'Design Notes found Markdown in {0} but no case study to check. Propose a configuration for it?',
            name,
          ),
          setUp,
          never,
        );
        if (pick === setUp)
          await vscode.commands.executeCommand(Commands.setUpCaseStudies, { workspaceFolder: params.workspaceFolder });
        else if (pick === never) await context.workspaceState.update(DO_NOT_OFFER, true);
      }),
    );
  });
}
