// `design-notes lint --fix` / `--fix-dry-run`: applies the fixes that need no judgement, with the very builders the
// editor's quick fixes use (each rule's `fixes`, found through the rule registry), so a CLI fix and a lightbulb fix
// write the same text. Which fixes apply without judgement is the rule's to say too (`fixes.unattended`).
//
// Safe without judgement means: a missing required section is inserted (its heading and the template's prompt), a
// missing required file is created from its template, a misspelt Mermaid diagram type is corrected when there is
// one clear candidate. Every edit is an insertion or that one-word replacement, so text the user wrote is never
// changed; a new file is created exclusively, so no file is ever overwritten.
//
// Fixes are computed in passes over an in-memory overlay of the disk (a created file can have fixes of its own,
// and an empty case study gets its files one per pass), then either written or printed as a unified diff.
import { existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { caseStudyOf } from '../core/caseStudy';
import type { ResolvedConfig } from '../core/config';
import { sourceFileFromText } from '../core/engine';
import type { DirEntry, FileSystem, ReadFileOptions } from '../core/fileSystem';
import { findBuiltinTemplatesFolder, syncNodeFileSystem } from '../core/node';
import { fixTemplateSets, fixTemplateVars, type FixContext, type TextEdit } from '../core/fixes';
import { quickFixesFor, unattendedFix } from '../core/rules';
import { TemplateLibraries } from '../core/scaffold';
import type { Finding } from '../core/types';
import { displayPath, type CliIO } from './io';
import { inert, inertLines } from './terminalText';
import type { LintRun } from './lint';

/** Enough for every chain seen (an empty case study needs one pass per file it lacks); bounds a fix that never settles. */
const MAX_PASSES = 8;

export interface FileChange {
  path: string;
  /** Text before the fixes; undefined for a file the fixes create. */
  before?: string;
  after: string;
  /** Which fixes made the change (quick-fix titles), for the summary. */
  titles: string[];
}

/** The disk with the fixes laid over it: changed files read back changed, created files are listed in their folder. */
class FixOverlay implements FileSystem {
  readonly changes = new Map<string, FileChange>();
  private readonly encoder = new TextEncoder();

  constructor(private readonly disk: FileSystem) {}

  readText(filePath: string): string | undefined {
    return this.changes.get(filePath)?.after;
  }

  /** At most `maxBytes` bytes, as every FileSystem (the size limit asks for limit + 1 to tell a file over it). */
  async readFile(filePath: string, options?: ReadFileOptions): Promise<Uint8Array | undefined> {
    const change = this.changes.get(filePath);
    if (!change) return this.disk.readFile(filePath, options);
    const bytes = this.encoder.encode(change.after);
    return options?.maxBytes === undefined ? bytes : bytes.subarray(0, options.maxBytes);
  }

  async readDirectory(dirPath: string): Promise<DirEntry[]> {
    const entries = await this.disk.readDirectory(dirPath);
    const names = new Set(entries.map((e) => e.name));
    for (const c of this.changes.values()) {
      if (c.before === undefined && path.dirname(c.path) === dirPath && !names.has(path.basename(c.path))) {
        entries.push({ name: path.basename(c.path), isFile: true, isDirectory: false, isSymbolicLink: false });
      }
    }
    return entries;
  }

  async stat(filePath: string) {
    const change = this.changes.get(filePath);
    if (change) return { size: Buffer.byteLength(change.after), isFile: true, isDirectory: false };
    return this.disk.stat(filePath);
  }

  realpath(filePath: string): Promise<string | undefined> {
    return this.changes.get(filePath)?.before === undefined && this.changes.has(filePath)
      ? Promise.resolve(filePath)
      : this.disk.realpath(filePath);
  }

  exists(filePath: string): boolean {
    return this.changes.has(filePath) || existsSync(filePath);
  }

  text(filePath: string): string | undefined {
    const change = this.changes.get(filePath);
    if (change) return change.after;
    try {
      return readFileSync(filePath, 'utf8');
    } catch {
      return undefined;
    }
  }

  change(filePath: string, before: string | undefined, after: string, title: string): void {
    const old = this.changes.get(filePath);
    if (old) {
      old.after = after;
      old.titles.push(title);
    } else this.changes.set(filePath, { path: filePath, before, after, titles: [title] });
  }
}

/** What a lint run must say for fixes to be computed from it. */
export interface FixScope {
  root: string;
  config: ResolvedConfig;
}

type Lint = (fs: FileSystem) => Promise<LintRun>;

/**
 * An edit is safe when it inserts text, or replaces exactly the text the rule said its fix may replace (a misspelt
 * diagram type). Checked here whatever the builders return, so a change in a builder can never make `--fix`
 * rewrite what the user wrote.
 */
function safeEdit(edit: TextEdit, replaces: string | undefined, doc: TextDocument): boolean {
  const r = edit.range;
  if (r.start.line === r.end.line && r.start.character === r.end.character) return true;
  return replaces !== undefined && doc.getText(r) === replaces;
}

/** A finding whose preferred fix `--fix` applies: what its edit may replace, and its order among a file's fixes. */
interface Unattended {
  finding: Finding;
  replaces?: string;
  order: number;
}

/** Compute every safe fix of the linted paths, in passes, without touching the disk. */
export async function computeFixes(lint: Lint): Promise<{ changes: FileChange[]; last: LintRun }> {
  const overlay = new FixOverlay(syncNodeFileSystem);
  const templates = new TemplateLibraries(syncNodeFileSystem, findBuiltinTemplatesFolder());
  const setsFor = async (scope: FixScope) =>
    fixTemplateSets((await templates.library(scope.root, scope.config.templates)).sets);
  let run = await lint(overlay);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const byFile = new Map<string, Unattended[]>();
    for (const f of run.findings) {
      const scope = scopeOf(f.path, run.scopes);
      const how = scope && unattendedFix(f.ruleId, f.data, f.range, { specs: scope.config.requiredFiles });
      if (!how) continue;
      const list = byFile.get(f.path);
      const item = { finding: f, replaces: how.replaces, order: how.order ?? -1 };
      if (list) list.push(item);
      else byFile.set(f.path, [item]);
    }
    let changed = false;
    for (const [filePath, findings] of byFile) {
      const scope = scopeOf(filePath, run.scopes);
      const text = overlay.text(filePath);
      if (!scope || text === undefined) continue;
      const cs = caseStudyOf(filePath, run.caseStudies);
      const specs = scope.config.requiredFiles;
      const file = sourceFileFromText(filePath, text);
      const ctx: FixContext = {
        doc: file.doc,
        specs,
        lookup: { sets: await setsFor(scope), vars: fixTemplateVars(cs?.name) },
        exists: (p) => overlay.exists(p),
      };
      const textDoc = TextDocument.create('file:///fix', 'markdown', 0, text);
      const edits: TextEdit[] = [];
      const titles: string[] = [];
      // In the rules' order (missing sections in template order): insertions at one place are applied in the order given.
      for (const { finding: f, replaces } of [...findings].sort((a, b) => a.order - b.order)) {
        const fix = quickFixesFor(f.ruleId, f.data, f.range, ctx).find((q) => q.isPreferred);
        if (!fix) continue;
        if (fix.createFile) {
          if (!overlay.exists(fix.createFile.path) && inside(fix.createFile.path, scope.root)) {
            overlay.change(fix.createFile.path, undefined, fix.createFile.text, fix.title);
            changed = true;
          }
        } else if (fix.edits.length && fix.edits.every((e) => safeEdit(e, replaces, textDoc))) {
          edits.push(...fix.edits);
          titles.push(fix.title);
        }
      }
      if (edits.length && inside(filePath, scope.root)) {
        const after = TextDocument.applyEdits(textDoc, edits);
        if (after !== text) {
          const before = overlay.changes.get(filePath)?.before ?? text;
          for (const t of titles) overlay.change(filePath, before, after, t);
          changed = true;
        }
      }
    }
    if (!changed) break;
    run = await lint(overlay);
  }
  return { changes: [...overlay.changes.values()].filter((c) => c.after !== c.before), last: run };
}

/** The config scope (the linted path's config root) a file belongs to: the deepest root holding it. */
function scopeOf(filePath: string, scopes: readonly FixScope[]): FixScope | undefined {
  let best: FixScope | undefined;
  for (const s of scopes) if (inside(filePath, s.root) && (!best || s.root.length > best.root.length)) best = s;
  return best;
}

/** Whether a path lies inside a folder, also after symbolic links are resolved (a fix writes only inside the workspace). */
function inside(filePath: string, root: string): boolean {
  const within = (p: string, r: string) => p === r || p.startsWith(r.endsWith(path.sep) ? r : r + path.sep);
  if (!within(filePath, root)) return false;
  try {
    const realRoot = realpathSync(root);
    // A file to be created does not exist yet: its folder decides.
    const real = existsSync(filePath)
      ? realpathSync(filePath)
      : path.join(realpathSync(path.dirname(filePath)), path.basename(filePath));
    return within(real, realRoot);
  } catch {
    return false;
  }
}

/** The changes as one unified diff (`a/` and `b/` paths relative to the working directory, /dev/null for new files). */
export function unifiedDiff(changes: readonly FileChange[], cwd: string): string {
  return changes
    .map((c) => {
      const name = displayPath(c.path, cwd);
      return createTwoFilesPatch(
        c.before === undefined ? '/dev/null' : `a/${name}`,
        `b/${name}`,
        c.before ?? '',
        c.after,
        undefined,
        undefined,
        { context: 3 },
      ).replace(/^=+\n/, '');
    })
    .join('');
}

/**
 * Write the changes: a created file exclusively (never replacing one that appeared meanwhile), a changed file only
 * if it still holds the text the fixes were computed from. Returns what was written and what was left, with why.
 */
export function writeChanges(changes: readonly FileChange[], cwd: string): { written: FileChange[]; notes: string[] } {
  const written: FileChange[] = [];
  const notes: string[] = [];
  for (const c of changes) {
    const name = displayPath(c.path, cwd);
    try {
      if (c.before === undefined) {
        writeFileSync(c.path, c.after, { flag: 'wx' });
      } else {
        if (readFileSync(c.path, 'utf8') !== c.before) {
          notes.push(`${name} changed while it was being fixed; left as it is.`);
          continue;
        }
        writeFileSync(c.path, c.after);
      }
      written.push(c);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      notes.push(
        code === 'EEXIST'
          ? `${name} appeared while fixing; not overwritten.`
          : `${name} could not be written: ${(e as Error).message}`,
      );
    }
  }
  return { written, notes };
}

/** `--fix` / `--fix-dry-run`: compute, then write or print. Summary and notes go to stderr, the diff to stdout. */
export async function runFix(lint: Lint, io: CliIO, mode: 'apply' | 'dry-run'): Promise<{ failed: boolean }> {
  const { changes } = await computeFixes(lint);
  if (mode === 'dry-run') {
    io.stdout(inertLines(unifiedDiff(changes, io.cwd)));
    io.stderr(
      changes.length
        ? `${changes.length} file${changes.length === 1 ? '' : 's'} would be fixed (dry run: nothing written).\n`
        : 'Nothing to fix.\n',
    );
    return { failed: false };
  }
  const { written, notes } = writeChanges(changes, io.cwd);
  for (const c of written)
    io.stderr(`fixed: ${inert(displayPath(c.path, io.cwd))} (${inert([...new Set(c.titles)].join('; '))})\n`);
  for (const n of notes) io.stderr(`note: ${inert(n)}\n`);
  return { failed: notes.length > 0 };
}
