// The Case Studies view's data: the server has parsed and checked every case study; the client draws the tree.
import { RequestType0 } from 'vscode-jsonrpc';
import type { CaseStudySummary } from '../../server/core/caseStudySummary';

// The summaries are the core's own model (server/core/caseStudySummary.ts, a pure module): re-exported as types
// only, so neither the client nor the protocol bundles any core code, and the core keeps no LSP import.
export type { CaseStudySummary, FileSummary, SectionSummary } from '../../server/core/caseStudySummary';
export type { Severity } from '../../server/core/types';

/**
 * `designNotes/caseStudies`, client → server, no params: every case study of every workspace folder, after the
 * checks queued so far. An empty list while nothing is known yet.
 */
export const CaseStudiesRequest = new RequestType0<CaseStudySummary[], void>('designNotes/caseStudies');
