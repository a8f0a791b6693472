// "Design Notes: Set Up Case Studies" and trust: what the editor and the server tell each other about a workspace.
import { NotificationType, NotificationType0, RequestType, RequestType0 } from 'vscode-jsonrpc';

export interface NoCaseStudiesParams {
  /** The workspace folder (file-system path) that has Markdown but no case study and no .designnotes.json. */
  workspaceFolder: string;
}

export interface ProposeConfigParams {
  workspaceFolder: string;
}

export interface ProposeConfigResult {
  /** Where the file goes, and whether one is there already (then the client shows the proposal, never writes). */
  configPath: string;
  exists: boolean;
  /** The .designnotes.json text. */
  text: string;
  /** What was looked at and what the checks would find with it, one line each. */
  summary: string[];
  caseStudies: number;
}

/** `designNotes/noCaseStudies`, server → client: offer set-up for a folder (once per folder and server session). */
export const NoCaseStudiesNotification = new NotificationType<NoCaseStudiesParams>('designNotes/noCaseStudies');

/** `designNotes/proposeConfig`, client → server: the `design-notes init` proposal for a workspace folder; never writes. */
export const ProposeConfigRequest = new RequestType<ProposeConfigParams, ProposeConfigResult, void>(
  'designNotes/proposeConfig',
);

/**
 * `designNotes/workspaceTrusted`, client → server, no params: the user granted trust to a workspace opened in
 * Restricted Mode. Trust starts as `initializationOptions.trusted` (see InitializationOptions); it is never lowered.
 */
export const WorkspaceTrustedNotification = new NotificationType0('designNotes/workspaceTrusted');

/** What the client passes in `initialize`'s `initializationOptions`. */
export interface InitializationOptions {
  /**
   * Whether the user trusts the workspace. Absent means trusted (a plain LSP editor has no Restricted Mode); `false`
   * makes the server ignore workspace-provided template folders and catalogs and never run git.
   */
  trusted?: boolean;
}

/**
 * `designNotes/whenIdle`, client → server, no params: resolves `true` once every edit received so far (including
 * those still waiting out the typing delay) is checked and published. For tests and tools.
 */
export const WhenIdleRequest = new RequestType0<boolean, void>('designNotes/whenIdle');
