// The case-study commands ask the language server for everything that needs the workspace's configuration or
// templates (server/features/scaffolding.ts): the client bundle stays free of the config loader, the schema
// validator, the glob matcher and the template engine. Types only are imported from the server.
import * as vscode from 'vscode';
import type {
  CaseStudyRootParams,
  CaseStudyRootResult,
  IndexRowsParams,
  PlanCaseStudyParams,
  PlanMissingFilesParams,
  PlanResult,
  TemplatesParams,
  TemplatesResult,
} from '../../server/features/scaffolding';
import type { IndexRow } from '../../server/core/caseStudyIndex';
import type { ClientGetter } from './caseStudyData';

// The method names of server/features/scaffolding.ts (SCAFFOLD_REQUESTS), repeated so that no server code is bundled.
const TEMPLATES = 'designNotes/templates';
const CASE_STUDY_ROOT = 'designNotes/caseStudyRoot';
const PLAN_CASE_STUDY = 'designNotes/planCaseStudy';
const PLAN_MISSING_FILES = 'designNotes/planMissingFiles';
const INDEX_ROWS = 'designNotes/indexRows';

/** A request the server could not answer (not started, crashed); the message is for the user. */
export class ServerUnavailableError extends Error {}

async function request<R>(getClient: ClientGetter, method: string, params: object): Promise<R> {
  const client = getClient();
  if (!client) throw new ServerUnavailableError(vscode.l10n.t('The Design Notes language server has not started.'));
  try {
    // While the client is starting, sendRequest waits for the connection; a stopped client rejects at once.
    return await client.sendRequest<R>(method, params);
  } catch (e) {
    throw new ServerUnavailableError(vscode.l10n.t('The Design Notes language server did not answer: {0}', e instanceof Error ? e.message : String(e)));
  }
}

/** Only the editor knows whether the user trusts the workspace; the server uses workspace templates only then. */
const trusted = () => vscode.workspace.isTrusted;
const authorFromGit = () => vscode.workspace.getConfiguration('designNotes').get<boolean>('scaffold.authorFromGit', false);

export const requestTemplates = (getClient: ClientGetter, params: Omit<TemplatesParams, 'trusted'>) => request<TemplatesResult>(getClient, TEMPLATES, { ...params, trusted: trusted() });

export const requestCaseStudyRoot = (getClient: ClientGetter, params: CaseStudyRootParams) => request<CaseStudyRootResult>(getClient, CASE_STUDY_ROOT, params);

export const requestPlanCaseStudy = (getClient: ClientGetter, params: Omit<PlanCaseStudyParams, 'trusted' | 'authorFromGit'>) => request<PlanResult>(getClient, PLAN_CASE_STUDY, { ...params, trusted: trusted(), authorFromGit: authorFromGit() });

export const requestPlanMissingFiles = (getClient: ClientGetter, params: Omit<PlanMissingFilesParams, 'trusted' | 'authorFromGit'>) => request<PlanResult>(getClient, PLAN_MISSING_FILES, { ...params, trusted: trusted(), authorFromGit: authorFromGit() });

export const requestIndexRows = (getClient: ClientGetter, params: IndexRowsParams) => request<IndexRow[]>(getClient, INDEX_ROWS, params);
