// The server side of "Design Notes: Set Up Case Studies": when a workspace folder has Markdown but no case study
// and no .designnotes.json, the server tells the client (notification), and proposes a configuration on request
// (server/core/init, the same proposer as `design-notes init`). Planning never writes: the client creates the file
// through a WorkspaceEdit that refuses to overwrite, so it is undoable like any edit.
import { path } from '../../common/path';
import { isMarkdownPath } from '../core/caseStudy';
import { CONFIG_FILE_NAME } from '../core/config';
import type { FileSystem } from '../core/fileSystem';
import { describeProposal, proposeConfig } from '../core/init/proposeConfig';
import type { NoCaseStudiesParams, ProposeConfigParams, ProposeConfigResult } from '../../common/protocol';

/** Markdown files looked at before the answer is "yes, there is Markdown here" (a bounded walk). */
const MARKDOWN_PROBE_LIMIT = 2000;

/** Whether a folder holds any Markdown file (outside dependencies and hidden folders), looking at a bounded number of entries. */
export async function hasMarkdown(root: string, fs: FileSystem): Promise<boolean> {
  const queue = [root];
  let seen = 0;
  while (queue.length && seen < MARKDOWN_PROBE_LIMIT) {
    const dir = queue.shift()!;
    for (const e of await fs.readDirectory(dir)) {
      if (++seen > MARKDOWN_PROBE_LIMIT) return false;
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      if (e.isFile && isMarkdownPath(e.name)) return true;
      if (e.isDirectory && !e.isSymbolicLink) queue.push(path.join(dir, e.name));
    }
  }
  return false;
}

export class SetupRequests {
  /** Folders already told about, so the offer comes once per folder and session. */
  private readonly offered = new Set<string>();

  constructor(
    private readonly fs: FileSystem,
    private readonly notify: (params: NoCaseStudiesParams) => void,
    /** Whether a path is one of the workspace folders: the proposal reads a repository, only those the editor opened. */
    private readonly isWorkspaceFolder: (folder: string) => boolean = () => true,
  ) {}

  /** After a folder was checked: offer set-up when it has Markdown, no case study and no config of its own. */
  async folderChecked(root: string, caseStudies: number, hasConfig: boolean): Promise<void> {
    if (caseStudies > 0 || hasConfig || this.offered.has(root)) return;
    if (!(await hasMarkdown(root, this.fs))) return;
    this.offered.add(root);
    this.notify({ workspaceFolder: root });
  }

  async propose(params: ProposeConfigParams): Promise<ProposeConfigResult> {
    const root = path.resolve(String(params?.workspaceFolder ?? ''));
    if (!this.isWorkspaceFolder(root)) throw new Error(`Not a workspace folder: ${root}`);
    const configPath = path.join(root, CONFIG_FILE_NAME);
    const proposal = await proposeConfig(root, this.fs);
    return {
      configPath,
      exists: !!(await this.fs.stat(configPath)),
      text: proposal.text,
      summary: describeProposal(proposal),
      caseStudies: proposal.found.caseStudies,
    };
  }
}
