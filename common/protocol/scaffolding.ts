// New Case Study, Add Missing Files and Generate Case Study Index: the server loads the workspace's configuration and
// templates and plans the files; the client asks, shows and writes what it is given (server/features/scaffolding.ts).
// Paths are file-system paths, as in `designNotes/caseStudies`. Planning never writes.
import { RequestType } from 'vscode-jsonrpc';
import type { IndexRow } from '../indexTable';
import type { CaseStudyRootChoice, ScaffoldPlan, TemplateProblem } from '../../server/core/scaffold';

// The plan, the root choice, template problems and index rows are the core's own types (pure modules): re-exported
// as types only, so the core keeps no LSP import and the client bundles no core code for them.
export type { IndexRow, IndexStatus } from '../indexTable';
export type { CaseStudyRootChoice, PlannedFile, ScaffoldPlan, TemplateProblem } from '../../server/core/scaffold';

/**
 * Restricted Mode: the `templates` folder comes from the workspace's own .designnotes.json and may point anywhere
 * ("../../.ssh"); loading it would copy files from outside the workspace into it. Only the editor knows whether the
 * user trusts the workspace: it says so in `initialize` (`initializationOptions.trusted`) and with the
 * `designNotes/workspaceTrusted` notification when trust is granted. A request's `trusted: false` can only lower
 * that trust for the request; `trusted: true` on a request never raises it (a request is not where trust comes from).
 */
export interface TrustParams {
  trusted?: boolean;
}

/**
 * The author line: filled from git's user.name only when the user asked for it (setting
 * `designNotes.scaffold.authorFromGit`); otherwise it stays a prompt for the student to fill in.
 */
export interface AuthorParams {
  authorFromGit?: boolean;
}

export interface TemplatesParams extends TrustParams {
  workspaceFolder: string;
}

/** A template set as the client shows it in a quick pick (no template text). */
export interface TemplateSetInfo {
  id: string;
  name: string;
  description: string;
  builtin: boolean;
  folder?: string;
  /** Relative paths of its files, for the pick's detail line. */
  files: string[];
}

export interface TemplatesResult {
  sets: TemplateSetInfo[];
  problems: TemplateProblem[];
  /** True when the config names a template folder that Restricted Mode made the server ignore. */
  templatesIgnoredUntrusted: boolean;
}

export interface CaseStudyRootParams {
  workspaceFolder: string;
  /** A folder the user pointed at (Explorer): the case-study root enclosing it, else the folder itself. */
  start?: string;
}

export interface CaseStudyRootResult extends CaseStudyRootChoice {
  /** The folder's `caseStudies` globs, for messages. */
  caseStudyGlobs: string[];
}

export interface PlanCaseStudyParams extends TrustParams, AuthorParams {
  workspaceFolder: string;
  /** The case-study root the new folder goes into. */
  root: string;
  title: string;
  templateId: string;
  folderNamePattern?: string;
}

/**
 * A plan, or why there is none in words for the user (no such template set, a title that makes no folder name, a
 * one-file case study). A request the server refuses (a path outside the workspace) is an error response instead.
 */
export type PlanResult =
  | {
      ok: true;
      plan: ScaffoldPlan;
      /** Whether the `caseStudies` globs cover the plan's folder (else it is created but not checked). */
      checked: boolean;
      caseStudyGlobs: string[];
      /** When the folder exists already: the file to open for "Open Existing" (its requirements file, else its first Markdown file). */
      entryFile?: string;
    }
  | { ok: false; error: string };

export interface PlanMissingFilesParams extends TrustParams, AuthorParams {
  workspaceFolder: string;
  caseStudyPath: string;
  /** Template set id; default the standard set. */
  templateId?: string;
  /** The case study's title when it is known and differs from its folder name. */
  title?: string;
}

export interface IndexRowsParams {
  workspaceFolder: string;
  /** Folder of the index file; links are relative to it. */
  indexFolder: string;
}

/** `designNotes/templates`: the template sets the workspace folder can use, and problems loading them. */
export const TemplatesRequest = new RequestType<TemplatesParams, TemplatesResult, void>('designNotes/templates');
/** `designNotes/caseStudyRoot`: where a new case study goes (the configured root, or the one enclosing `start`). */
export const CaseStudyRootRequest = new RequestType<CaseStudyRootParams, CaseStudyRootResult, void>(
  'designNotes/caseStudyRoot',
);
/** `designNotes/planCaseStudy`: the files of a new case study, rendered from a template set. */
export const PlanCaseStudyRequest = new RequestType<PlanCaseStudyParams, PlanResult, void>('designNotes/planCaseStudy');
/** `designNotes/planMissingFiles`: the files a case study lacks, rendered from a template set. */
export const PlanMissingFilesRequest = new RequestType<PlanMissingFilesParams, PlanResult, void>(
  'designNotes/planMissingFiles',
);
/** `designNotes/indexRows`: one row per case study of a workspace folder, for the case-study index table. */
export const IndexRowsRequest = new RequestType<IndexRowsParams, IndexRow[], void>('designNotes/indexRows');
