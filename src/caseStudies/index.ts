// Case-study features of the client: New Case Study, Add Missing Files, the Case Studies view and the index
// generator. Each lives in its own module; this wires them up with one call from activate().
import * as vscode from 'vscode';
import { Commands } from '../../common/protocol';
import { afterActivation } from '../afterActivation';
import { addMissingFiles } from './addMissingFiles';
import type { ClientGetter } from './caseStudyData';
import { registerExplorerView, type CaseStudyTreeProvider } from './explorerView';
import { generateIndex, type GenerateIndexArgs } from './generateIndex';
import { newCaseStudy, type NewCaseStudyArgs } from './newCaseStudy';
import { openConfig } from './openConfig';
import { registerSetUpOffer, setUpCaseStudies } from './setUp';

export function registerCaseStudyFeatures(
  context: vscode.ExtensionContext,
  getClient: ClientGetter,
  output?: vscode.LogOutputChannel,
): void {
  // The Case Studies view (a tree, a file watcher, listeners) is made just after activation: about 5 ms of the
  // extension host's time at activation, profiled, and VS Code shows the view's tree as soon as it is registered.
  let view: CaseStudyTreeProvider | undefined;
  afterActivation(context, () => (view = registerExplorerView(context, getClient)));
  // Commands return their outcome, so tests and other extensions can tell "created" from "already exists".
  const refreshing =
    <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await run(...args);
      } finally {
        view?.scheduleRefresh();
      }
    };
  context.subscriptions.push(
    vscode.commands.registerCommand(
      Commands.newCaseStudy,
      refreshing((arg?: vscode.Uri | NewCaseStudyArgs) => newCaseStudy(getClient, arg, output)),
    ),
    vscode.commands.registerCommand(
      Commands.addMissingFiles,
      refreshing((arg?: unknown) => addMissingFiles(arg, getClient, output)),
    ),
    vscode.commands.registerCommand(Commands.generateIndex, (arg?: vscode.Uri | GenerateIndexArgs) =>
      generateIndex(getClient, arg),
    ),
    vscode.commands.registerCommand(Commands.openConfig, () => openConfig()),
    vscode.commands.registerCommand(Commands.refreshCaseStudies, () => view?.refreshNow()),
    vscode.commands.registerCommand(
      Commands.setUpCaseStudies,
      refreshing((arg?: vscode.Uri | { workspaceFolder?: string }) => setUpCaseStudies(getClient, arg)),
    ),
  );
  registerSetUpOffer(context, getClient);
}
