// The one way the client learns about case studies: the language server's CaseStudiesRequest (common/protocol).
// The server has already parsed and checked everything; the client never parses case studies a second time.
import { CaseStudiesRequest, type CaseStudySummary } from '../../common/protocol';
import { send, ServerUnavailableError, type ClientGetter } from './serverRequests';

export type { ClientGetter } from './serverRequests';

export type CaseStudiesResult = { ok: true; caseStudies: CaseStudySummary[] } | { ok: false; reason: string };

/** Summaries of every case study in the workspace, or why they are not available (server stopped, failed). */
export async function fetchCaseStudies(getClient: ClientGetter): Promise<CaseStudiesResult> {
  try {
    const caseStudies = await send(getClient, CaseStudiesRequest);
    return { ok: true, caseStudies: Array.isArray(caseStudies) ? caseStudies : [] };
  } catch (e) {
    if (!(e instanceof ServerUnavailableError)) throw e;
    return { ok: false, reason: e.message };
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
