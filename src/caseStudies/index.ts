// Case-study features of the client: New Case Study, Add Missing Files, the Case Studies view and the index
// generator. Each lives in its own module; this wires them up with one call from activate().
import * as vscode from 'vscode';
import { ADD_MISSING_FILES_COMMAND, addMissingFiles } from './addMissingFiles';
import type { ClientGetter } from './caseStudyData';
import { registerExplorerView } from './explorerView';
import { GENERATE_INDEX_COMMAND, generateIndex, type GenerateIndexArgs } from './generateIndex';
import { NEW_CASE_STUDY_COMMAND, newCaseStudy, type NewCaseStudyArgs } from './newCaseStudy';
import { OPEN_CONFIG_COMMAND, openConfig } from './openConfig';
import { registerSetUpOffer, SET_UP_COMMAND, setUpCaseStudies } from './setUp';

export function registerCaseStudyFeatures(context: vscode.ExtensionContext, getClient: ClientGetter, output?: vscode.LogOutputChannel): void {
  const view = registerExplorerView(context, getClient);
  // Commands return their outcome, so tests and other extensions can tell "created" from "already exists".
  const refreshing =
    <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await run(...args);
      } finally {
        view.scheduleRefresh();
      }
    };
  context.subscriptions.push(
    vscode.commands.registerCommand(
      NEW_CASE_STUDY_COMMAND,
      refreshing((arg?: vscode.Uri | NewCaseStudyArgs) => newCaseStudy(getClient, arg, output)),
    ),
    vscode.commands.registerCommand(
      ADD_MISSING_FILES_COMMAND,
      refreshing((arg?: unknown) => addMissingFiles(arg, getClient, output)),
    ),
    vscode.commands.registerCommand(
      GENERATE_INDEX_COMMAND,
      (arg?: vscode.Uri | GenerateIndexArgs) => generateIndex(getClient, arg),
    ),
    vscode.commands.registerCommand(OPEN_CONFIG_COMMAND, () => openConfig()),
    vscode.commands.registerCommand(SET_UP_COMMAND, refreshing((arg?: vscode.Uri | { workspaceFolder?: string }) => setUpCaseStudies(getClient, arg))),
  );
  registerSetUpOffer(context, getClient);
}
