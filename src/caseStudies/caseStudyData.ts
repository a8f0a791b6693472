// The one way the client learns about case studies: the language server's `designNotes/caseStudies` request.
// The server has already parsed and checked everything; the client never parses Markdown a second time.
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { CaseStudySummary } from '../../server/core/caseStudySummary';

export const CASE_STUDIES_REQUEST = 'designNotes/caseStudies';

export type ClientGetter = () => BaseLanguageClient | undefined;

export type CaseStudiesResult = { ok: true; caseStudies: CaseStudySummary[] } | { ok: false; reason: string };

/** Summaries of every case study in the workspace, or why they are not available (server stopped, failed). */
export async function fetchCaseStudies(getClient: ClientGetter): Promise<CaseStudiesResult> {
  const client = getClient();
  if (!client) return { ok: false, reason: 'The Design Notes language server has not started.' };
  try {
    // While the client is starting, sendRequest waits for the connection; a stopped client rejects at once.
    const caseStudies = await client.sendRequest<CaseStudySummary[] | null>(CASE_STUDIES_REQUEST);
    return { ok: true, caseStudies: Array.isArray(caseStudies) ? caseStudies : [] };
  } catch (e) {
    return { ok: false, reason: `The Design Notes language server did not answer: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** The summary of the case study whose folder is `folderPath` (exact path), if the server knows it. */
export async function caseStudyAt(getClient: ClientGetter, folderPath: string): Promise<CaseStudySummary | undefined> {
  const result = await fetchCaseStudies(getClient);
  return result.ok ? result.caseStudies.find((c) => samePath(c.path, folderPath)) : undefined;
}

/** Path equality that tolerates Windows drive-letter case and trailing separators. */
export function samePath(a: string, b: string): boolean {
  const norm = (p: string) => p.replace(/[\\/]+$/, '').replace(/^([a-z]):/, (_, d: string) => `${d.toUpperCase()}:`);
  return norm(a) === norm(b);
}
