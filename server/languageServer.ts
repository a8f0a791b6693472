// The language server, whatever it runs on: server/server.ts starts it in Node (stdio, IPC, socket), and
// server/browserServer.ts in a web worker (vscode.dev, github.dev). What differs between the two comes in as a
// ServerPlatform; everything else — checks, quick fixes, completions, scaffolding requests — is this one module.
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  CodeActionKind,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
  WatchKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CheckService, DEFAULT_SETTINGS, type EditorSettings } from './checkService';
import { isCheckedPath } from './core/caseStudy';
import type { FileSystem } from './core/fileSystem';
import type { RuleServices } from './core/rule';
import { toDiagnostic } from './features/diagnostics';
import { CodeActionProvider, FIX_ALL_KIND } from './features/codeActions';
import { EstimateFeatures } from './features/estimates';
import { LanguageFeatures } from './features/languageFeatures';
import { ScaffoldRequests } from './features/scaffolding';
import { SetupRequests } from './features/setup';
import { documentDiagrams } from './features/documentDiagrams';
import { DEFAULT_CONFIG } from './core/config';
import { path } from '../common/path';
import { OverlayFileSystem } from './overlayFileSystem';
import { EditorFileSystem } from './editorFileSystem';
import { RoutedFileSystem } from './routedFileSystem';
import { isEditorPath, pathToUri, setWorkspaceFolderUris, uriToPath } from './uris';
import { VERSION } from './version';
import {
  CaseStudiesRequest,
  CaseStudyRootRequest,
  IndexRowsRequest,
  NoCaseStudiesNotification,
  PlanCaseStudyRequest,
  PlanMissingFilesRequest,
  ProposeConfigRequest,
  TemplatesRequest,
  WhenIdleRequest,
  DocumentDiagramsRequest,
  WorkspaceTrustedNotification,
  type InitializationOptions,
} from '../common/protocol';
import { onNotification0, onRequest, onRequest0, sendNotification } from './protocolConnection';
import type { DisposableMermaidValidator } from './core/mermaid/validatorPool';
import { TemplateLibraries } from './core/scaffold';

export interface ServerPlatform {
  connection: Connection;
  /**
   * The disk, for file: URIs. Absent in a web worker: every file is then read through the editor
   * (common/protocol/fileSystem.ts), as are a virtual workspace's files in Node.
   */
  disk?: FileSystem;
  /** Files that ship with Design Notes (the built-in templates), where the disk cannot provide them. */
  bundled?: { root: string; fs: FileSystem };
  /** The shipped templates/ folder, as a path the file system above reads (undefined: not found). */
  builtinTemplatesFolder: string | undefined;
  /** git's user.name for `{{author}}`; absent where there is no git (the browser): the author stays a prompt. */
  gitAuthor?: (cwd: string) => Promise<string>;
  /** Typing is debounced per document: a burst of keystrokes costs one check (0 = check on every change). */
  debounceMs: number;
  /**
   * Mermaid runs in a worker with a time budget per block, so a pathological diagram cannot freeze the server.
   * Throws when it cannot (a broken install): everything else still works.
   */
  createMermaidValidator(): DisposableMermaidValidator;
  /** docs/catalog.md shipped beside the server, which pattern cards link into; absent where it is not readable. */
  catalogDocUri?: string;
  /**
   * Gives the garbage of a burst of work back to the system; called after each whole-folder check (the start-up check,
   * a configuration change). Absent where the platform cannot (a web worker). server/releaseMemory.ts says why.
   */
  releaseMemory?: () => void;
}

export function startServer(platform: ServerPlatform) {
  const { connection } = platform;
  const DEBOUNCE_MS = platform.debounceMs;
  const documents = new TextDocuments(TextDocument);
  const editorFs = new EditorFileSystem(connection, pathToUri, (message) => connection.console.warn(message));
  const fs = new OverlayFileSystem(new RoutedFileSystem(platform.disk, editorFs, isEditorPath, platform.bundled));
  // Template sets for quick fixes and scaffolding, loaded once and dropped when a template changes or trust is granted.
  const templateLibraries = new TemplateLibraries(fs, platform.builtinTemplatesFolder);

  const services: RuleServices = {};
  let mermaidUnavailable: string | undefined;
  try {
    services.mermaid = platform.createMermaidValidator();
  } catch (e) {
    // Said once the connection is up (nothing can be sent before it listens).
    mermaidUnavailable = `Design Notes: Mermaid diagrams are not checked: ${(e as Error).message}`;
  }
  const service = new CheckService(
    fs,
    (filePath, findings) => {
      void connection.sendDiagnostics({ uri: pathToUri(filePath), diagnostics: findings.map(toDiagnostic) });
    },
    services,
    (message) => connection.console.error(message),
  );

  let codeActions: CodeActionProvider | undefined;
  let workspaceTrusted = true;
  // Pattern/section/Mermaid completions and pattern hovers; a user catalog's problems are published on the catalog file.
  const languageFeatures = new LanguageFeatures(
    service,
    fs,
    (catalogPath, diagnostics) => void connection.sendDiagnostics({ uri: pathToUri(catalogPath), diagnostics }),
    platform.catalogDocUri,
  );
  let settings: EditorSettings = DEFAULT_SETTINGS;
  // Computed values of estimates as inlay hints, and their steps on hover.
  const estimates = new EstimateFeatures(service, () => settings.estimates.inlayHints);
  let canRefreshInlayHints = false;
  let canRegisterWatchers = false;
  let canWatchFolders = false;
  let canPullConfiguration = false;
  let workspaceRoots: string[] = [];

  let folderUris: string[] = [];

  function rootsOf(params: InitializeParams): string[] {
    const folders: WorkspaceFolder[] = params.workspaceFolders ?? [];
    folderUris = folders.length ? folders.map((f) => f.uri) : params.rootUri ? [params.rootUri] : [];
    if (folderUris.length) return setWorkspaceFolderUris(folderUris, { noDisk: !platform.disk });
    return params.rootPath ? [params.rootPath] : [];
  }

  connection.onInitialize((params): InitializeResult => {
    canRegisterWatchers = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    canPullConfiguration = !!params.capabilities.workspace?.configuration;
    canWatchFolders = !!params.capabilities.workspace?.workspaceFolders;
    canRefreshInlayHints = !!params.capabilities.workspace?.inlayHint?.refreshSupport;
    workspaceRoots = rootsOf(params);
    const edits = params.capabilities.workspace?.workspaceEdit;
    // Editors without a notion of workspace trust say nothing and are trusted, like the CLI.
    workspaceTrusted = (params.initializationOptions as InitializationOptions | undefined)?.trusted !== false;
    languageFeatures.isTrusted = () => workspaceTrusted;
    codeActions = new CodeActionProvider(
      service,
      {
        createFiles: !!edits?.documentChanges && !!edits.resourceOperations?.includes('create'),
        showsCreatedFiles: !!params.capabilities.window?.showDocument?.support,
        trusted: () => workspaceTrusted,
      },
      fs,
      templateLibraries,
    );
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        // "#" starts a heading (missing sections). No space trigger: a list opening by itself in a diagram took the Enter after a node id.
        completionProvider: { triggerCharacters: ['#'] },
        hoverProvider: true,
        inlayHintProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'design-notes', version: VERSION },
    };
  });

  async function pullSettings(): Promise<EditorSettings> {
    if (!canPullConfiguration) return DEFAULT_SETTINGS;
    try {
      const raw = (await connection.workspace.getConfiguration({
        section: 'designNotes',
      })) as Partial<EditorSettings> | null;
      return {
        enable: raw?.enable ?? true,
        rules: raw?.rules && typeof raw.rules === 'object' ? raw.rules : {},
        estimates: { inlayHints: raw?.estimates?.inlayHints !== false },
      };
    } catch {
      return DEFAULT_SETTINGS;
    }
  }

  connection.onInitialized(async () => {
    if (mermaidUnavailable) connection.console.error(mermaidUnavailable);
    if (canRegisterWatchers) {
      // Watch from the server so every LSP client gets the same behaviour; folders are watched for deletes and renames.
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: '**/*.{md,markdown,mdx,mmd,mermaid}' },
          { globPattern: '**/.designnotes.json' },
          // Template manifests: a changed template set is reloaded (its .md files are watched above).
          { globPattern: '**/template.json' },
          // Everything else only for creation and deletion: a new or removed folder can add or remove a case study.
          { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
        ],
      });
    }
    if (canPullConfiguration)
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'designNotes' });
    // Only clients that announced workspace-folder support may be asked for change events (others throw).
    if (canWatchFolders)
      connection.workspace.onDidChangeWorkspaceFolders(async (event) => {
        const removed = event.removed.map((f) => f.uri);
        // The path mapping follows the folders now open (adding or removing a virtual folder changes it).
        folderUris = [...folderUris.filter((u) => !removed.includes(u)), ...event.added.map((f) => f.uri)];
        workspaceRoots = setWorkspaceFolderUris(folderUris);
        await service.setFolders(workspaceRoots);
      });
    settings = await pullSettings();
    await service.setSettings(settings);
    await service.setFolders(workspaceRoots);
  });

  connection.onDidChangeConfiguration(async () => {
    settings = await pullSettings();
    // Hints are pulled by the editor: ask it to pull again so turning them off (or on) shows at once.
    if (canRefreshInlayHints) void connection.languages.inlayHint.refresh().catch(() => undefined);
    await service.setSettings(settings);
  });

  /** Debounced checks: per path, the timer and the document it will check. */
  const pending = new Map<string, { timer: ReturnType<typeof setTimeout>; uri: string }>();

  /** Check a document now with its current text (cancelling its debounce timer, if any). */
  function checkNow(filePath: string, uri: string): void {
    const entry = pending.get(filePath);
    if (entry) clearTimeout(entry.timer);
    pending.delete(filePath);
    const current = documents.get(uri);
    if (!current) return;
    fs.setOpen(filePath, current.getText());
    void service.documentChanged(filePath);
  }

  function schedule(document: TextDocument, immediate: boolean): void {
    const filePath = uriToPath(document.uri) ?? document.uri;
    const previous = pending.get(filePath);
    if (previous) clearTimeout(previous.timer);
    if (immediate || DEBOUNCE_MS === 0) checkNow(filePath, document.uri);
    else
      pending.set(filePath, {
        timer: setTimeout(() => checkNow(filePath, document.uri), DEBOUNCE_MS),
        uri: document.uri,
      });
  }

  function isOurs(document: TextDocument): boolean {
    const filePath = uriToPath(document.uri);
    return (
      document.languageId === 'markdown' ||
      document.languageId === 'mermaid' ||
      (!!filePath && (isCheckedPath(filePath) || filePath.endsWith('.designnotes.json')))
    );
  }

  documents.onDidOpen((e) => {
    if (isOurs(e.document)) schedule(e.document, true);
  });
  documents.onDidChangeContent((e) => {
    if (isOurs(e.document)) schedule(e.document, false);
  });
  documents.onDidClose((e) => {
    const filePath = uriToPath(e.document.uri) ?? e.document.uri;
    const entry = pending.get(filePath);
    if (entry) clearTimeout(entry.timer);
    pending.delete(filePath);
    fs.close(filePath);
    void service.documentClosed(filePath);
  });

  connection.onDidChangeWatchedFiles((params) => {
    const changes = params.changes
      .map((c) => ({
        path: uriToPath(c.uri),
        type:
          c.type === FileChangeType.Created
            ? ('created' as const)
            : c.type === FileChangeType.Deleted
              ? ('deleted' as const)
              : ('changed' as const),
      }))
      .filter((c): c is { path: string; type: 'created' | 'changed' | 'deleted' } => !!c.path);
    if (changes.length) void service.filesChanged(changes);
    templateLibraries.invalidate(changes.map((c) => c.path));
    // A file a quick fix just created: show it, as the fix promised ("Create … from its template" and open it).
    for (const change of changes) {
      if (change.type === 'created' && codeActions?.takeOffered(change.path)) {
        void connection.window.showDocument({ uri: pathToUri(change.path), takeFocus: true }).catch(() => undefined);
      }
    }
  });

  // VS Code tells the server when the user grants trust to a workspace opened in Restricted Mode.
  onNotification0(connection, WorkspaceTrustedNotification, () => {
    workspaceTrusted = true;
    templateLibraries.invalidate();
  });

  connection.onCodeAction(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document || !codeActions) return [];
    // Fixes are computed against the text the check saw: let a pending check of this document finish first.
    await service.whenIdle();
    return codeActions.provide(document, params);
  });

  connection.onCompletion(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document || !isOurs(document)) return [];
    return languageFeatures.completion(document, params.position, params.context);
  });

  connection.onHover(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document || !isOurs(document)) return null;
    if (document.languageId === 'markdown') {
      const estimate = estimates.hover(document, params.position);
      if (estimate) return estimate;
    }
    return languageFeatures.hover(document, params.position);
  });

  connection.languages.inlayHint.on((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document || document.languageId !== 'markdown') return [];
    return estimates.inlayHints(document, params.range);
  });

  // The case-study explorer's data: the client draws the tree, the server (which already parsed everything) supplies it.
  onRequest0(connection, CaseStudiesRequest, async () => (await service.overview()) ?? []);
  // New Case Study, Add Missing Files and the index: the server loads templates and plans; the client asks and writes.
  const scaffolding = new ScaffoldRequests(
    service,
    fs,
    { workspaceFolders: () => workspaceRoots, trusted: () => workspaceTrusted },
    { templates: templateLibraries, gitAuthor: platform.gitAuthor ?? (async () => '') },
  );
  // A client that does not let the server watch files never says a template changed: there each request reads afresh.
  const freshTemplatesUnlessWatched = () => {
    if (!canRegisterWatchers) templateLibraries.invalidate();
  };
  onRequest(connection, TemplatesRequest, (params) => (freshTemplatesUnlessWatched(), scaffolding.templates(params)));
  onRequest(connection, CaseStudyRootRequest, (params) => scaffolding.caseStudyRoot(params));
  onRequest(
    connection,
    PlanCaseStudyRequest,
    (params) => (freshTemplatesUnlessWatched(), scaffolding.planCaseStudy(params)),
  );
  onRequest(
    connection,
    PlanMissingFilesRequest,
    (params) => (freshTemplatesUnlessWatched(), scaffolding.planMissingFiles(params)),
  );
  onRequest(connection, IndexRowsRequest, (params) => scaffolding.indexRows(params));
  // Set Up Case Studies: offered when a folder has Markdown but no case study; the proposal is `design-notes init`'s.
  const setup = new SetupRequests(
    fs,
    (params) => void sendNotification(connection, NoCaseStudiesNotification, params),
    (folder) => service.folderOf(folder)?.root === folder,
  );
  service.onFolderChecked = async (root, caseStudies, hasConfig) => {
    await setup.folderChecked(root, caseStudies, hasConfig).catch(() => undefined);
    platform.releaseMemory?.();
  };
  onRequest(connection, ProposeConfigRequest, (params) => setup.propose(params));

  // The diagram preview: a document's Mermaid diagrams, where they sit and their problems (as in Problems).
  onRequest(connection, DocumentDiagramsRequest, (params) =>
    documentDiagrams(params, {
      document: (uri) => documents.get(uri),
      fs,
      validator: () => services.mermaid,
      maxFileSize: (filePath) =>
        (filePath && service.folderOf(filePath)?.config.maxFileSize) || DEFAULT_CONFIG.maxFileSize,
      readable: async (filePath) => {
        const root = service.folderOf(filePath)?.root;
        if (!root) return false;
        const [real, realRoot] = await Promise.all([fs.realpath(filePath), fs.realpath(root)]);
        const rel = real && realRoot ? path.relative(realRoot, real) : '..';
        return !!rel && !rel.startsWith('..') && !path.isAbsolute(rel);
      },
    }),
  );

  // A request for tests and tools: resolves once every queued check has finished.
  onRequest0(connection, WhenIdleRequest, async () => {
    // Checks still waiting out the typing delay run now, so "idle" means every edit received so far is checked.
    for (const [filePath, { uri }] of [...pending]) checkNow(filePath, uri);
    await service.whenIdle();
    return true;
  });

  connection.onShutdown(() => {
    (services.mermaid as { dispose?: () => void } | undefined)?.dispose?.();
  });

  documents.listen(connection);
  connection.listen();

  return { connection, documents, service, services };
}
