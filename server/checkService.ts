import * as path from 'node:path';
import { caseStudyOf, discoverCaseStudies, isCheckedPath, listCaseStudyFiles, type CaseStudy } from './core/caseStudy';
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, type ConfigProblem, type ResolvedConfig } from './core/config';
import { Linter, skippedFinding } from './core/engine';
import type { FileSystem } from './core/fileSystem';
import type { RuleServices } from './core/rule';
import type { Finding, SeveritySetting } from './core/types';
import { loadWorkspaceConfig, mapConcurrently } from './core/workspace';
import { unmatchedCaseStudyGlobs } from './core/configGlobs';
import { summarizeCaseStudy, type CaseStudySummary } from './core/caseStudySummary';
import type { SourceFile } from './core/rule';
import type { MarkdownDocument } from './core/markdown';

/** Settings that flow from the editor (designNotes.*); they refine the workspace's .designnotes.json. */
export interface EditorSettings {
  enable: boolean;
  /** Severity overrides per rule id, applied over .designnotes.json (like eslint.rules.customizations). */
  rules: Record<string, SeveritySetting>;
  /** designNotes.estimates.*: computed values of calculations as inlay hints. */
  estimates: { inlayHints: boolean };
}

export const DEFAULT_SETTINGS: EditorSettings = { enable: true, rules: {}, estimates: { inlayHints: true } };

interface FolderState {
  root: string;
  config: ResolvedConfig;
  configPath: string;
  configProblems: ConfigProblem[];
  configText?: string;
  caseStudies: CaseStudy[];
  notes: string[];
}

export type Publish = (filePath: string, findings: Finding[]) => void;

/** A case study's findings before they are stored: case-study rules by path, and per-file rules per file (undefined: unreadable). */
interface CaseStudyCheck {
  results: Map<string, Finding[]>;
  files: [string, Finding[] | undefined][];
}

/** Case studies linted at once during a whole-folder check. */
const FOLDER_CHECK_CONCURRENCY = 8;

/**
 * Owns what the language server knows about the workspace: configuration per folder, the case studies found, and
 * the findings per file. Checks are serialised (one at a time, in order) so that events arriving together never
 * interleave half-finished results. Editor-facing code (LSP) stays in server.ts.
 */
export class CheckService {
  private folders: FolderState[] = [];
  private readonly linter: Linter;
  /** Findings of case-study rules, per case-study folder, per path. */
  private readonly caseFindings = new Map<string, Map<string, Finding[]>>();
  /**
   * For each path, the case studies whose stored findings have an entry for it. findingsFor used to ask every case
   * study for every path, so the first check of a workspace was quadratic: 5,000 case studies took 86 s to publish.
   */
  private readonly caseFindingOwners = new Map<string, Set<string>>();
  /** Findings of per-file rules, per path. */
  private readonly fileFindings = new Map<string, Finding[]>();
  /** Paths published with findings, so paths that lose all findings get an empty list (clearing them). */
  private readonly published = new Map<string, string>();
  private readonly openPaths = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();
  private settings: EditorSettings = DEFAULT_SETTINGS;
  /** Told after each whole-folder check how many case studies it found (the server offers set-up at none). */
  onFolderChecked?: (root: string, caseStudies: number, hasConfig: boolean) => Promise<void>;

  constructor(
    private readonly fs: FileSystem,
    private readonly publish: Publish,
    services: RuleServices = {},
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.linter = new Linter({ fs, services });
  }

  get ruleIds(): string[] {
    return this.linter.ruleIds;
  }

  /** Run `task` after every task queued before it; failures are logged, never thrown at the caller's event loop. */
  private enqueue<T>(task: () => Promise<T>): Promise<T | undefined> {
    const run = this.queue.then(task).catch((e) => {
      this.log(`Design Notes: check failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return undefined;
    });
    this.queue = run;
    return run;
  }

  whenIdle(): Promise<unknown> {
    return this.queue;
  }

  private effective(config: ResolvedConfig): ResolvedConfig {
    const overrides = Object.fromEntries(
      Object.entries(this.settings.rules).filter(([id]) => this.ruleIds.includes(id)),
    );
    return Object.keys(overrides).length ? { ...config, rules: { ...config.rules, ...overrides } } : config;
  }

  folderOf(filePath: string): FolderState | undefined {
    let best: FolderState | undefined;
    for (const f of this.folders) {
      if (filePath === f.root || filePath.startsWith(f.root + path.sep))
        if (!best || f.root.length > best.root.length) best = f;
    }
    return best;
  }

  caseStudies(): CaseStudy[] {
    return this.folders.flatMap((f) => f.caseStudies);
  }

  configFor(filePath: string): ResolvedConfig | undefined {
    const folder = this.folderOf(filePath);
    return folder && this.effective(folder.config);
  }

  /** The parsed form of a document's text, shared with the checks (parsed once per text, not once per request). */
  parsed(filePath: string, text: string): MarkdownDocument {
    return this.linter.parse(filePath, text, this.caseStudyFor(filePath)?.files.find((f) => f.path === filePath)?.kind)
      .doc;
  }

  caseStudyFor(filePath: string): CaseStudy | undefined {
    return caseStudyOf(filePath, this.caseStudies());
  }

  findingsFor(filePath: string): Finding[] {
    const out = [...(this.fileFindings.get(filePath) ?? [])];
    const owners = this.caseFindingOwners.get(filePath);
    if (owners) {
      // In the order of caseFindings, as when every case study was asked (a path rarely has more than one owner).
      const keys = owners.size > 1 ? [...this.caseFindings.keys()].filter((k) => owners.has(k)) : owners;
      for (const k of keys) out.push(...(this.caseFindings.get(k)?.get(filePath) ?? []));
    }
    return out;
  }

  private flush(paths: Iterable<string>): void {
    for (const p of new Set(paths)) {
      const findings = this.findingsFor(p);
      const key = JSON.stringify(findings);
      if ((this.published.get(p) ?? '[]') === key) continue;
      if (findings.length) this.published.set(p, key);
      else this.published.delete(p);
      this.publish(p, findings);
    }
  }

  /** Store (or with undefined, drop) a case study's findings, keeping caseFindingOwners in step. */
  private setCaseFindings(csPath: string, results: Map<string, Finding[]> | undefined): void {
    for (const p of this.caseFindings.get(csPath)?.keys() ?? []) {
      if (results?.has(p)) continue;
      const owners = this.caseFindingOwners.get(p);
      owners?.delete(csPath);
      if (owners && owners.size === 0) this.caseFindingOwners.delete(p);
    }
    if (!results) {
      this.caseFindings.delete(csPath);
      return;
    }
    this.caseFindings.set(csPath, results);
    for (const p of results.keys()) {
      const owners = this.caseFindingOwners.get(p);
      if (owners) owners.add(csPath);
      else this.caseFindingOwners.set(p, new Set([csPath]));
    }
  }

  /** Paths touched by a case study's stored findings (so they can be cleared when the case study changes). */
  private pathsOf(csPath: string): string[] {
    return [...(this.caseFindings.get(csPath)?.keys() ?? [])];
  }

  setSettings(settings: EditorSettings): Promise<unknown> {
    this.settings = settings;
    return this.enqueue(async () => {
      for (const f of this.folders) await this.checkFolder(f);
    });
  }

  setFolders(roots: string[]): Promise<unknown> {
    return this.enqueue(async () => {
      const removed = this.folders.filter((f) => !roots.includes(f.root));
      for (const f of removed) this.dropFolder(f);
      for (const root of roots) {
        if (this.folders.some((f) => f.root === root)) continue;
        const state = await this.loadFolder(root);
        this.folders.push(state);
        await this.checkFolder(state);
      }
    });
  }

  private dropFolder(folder: FolderState): void {
    this.folders = this.folders.filter((f) => f !== folder);
    const touched: string[] = [folder.configPath];
    for (const cs of folder.caseStudies) {
      touched.push(...this.pathsOf(cs.path));
      this.setCaseFindings(cs.path, undefined);
    }
    for (const p of [...this.fileFindings.keys()]) {
      if (p.startsWith(folder.root + path.sep)) {
        this.fileFindings.delete(p);
        touched.push(p);
      }
    }
    this.flush(touched);
  }

  private async loadFolder(root: string): Promise<FolderState> {
    const ws = await loadWorkspaceConfig(root, this.fs, this.ruleIds);
    return {
      root,
      config: ws.config,
      configPath: path.join(root, CONFIG_FILE_NAME),
      configProblems: ws.problems,
      configText: ws.text,
      caseStudies: [],
      notes: [],
    };
  }

  /** Everything in a folder: config problems, discovery, every case study, every open loose file. */
  private async checkFolder(folder: FolderState): Promise<void> {
    const fresh = await this.loadFolder(folder.root);
    folder.config = fresh.config;
    folder.configProblems = fresh.configProblems;
    this.fileFindings.set(
      folder.configPath,
      folder.configProblems.map((p) => ({
        ruleId: 'config',
        severity: p.severity,
        message: p.message,
        path: folder.configPath,
        range: p.range,
      })),
    );
    const touched = new Set<string>([folder.configPath]);
    const before = folder.caseStudies;
    const config = this.effective(folder.config);
    if (!this.settings.enable) {
      for (const cs of before) this.clearCaseStudy(cs, touched);
      folder.caseStudies = [];
      for (const p of [...this.fileFindings.keys()])
        if (p.startsWith(folder.root + path.sep) && p !== folder.configPath)
          (this.fileFindings.delete(p), touched.add(p));
      this.flush(touched);
      return;
    }
    const discovery = await discoverCaseStudies(folder.root, config, this.fs);
    folder.caseStudies = discovery.caseStudies;
    folder.notes = discovery.notes;
    if (fresh.configText) {
      const unmatched = unmatchedCaseStudyGlobs(fresh.configText, folder.root, discovery.caseStudies);
      const configFindings = this.fileFindings.get(folder.configPath) ?? [];
      for (const p of unmatched)
        configFindings.push({
          ruleId: 'config',
          severity: p.severity,
          message: p.message,
          path: folder.configPath,
          range: p.range,
        });
      this.fileFindings.set(folder.configPath, configFindings);
    }
    for (const note of discovery.notes) this.log(`Design Notes: ${note}`);
    for (const cs of before) if (!folder.caseStudies.some((c) => c.path === cs.path)) this.clearCaseStudy(cs, touched);
    // Several case studies in flight: while the Mermaid worker parses one's diagrams, the main thread reads and
    // parses the next (checked one at a time, each side waited for the other: 60% idle in a profile). Results are
    // stored in discovery order, so what is published, and in which order, does not change.
    const checks = await mapConcurrently(folder.caseStudies, FOLDER_CHECK_CONCURRENCY, (cs) =>
      this.lintCaseStudyFindings(cs, config, undefined),
    );
    folder.caseStudies.forEach((cs, i) => this.applyCaseStudy(cs, checks[i], touched));
    // Open loose notes are re-checked; not the open config file itself, whose findings are its problems above.
    for (const p of this.openPaths)
      if (this.folderOf(p) === folder && p !== folder.configPath && !this.caseStudyFor(p))
        await this.checkLooseFile(p, config, touched);
    this.flush(touched);
    // Awaited inside the check's turn, so `whenIdle` also covers the offer.
    await this.onFolderChecked?.(folder.root, folder.caseStudies.length, fresh.configText !== undefined);
  }

  private clearCaseStudy(cs: CaseStudy, touched: Set<string>): void {
    for (const p of this.pathsOf(cs.path)) touched.add(p);
    this.setCaseFindings(cs.path, undefined);
    for (const f of cs.files) {
      if (this.fileFindings.delete(f.path)) touched.add(f.path);
    }
  }

  /**
   * Re-check a case study. With `changed`, per-file rules run only on that file and the other files keep their
   * previous per-file findings: that is what keeps a keystroke cheap in a large case study.
   */
  private async checkCaseStudy(
    cs: CaseStudy,
    config: ResolvedConfig,
    touched: Set<string>,
    changed: string | undefined,
  ): Promise<void> {
    this.applyCaseStudy(cs, await this.lintCaseStudyFindings(cs, config, changed), touched);
  }

  /** The findings of a case study, stored nowhere yet, so that several case studies can be linted at once. */
  private async lintCaseStudyFindings(
    cs: CaseStudy,
    config: ResolvedConfig,
    changed: string | undefined,
  ): Promise<CaseStudyCheck> {
    const results = await this.linter.lintCaseStudy(cs, config, { fileRules: false });
    const files: [string, Finding[] | undefined][] = [];
    for (const entry of cs.files) {
      if (changed !== undefined && entry.path !== changed && this.fileFindings.has(entry.path)) continue;
      const { file } = await this.linter.read(entry.path, config, entry.kind);
      files.push([entry.path, file ? await this.linter.lintFile(file, config, cs) : undefined]);
    }
    return { results, files };
  }

  /** Store a case study's findings and note every path whose published findings may change. */
  private applyCaseStudy(cs: CaseStudy, check: CaseStudyCheck, touched: Set<string>): void {
    for (const p of this.pathsOf(cs.path)) touched.add(p);
    this.setCaseFindings(cs.path, check.results);
    for (const p of check.results.keys()) touched.add(p);
    for (const [p, findings] of check.files) {
      touched.add(p);
      if (findings) this.fileFindings.set(p, findings);
      else this.fileFindings.delete(p);
    }
  }

  private async checkLooseFile(filePath: string, config: ResolvedConfig, touched: Set<string>): Promise<void> {
    touched.add(filePath);
    const { file, skipped, missing } = await this.linter.read(filePath, config);
    if (file) this.fileFindings.set(filePath, await this.linter.lintFile(file, config));
    else if (skipped && !missing) this.fileFindings.set(filePath, [skippedFinding(config, filePath, skipped)]);
    else this.fileFindings.delete(filePath);
  }

  /** A summary of every case study, for the explorer view (after pending checks, so it matches the diagnostics). */
  overview(): Promise<CaseStudySummary[] | undefined> {
    return this.enqueue(async () => {
      const out: CaseStudySummary[] = [];
      for (const folder of this.folders) {
        const config = this.effective(folder.config);
        for (const cs of folder.caseStudies) {
          const files = new Map<string, SourceFile>();
          for (const entry of cs.files) {
            const { file } = await this.linter.read(entry.path, config, entry.kind);
            if (file) files.set(entry.path, file);
          }
          out.push(summarizeCaseStudy(cs, files, (p) => this.findingsFor(p), config));
        }
      }
      return out;
    });
  }

  /** An open document's text changed (or it was opened). Only its case study is re-checked. */
  documentChanged(filePath: string): Promise<unknown> {
    this.openPaths.add(filePath);
    return this.enqueue(async () => {
      const folder = this.folderOf(filePath);
      if (!folder) {
        // Outside every workspace folder (or no folder open): the rules that apply anywhere, with defaults.
        const config = this.effective(DEFAULT_CONFIG);
        const touched = new Set<string>();
        await this.checkLooseFile(filePath, config, touched);
        this.flush(touched);
        return;
      }
      if (path.basename(filePath) === CONFIG_FILE_NAME && path.dirname(filePath) === folder.root)
        return this.checkFolder(folder);
      if (!this.settings.enable) return;
      const config = this.effective(folder.config);
      const touched = new Set<string>();
      const cs = this.caseStudyFor(filePath);
      if (cs) {
        if (!cs.files.some((f) => f.path === filePath)) {
          // A file new to the case study (opened before the watcher reported it): refresh the file list.
          cs.files = await listCaseStudyFiles(cs.path, config, this.fs, folder.root);
          if (!cs.files.some((f) => f.path === filePath) && isCheckedPath(filePath))
            cs.files.push({ path: filePath, relative: path.relative(cs.path, filePath).split(path.sep).join('/') });
        }
        await this.checkCaseStudy(cs, config, touched, filePath);
      } else await this.checkLooseFile(filePath, config, touched);
      this.flush(touched);
    });
  }

  /** An editor closed a document: what is on disk is the truth again (or nothing, for a file outside case studies). */
  documentClosed(filePath: string): Promise<unknown> {
    this.openPaths.delete(filePath);
    return this.enqueue(async () => {
      const folder = this.folderOf(filePath);
      const cs = this.caseStudyFor(filePath);
      const touched = new Set<string>([filePath]);
      if (folder && cs && this.settings.enable) {
        this.fileFindings.delete(filePath);
        this.linter.forget(filePath);
        await this.checkCaseStudy(cs, this.effective(folder.config), touched, filePath);
      } else if (folder && path.basename(filePath) === CONFIG_FILE_NAME) {
        await this.checkFolder(folder);
      } else {
        // Loose files are only checked while open, like most linters in VS Code.
        this.fileFindings.delete(filePath);
        this.linter.forget(filePath);
      }
      this.flush(touched);
    });
  }

  /**
   * Files changed on disk (created, deleted, renamed, edited outside the editor). Case studies whose folder saw a
   * change are re-listed and re-checked; a change to .designnotes.json or to the folder layout re-checks the folder.
   */
  filesChanged(changes: { path: string; type: 'created' | 'changed' | 'deleted' }[]): Promise<unknown> {
    return this.enqueue(async () => {
      const full = new Set<FolderState>();
      const partial = new Map<FolderState, Set<CaseStudy>>();
      for (const change of changes) {
        const folder = this.folderOf(change.path);
        if (!folder) continue;
        if (path.basename(change.path) === CONFIG_FILE_NAME) {
          full.add(folder);
          continue;
        }
        if (!this.openPaths.has(change.path)) this.linter.forget(change.path);
        const cs = caseStudyOf(change.path, folder.caseStudies);
        if (!isCheckedPath(change.path)) {
          // Not a Markdown file: it matters only as a folder that may add or remove case studies.
          const removesCaseStudies =
            change.type === 'deleted' &&
            folder.caseStudies.some((c) => c.path === change.path || c.path.startsWith(change.path + path.sep));
          const addsFolder = change.type === 'created' && !!(await this.fs.stat(change.path))?.isDirectory;
          if (removesCaseStudies || (addsFolder && !cs)) full.add(folder);
          else if (cs && change.type !== 'changed')
            partial.set(folder, (partial.get(folder) ?? new Set<CaseStudy>()).add(cs));
          continue;
        }
        if (cs?.isFile && cs.path === change.path && change.type === 'deleted') {
          // A one-file case study removed: the case study is gone, not emptied.
          full.add(folder);
          continue;
        }
        if (!cs) {
          // A Markdown file outside known case studies: a case-study folder may just have been created with it.
          if (change.type === 'created') full.add(folder);
          continue;
        }
        partial.set(folder, (partial.get(folder) ?? new Set<CaseStudy>()).add(cs));
      }
      for (const folder of full) await this.checkFolder(folder);
      for (const [folder, set] of partial) {
        if (full.has(folder)) continue;
        const config = this.effective(folder.config);
        const touched = new Set<string>();
        for (const cs of set) {
          const before = cs.files.map((f) => f.path);
          cs.files = await listCaseStudyFiles(cs.path, config, this.fs, folder.root);
          for (const p of before)
            if (!cs.files.some((f) => f.path === p)) (this.fileFindings.delete(p), touched.add(p));
          await this.checkCaseStudy(cs, config, touched, undefined);
        }
        this.flush(touched);
      }
    });
  }
}
