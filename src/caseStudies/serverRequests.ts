// The case-study commands ask the language server for everything that needs the workspace's configuration or
// templates (server/features/scaffolding.ts): the client bundle stays free of the config loader, the schema
// validator, the glob matcher and the template engine. The messages and their types are common/protocol.
//
// One convention for every request the client sends: `send` resolves with the server's answer or throws a
// ServerUnavailableError whose message is for the user (server not started, stopped, or the request refused).
// Answers that are outcomes rather than failures ("no such template set") are part of the result type (PlanResult).
import * as vscode from 'vscode';
import type { RequestType, RequestType0 } from 'vscode-jsonrpc';
import type { ClientGetter } from '../serverConnection';
import {
  CaseStudyRootRequest,
  IndexRowsRequest,
  PlanCaseStudyRequest,
  PlanMissingFilesRequest,
  TemplatesRequest,
  type CaseStudyRootParams,
  type IndexRowsParams,
  type PlanCaseStudyParams,
  type PlanMissingFilesParams,
  type TemplatesParams,
} from '../../common/protocol';

export type { ClientGetter } from '../serverConnection';

/** A request the server could not answer (not started, crashed, refused); the message is for the user. */
export class ServerUnavailableError extends Error {}

export async function send<R>(getClient: ClientGetter, type: RequestType0<R, void>): Promise<R>;
export async function send<P, R>(getClient: ClientGetter, type: RequestType<P, R, void>, params: P): Promise<R>;
export async function send<P, R>(
  getClient: ClientGetter,
  type: RequestType<P, R, void> | RequestType0<R, void>,
  params?: P,
): Promise<R> {
  const client = await getClient();
  if (!client) throw new ServerUnavailableError(vscode.l10n.t('The Design Notes language server has not started.'));
  try {
    // While the client is starting, sendRequest waits for the connection; a stopped client rejects at once. By
    // method name (serverConnection.ts); the overloads above tie the answer's type to the request's.
    return (await (type.numberOfParams === 0
      ? client.sendRequest(type.method)
      : client.sendRequest(type.method, params))) as R;
  } catch (e) {
    throw new ServerUnavailableError(
      vscode.l10n.t('The Design Notes language server did not answer: {0}', e instanceof Error ? e.message : String(e)),
    );
  }
}

/** Only the editor knows whether the user trusts the workspace; the server uses workspace templates only then. */
const trusted = () => vscode.workspace.isTrusted;
const authorFromGit = () =>
  vscode.workspace.getConfiguration('designNotes').get<boolean>('scaffold.authorFromGit', false);

export const requestTemplates = (getClient: ClientGetter, params: Omit<TemplatesParams, 'trusted'>) =>
  send(getClient, TemplatesRequest, { ...params, trusted: trusted() });

export const requestCaseStudyRoot = (getClient: ClientGetter, params: CaseStudyRootParams) =>
  send(getClient, CaseStudyRootRequest, params);

export const requestPlanCaseStudy = (
  getClient: ClientGetter,
  params: Omit<PlanCaseStudyParams, 'trusted' | 'authorFromGit'>,
) => send(getClient, PlanCaseStudyRequest, { ...params, trusted: trusted(), authorFromGit: authorFromGit() });

export const requestPlanMissingFiles = (
  getClient: ClientGetter,
  params: Omit<PlanMissingFilesParams, 'trusted' | 'authorFromGit'>,
) => send(getClient, PlanMissingFilesRequest, { ...params, trusted: trusted(), authorFromGit: authorFromGit() });

export const requestIndexRows = (getClient: ClientGetter, params: IndexRowsParams) =>
  send(getClient, IndexRowsRequest, params);
