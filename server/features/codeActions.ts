import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextDocumentEdit,
  type CreateFile,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from '../core/types';
import type { CheckService } from '../checkService';
import { fixTemplateSets, fixTemplateVars, type FixContext, type QuickFix } from '../core/fixes';
import type { ResolvedConfig } from '../core/config';
import type { FileSystem } from '../core/fileSystem';
import { fixAllSections, quickFixesFor } from '../core/rules';
import { CREATE_ALL_TITLE } from '../core/rules/missingFile';
import { FIX_ALL_SECTIONS_TITLE, FIX_ALL_TITLE } from '../core/rules/missingSection';
import type { TemplateLibraries } from '../core/scaffold';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { isInside, path } from '../../common/path';
import { pathToUri, uriToPath } from '../uris';
import { Commands } from '../../common/protocol';

/** Fix-all kind for our diagnostics ("editor.codeActionsOnSave": { "source.fixAll.designNotes": "explicit" }). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.designNotes`;
/** How long after a create-file fix was offered its file's creation is taken as the fix being applied. */
const OFFER_TTL_MS = 10 * 60_000;

export interface CodeActionSupport {
  /** Whether the client applies CreateFile operations (needed to create a missing file through the editor). */
  createFiles: boolean;
  /**
   * Whether the workspace is trusted. In VS Code's Restricted Mode the workspace's own `templates` folder is
   * ignored (it could point outside the workspace and copy other files into it); only built-in templates are used.
   */
  trusted(): boolean;
  /**
   * Whether the server opens files its quick fixes created (window/showDocument, when the watcher reports them).
   * Preferred to a command on the code action: VS Code runs such a command after applying the edit, by which time
   * the edit's own diagnostics update may have dropped the code-action list holding the command's arguments
   * ("Actual command not found"), and the file stays closed.
   */
  showsCreatedFiles: boolean;
}

export class CodeActionProvider {
  /** Files that create-file fixes offered to create, with when they were last offered. */
  private readonly offered = new Map<string, number>();

  constructor(
    private readonly service: CheckService,
    private readonly support: CodeActionSupport,
    private readonly fs: FileSystem,
    private readonly templates: TemplateLibraries,
  ) {}

  async provide(document: TextDocument, params: CodeActionParams): Promise<CodeAction[]> {
    const filePath = uriToPath(document.uri);
    if (!filePath) return [];
    const config = this.service.configFor(filePath);
    if (!config) return [];
    const cs = this.service.caseStudyFor(filePath);
    const kind = cs?.files.find((f) => f.path === filePath)?.kind;
    const only = params.context.only;
    const wants = (k: string) => !only || only.some((o) => k === o || k.startsWith(o + '.'));
    // The diagnostics the client sends back are its copies: fixes are built from the server's own findings.
    const ours = this.ownFindings(filePath, params.context.diagnostics);
    // Editors ask for code actions on every cursor move: with none of our findings under the cursor and no
    // fix-all requested there is nothing to offer, so skip the template and parse work.
    const fixAllRequested = !!only && wants(FIX_ALL_KIND);
    if (!ours.length && !fixAllRequested) return [];
    const folder = this.service.folderOf(filePath);
    const library = await this.templates.library(
      folder?.root ?? path.dirname(filePath),
      this.support.trusted() ? config.templates : undefined,
    );
    const existing = await this.existingPaths(ours);
    const ctx: FixContext = {
      doc: this.service.parsed(filePath, document.getText()),
      spec: kind ? config.requiredFiles.find((s) => s.id === kind) : undefined,
      specs: config.requiredFiles,
      lookup: { sets: fixTemplateSets(library.sets), vars: fixTemplateVars(cs?.name) },
      // Only the paths fixes may create are asked about (stat is asynchronous); any other counts as taken.
      exists: (p) => existing.get(p) ?? true,
    };
    const actions: CodeAction[] = [];

    if (wants(CodeActionKind.QuickFix)) {
      for (const diagnostic of ours) {
        for (const fix of quickFixesFor(String(diagnostic.code), diagnostic.data, diagnostic.range, ctx)) {
          const action = this.toAction(document, fix, [diagnostic]);
          if (action) actions.push(action);
        }
      }
      actions.push(...this.aggregateActions(document, ctx, config, ours));
    }
    if (fixAllRequested) {
      // Only on request (fix-all on save, "Fix All"): never offered in the lightbulb, which lists quick fixes.
      const edits = fixAllSections(ctx, config);
      if (edits.length)
        actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit: { changes: { [document.uri]: edits } } });
    }
    return actions;
  }

  /**
   * The client's diagnostics that are findings the server reported for this file (same rule, range and message),
   * each with the data of the server's finding. A diagnostic's `data` comes back from the client and is not trusted:
   * forged data could ask a create-file fix for any path. Diagnostics the server never reported (or of a text since
   * changed) get no fixes; the editor asks again with the new diagnostics.
   */
  private ownFindings(filePath: string, diagnostics: readonly Diagnostic[]): Diagnostic[] {
    const findings = this.service.findingsFor(filePath);
    const out: Diagnostic[] = [];
    for (const d of diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      const own = findings.find((f) => f.ruleId === d.code && f.message === d.message && sameRange(f.range, d.range));
      if (!own) continue;
      const { data: _clientData, ...rest } = d;
      out.push(own.data ? { ...rest, data: own.data } : rest);
    }
    return out;
  }

  /** Whether each file a finding suggests creating exists, through the server's FileSystem (open buffers included). */
  private async existingPaths(diagnostics: Diagnostic[]): Promise<Map<string, boolean>> {
    const out = new Map<string, boolean>();
    for (const d of diagnostics) {
      const suggested = (d.data as { suggestedPath?: unknown } | undefined)?.suggestedPath;
      if (typeof suggested === 'string' && !out.has(suggested))
        out.set(suggested, (await this.fs.stat(suggested)) !== undefined);
    }
    return out;
  }

  /** Fixes that cover several findings at once, offered when there is more than one of a kind. */
  private aggregateActions(
    document: TextDocument,
    ctx: FixContext,
    config: ResolvedConfig,
    diagnostics: Diagnostic[],
  ): CodeAction[] {
    const out: CodeAction[] = [];
    const sectionDiagnostics = diagnostics.filter((d) => d.code === 'missing-section' || d.code === 'empty-section');
    if (sectionDiagnostics.length > 1) {
      const edits = fixAllSections(ctx, config);
      if (edits.length)
        out.push({
          title: FIX_ALL_SECTIONS_TITLE,
          kind: CodeActionKind.QuickFix,
          diagnostics: sectionDiagnostics,
          edit: { changes: { [document.uri]: edits } },
        });
    }
    const missingFiles = diagnostics.filter((d) => d.code === 'missing-file');
    if (missingFiles.length > 1 && this.support.createFiles) {
      const fixes = missingFiles
        .flatMap((d) => quickFixesFor('missing-file', d.data, d.range, ctx))
        .filter((f) => f.createFile && this.mayCreate(document, f.createFile));
      if (fixes.length > 1) {
        out.push({
          title: CREATE_ALL_TITLE,
          kind: CodeActionKind.QuickFix,
          diagnostics: missingFiles,
          edit: { documentChanges: fixes.flatMap((f) => this.creation(f.createFile!)) },
        });
      }
    }
    return out;
  }

  /** Whether a newly created file is one a create-file fix offered recently (then it should be shown); forgets it. */
  takeOffered(filePath: string): boolean {
    const at = this.offered.get(filePath);
    this.offered.delete(filePath);
    return at !== undefined && Date.now() - at < OFFER_TTL_MS;
  }

  /**
   * A created file is one CreateFile (overwrite off and not ignored if present: if the file appeared meanwhile,
   * the editor refuses the whole edit rather than touch it) plus the template text inserted into the new file.
   */
  private creation(file: { path: string; text: string }): (CreateFile | TextDocumentEdit)[] {
    const uri = pathToUri(file.path);
    return [
      { kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } },
      {
        textDocument: { uri, version: null },
        edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: file.text }],
      },
    ];
  }

  /** Whether a fix may create this file: only inside the workspace folder of the document being fixed. */
  private mayCreate(document: TextDocument, file: { path: string }): boolean {
    const documentPath = uriToPath(document.uri);
    const root = documentPath && this.service.folderOf(documentPath)?.root;
    return !!root && path.isAbsolute(file.path) && file.path === path.normalize(file.path) && isInside(file.path, root);
  }

  private toAction(document: TextDocument, fix: QuickFix, diagnostics: Diagnostic[]): CodeAction | undefined {
    let edit: WorkspaceEdit;
    let command: CodeAction['command'];
    if (fix.createFile) {
      if (!this.support.createFiles || !this.mayCreate(document, fix.createFile)) return undefined;
      edit = { documentChanges: this.creation(fix.createFile) };
      if (this.support.showsCreatedFiles) this.offered.set(fix.createFile.path, Date.now());
      else command = { title: 'Open', command: Commands.openFile, arguments: [pathToUri(fix.createFile.path)] };
    } else {
      edit = { changes: { [document.uri]: fix.edits } };
    }
    return {
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics,
      isPreferred: fix.isPreferred,
      edit,
      ...(command ? { command } : {}),
    };
  }
}

const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line &&
  a.start.character === b.start.character &&
  a.end.line === b.end.line &&
  a.end.character === b.end.character;
