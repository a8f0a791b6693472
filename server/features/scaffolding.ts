// The server side of New Case Study, Add Missing Files and Generate Case Study Index. The server already holds
// each workspace folder's resolved .designnotes.json and every case study; here it also loads the template sets
// and plans the files, so the client only asks questions and writes what it is given (a thin client, like
// vscode-eslint: the client bundle carries no config loader, schema validator, glob matcher or template engine).
//
// The messages and their types are common/protocol/scaffolding.ts. Paths are file-system paths. Planning never
// writes: the client writes the plan through vscode.workspace.fs with the no-overwrite writer, so the Explorer and
// the undo story stay the editor's, and Remote/WSL work the same.
import { isInside, path } from '../../common/path';
import type { CheckService } from '../checkService';
import { isCaseStudyFolder, type CaseStudy } from '../core/caseStudy';
import { analyzeCaseStudy } from '../core/caseStudyModel';
import { Linter } from '../core/engine';
import type { SourceFile } from '../core/rule';
import { buildIndexRows, readCaseStudyMetadata, type IndexRow, type IndexRowInput } from '../core/caseStudyIndex';
import type { ResolvedConfig } from '../core/config';
import type { FileSystem } from '../core/fileSystem';
import {
  enclosingCaseStudyRoot,
  findCaseStudyRoot,
  findTemplateSet,
  isoDate,
  kindForFileName,
  noTemplateSetMessage,
  planCaseStudy,
  planMissingFiles,
  STANDARD_TEMPLATE_SET_ID,
  type LoadedTemplates,
  type TemplateLibraries,
} from '../core/scaffold';
import { loadWorkspaceConfig } from '../core/workspace';
import type {
  AuthorParams,
  CaseStudyRootParams,
  CaseStudyRootResult,
  IndexRowsParams,
  PlanCaseStudyParams,
  PlanMissingFilesParams,
  PlanResult,
  TemplatesParams,
  TemplatesResult,
  TrustParams,
} from '../../common/protocol';

/** What the server itself knows and a request cannot change: its workspace folders and the editor's trust. */
export interface ServerScope {
  workspaceFolders(): readonly string[];
  trusted(): boolean;
}

/** What scaffolding needs from the platform: the loaded template sets, and git's user.name (Node: gitAuthor). */
export interface ScaffoldServices {
  templates: TemplateLibraries;
  /** `git config user.name` in a folder, or '' (never called in Restricted Mode). */
  gitAuthor(cwd: string): Promise<string>;
}

export class ScaffoldRequests {
  constructor(
    private readonly service: CheckService,
    private readonly fs: FileSystem,
    private readonly scope: ServerScope,
    private readonly services: ScaffoldServices,
  ) {}

  /**
   * Every path a request names must lie inside one of the server's workspace folders, as written and once links
   * are resolved: a client (or anything speaking LSP to the server) asked to plan in "/etc" or "~/.ssh" and got
   * answers about it. Throws, which the client sees as an error response.
   */
  private async confine(workspaceFolder: unknown, ...paths: unknown[]): Promise<string> {
    if (typeof workspaceFolder !== 'string' || !path.isAbsolute(workspaceFolder))
      throw new Error('workspaceFolder must be an absolute path.');
    const folder = path.resolve(workspaceFolder);
    if (!this.scope.workspaceFolders().some((root) => isInside(folder, path.resolve(root))))
      throw new Error(`"${workspaceFolder}" is not inside a workspace folder of this server.`);
    const realFolder = (await this.fs.realpath(folder)) ?? folder;
    for (const p of [folder, ...paths]) {
      if (p === undefined) continue;
      if (typeof p !== 'string' || !path.isAbsolute(p)) throw new Error('Paths in requests must be absolute.');
      const real = await this.realpathOfNearest(p);
      if (!isInside(path.resolve(p), folder) || (real !== undefined && !isInside(real, realFolder)))
        throw new Error(`"${p}" is outside the workspace folder "${workspaceFolder}".`);
    }
    return folder;
  }

  /** Real path of `p`, or of its nearest existing ancestor joined with the rest (a folder about to be created). */
  private async realpathOfNearest(p: string): Promise<string | undefined> {
    let rest = '';
    for (let at = path.resolve(p); ;) {
      const real = await this.fs.realpath(at);
      if (real !== undefined) return rest ? path.join(real, rest) : real;
      const parent = path.dirname(at);
      if (parent === at) return undefined;
      rest = rest ? path.join(path.basename(at), rest) : path.basename(at);
      at = parent;
    }
  }

  /** The folder's config as the checks use it (a folder inside a workspace folder gets its own config file, if any). */
  private async configOf(workspaceFolder: string): Promise<ResolvedConfig> {
    await this.service.whenIdle();
    const known = this.service.folderOf(workspaceFolder);
    if (known && known.root === workspaceFolder) return known.config;
    return (await loadWorkspaceConfig(workspaceFolder, this.fs, this.service.ruleIds)).config;
  }

  private isTrusted(params: TrustParams): boolean {
    return this.scope.trusted() && params.trusted !== false;
  }

  private library(workspaceFolder: string, config: ResolvedConfig, params: TrustParams): Promise<LoadedTemplates> {
    // The server's one cache, reloaded when a template file changes (server.ts), so an edited template is used at once.
    return this.services.templates.library(workspaceFolder, this.isTrusted(params) ? config.templates : undefined);
  }

  private author(params: AuthorParams & TrustParams & { workspaceFolder: string }): Promise<string> {
    // Never in Restricted Mode: nothing runs because of an untrusted workspace, git included.
    return params.authorFromGit === true && this.isTrusted(params)
      ? this.services.gitAuthor(params.workspaceFolder)
      : Promise.resolve('');
  }

  async templates(params: TemplatesParams): Promise<TemplatesResult> {
    await this.confine(params.workspaceFolder);
    const config = await this.configOf(params.workspaceFolder);
    const lib = await this.library(params.workspaceFolder, config, params);
    return {
      sets: lib.sets.map((s) => ({
        id: s.id,
        name: s.name,
        description: s.description,
        builtin: s.builtin,
        folder: s.folder,
        files: s.files.map((f) => f.path),
      })),
      problems: lib.problems,
      templatesIgnoredUntrusted: !this.isTrusted(params) && !!config.templates,
    };
  }

  async caseStudyRoot(params: CaseStudyRootParams): Promise<CaseStudyRootResult> {
    await this.confine(params.workspaceFolder, params.start);
    const config = await this.configOf(params.workspaceFolder);
    const caseStudyGlobs = [...config.caseStudies];
    if (params.start) {
      // Right-clicked on a case study (or inside one): create next to it, not inside it.
      const folder = enclosingCaseStudyRoot(params.start, params.workspaceFolder, config) ?? params.start;
      return { folder, exists: !!(await this.fs.stat(folder))?.isDirectory, caseStudyGlobs };
    }
    return { ...(await findCaseStudyRoot(params.workspaceFolder, config, this.fs)), caseStudyGlobs };
  }

  async planCaseStudy(params: PlanCaseStudyParams): Promise<PlanResult> {
    await this.confine(params.workspaceFolder, params.root);
    const config = await this.configOf(params.workspaceFolder);
    const lib = await this.library(params.workspaceFolder, config, params);
    const found = findTemplateSet(lib.sets, params.templateId);
    if (!found.ok) return { ok: false, error: noTemplateSetMessage(params.templateId, found.available) };
    const set = found.set;
    const author = await this.author(params);
    const outcome = planCaseStudy({
      root: params.root,
      title: params.title,
      templateSet: set,
      fallbackSets: lib.builtinStandard ? [lib.builtinStandard] : [],
      vars: { author },
      folderNamePattern: params.folderNamePattern,
      specs: config.requiredFiles,
    });
    if (!outcome.ok) return outcome;
    const { plan } = outcome;
    return {
      ok: true,
      plan,
      checked: isCaseStudyFolder(params.workspaceFolder, plan.folder, config),
      caseStudyGlobs: [...config.caseStudies],
      entryFile: await this.entryFileOf(plan.folder, config),
    };
  }

  async planMissingFiles(params: PlanMissingFilesParams): Promise<PlanResult> {
    await this.confine(params.workspaceFolder, params.caseStudyPath);
    const config = await this.configOf(params.workspaceFolder);
    const lib = await this.library(params.workspaceFolder, config, params);
    const id = params.templateId ?? STANDARD_TEMPLATE_SET_ID;
    const found = findTemplateSet(lib.sets, id);
    if (!found.ok) return { ok: false, error: noTemplateSetMessage(id, found.available) };
    const set = found.set;
    if (!(await this.fs.stat(params.caseStudyPath))?.isDirectory) {
      return {
        ok: false,
        error: `${path.basename(params.caseStudyPath)} is a one-file case study: add its missing parts as sections (## Requirements, ## Architecture, ## Trade-offs) rather than files.`,
      };
    }
    const existing = (await this.fs.readDirectory(params.caseStudyPath)).filter((e) => e.isFile).map((e) => e.name);
    const author = await this.author(params);
    // Parts already written as sections of other files (trade-offs inside hld.md) need no file of their own.
    const cs = this.service.caseStudyFor(path.join(params.caseStudyPath, 'x'));
    const missing = cs && cs.path === params.caseStudyPath ? await this.missingParts(cs, config) : undefined;
    const specs = missing
      ? config.requiredFiles.filter((s) => missing.has(s.id) || existing.some((n) => kindForFileName(n, [s]) === s.id))
      : config.requiredFiles;
    const plan = planMissingFiles(params.caseStudyPath, existing, specs, set, {
      vars: { author, ...(params.title ? { title: params.title } : {}) },
      fallbackSets: lib.builtinStandard ? [lib.builtinStandard] : [],
    });
    return {
      ok: true,
      plan,
      checked: isCaseStudyFolder(params.workspaceFolder, params.caseStudyPath, config),
      caseStudyGlobs: [...config.caseStudies],
    };
  }

  /** Ids of the parts a case study writes nowhere (no file, no section), from its files as the checks read them. */
  private async missingParts(cs: CaseStudy, config: ResolvedConfig): Promise<Set<string>> {
    const linter = new Linter({ fs: this.fs, keepParsed: false });
    const files = new Map<string, SourceFile>();
    for (const entry of cs.files) {
      if (entry.relative.includes('/')) continue;
      const { file } = await linter.read(entry.path, config, entry.kind);
      if (file) files.set(entry.path, file);
    }
    const model = analyzeCaseStudy(cs, files, config);
    return new Set(model.kind === 'design' ? model.missing.map((s) => s.id) : []);
  }

  /**
   * Rows of the case-study index for one workspace folder. Dates: front matter `date:`, else the "Started:" line
   * the template writes, else a YYYY-MM-DD folder-name prefix, else the requirements file's modification time. Not
   * git: one `git log` per case study is slow on big repositories, and the first commit is often not when the
   * design began. The text read is the open editor's when the file is open (the server's overlay).
   */
  async indexRows(params: IndexRowsParams): Promise<IndexRow[]> {
    await this.confine(params.workspaceFolder, params.indexFolder);
    const summaries = ((await this.service.overview()) ?? []).filter((c) => isInside(c.path, params.workspaceFolder));
    const inputs = await Promise.all(
      summaries.map(async (summary): Promise<IndexRowInput> => {
        const requirements = summary.files.find((f) => f.kind === 'requirements');
        const linkTarget = requirements?.path ?? summary.path;
        const input: IndexRowInput = {
          summary,
          relativeLink: path.relative(params.indexFolder, linkTarget).split(path.sep).join('/') || '.',
        };
        if (requirements) {
          const bytes = await this.fs.readFile(requirements.path);
          if (bytes) input.meta = readCaseStudyMetadata(new TextDecoder().decode(bytes));
          const mtime = (await this.fs.stat(requirements.path))?.mtime;
          if (mtime !== undefined) input.fallbackDate = isoDate(new Date(mtime));
        }
        return input;
      }),
    );
    return buildIndexRows(inputs);
  }

  /** The file to open in an existing case-study folder: its requirements file, else its first Markdown file. */
  private async entryFileOf(folder: string, config: ResolvedConfig): Promise<string | undefined> {
    if (!(await this.fs.stat(folder))?.isDirectory) return undefined;
    const entries = (await this.fs.readDirectory(folder))
      .filter((e) => e.isFile)
      .map((e) => e.name)
      .sort();
    const first =
      entries.find((n) => kindForFileName(n, config.requiredFiles) === 'requirements') ??
      entries.find((n) => /\.(md|markdown|mdx)$/i.test(n));
    return first ? path.join(folder, first) : undefined;
  }
}
