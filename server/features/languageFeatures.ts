import { path } from '../../common/path';
import type { CompletionContext, CompletionList, Diagnostic, Hover, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CheckService } from '../checkService';
import { isCheckedPath } from '../core/caseStudy';
import { BUILT_IN_CATALOG, loadCatalog, type CatalogProblem, type Pattern } from '../core/catalog/catalog';
import { PatternIndex } from '../core/catalog/patternIndex';
import type { FileSystem } from '../core/fileSystem';
import {
  provideCompletionList,
  provideHover,
  requiredFileSpecFor,
  scanDocument,
  type LanguageDocument,
  type PatternCardOptions,
} from '../core/language';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { uriToPath } from '../uris';

/** Publishes the problems of a user pattern catalog (or clears them with an empty list). */
export type PublishCatalogProblems = (catalogPath: string, diagnostics: Diagnostic[]) => void;

interface CatalogEntry {
  text: string;
  index: PatternIndex;
}

/**
 * Completions and hovers for Markdown and Mermaid documents, backed by the pure providers in server/core/language.
 * The built-in pattern index is built once; a workspace's user catalog ("catalog" in .designnotes.json) is re-read
 * per request but re-indexed only when its text changes. Documents are scanned (not fully parsed) once per version.
 */
export class LanguageFeatures {
  private builtIn: PatternIndex | undefined;
  private readonly userCatalogs = new Map<string, CatalogEntry>();
  private lastScan: { uri: string; version: number; doc: LanguageDocument } | undefined;
  private readonly cardOptions: PatternCardOptions;
  /**
   * Workspace trust (set by the server from the client). In Restricted Mode the workspace's own catalog file is
   * not read: its path comes from workspace-controlled config and could point anywhere on disk.
   */
  isTrusted: () => boolean = () => true;

  constructor(
    private readonly service: Pick<CheckService, 'configFor' | 'caseStudyFor' | 'folderOf'>,
    private readonly fs: FileSystem,
    private readonly publish: PublishCatalogProblems,
    /** docs/catalog.md shipped with the server (its URI); related patterns in cards link into it when given. */
    docUri?: string,
  ) {
    this.cardOptions = docUri ? { linkForPattern: (p: Pattern) => `${docUri}#${p.id}` } : {};
    // Build the index and compile its regexes soon after start-up rather than on the first keystroke (~100 ms).
    // setTimeout, not setImmediate: the same code runs in a web worker. unref only where it exists (Node).
    const warmUp = setTimeout(() => {
      const index = this.builtInIndex();
      index.complete('ca');
      index.findMentions('warm up the cache-aside pattern');
    }, 0) as unknown as { unref?: () => void };
    warmUp.unref?.();
  }

  private builtInIndex(): PatternIndex {
    this.builtIn ??= new PatternIndex(loadCatalog(BUILT_IN_CATALOG).catalog);
    return this.builtIn;
  }

  /** The index for a file: the built-in catalog, extended by its workspace folder's user catalog if one is set. */
  private async indexFor(filePath: string | undefined): Promise<PatternIndex> {
    const folder = filePath ? this.service.folderOf(filePath) : undefined;
    const setting = filePath ? this.service.configFor(filePath)?.catalog : undefined;
    if (!folder || !setting || !this.isTrusted()) return this.builtInIndex();
    const catalogPath = path.resolve(folder.root, setting);
    const bytes = await this.fs.readFile(catalogPath);
    if (!bytes) return this.builtInIndex();
    const text = new TextDecoder().decode(bytes);
    const cached = this.userCatalogs.get(catalogPath);
    if (cached && cached.text === text) return cached.index;
    const { catalog, problems } = loadCatalog(BUILT_IN_CATALOG, text);
    const index = new PatternIndex(catalog);
    this.userCatalogs.set(catalogPath, { text, index });
    this.publish(catalogPath, problems.map(toDiagnostic));
    return index;
  }

  private documentModel(document: TextDocument): LanguageDocument {
    const last = this.lastScan;
    if (last && last.uri === document.uri && last.version === document.version) return last.doc;
    // A line scan, not a markdown-it parse: requests arrive right after each keystroke, before any cached parse.
    const doc = scanDocument(document.getText());
    this.lastScan = { uri: document.uri, version: document.version, doc };
    return doc;
  }

  private async context(document: TextDocument) {
    const filePath = uriToPath(document.uri);
    const isMermaidFile = document.languageId === 'mermaid' || (!!filePath && /\.(mmd|mermaid)$/i.test(filePath));
    const config = filePath ? this.service.configFor(filePath) : undefined;
    let spec;
    if (filePath && config && !isMermaidFile) {
      // The kind case-study discovery assigned wins; a file not discovered yet is judged by its name.
      const kind = this.service.caseStudyFor(filePath)?.files.find((f) => f.path === filePath)?.kind;
      spec = kind
        ? config.requiredFiles.find((s) => s.id === kind)
        : requiredFileSpecFor(filePath, config.requiredFiles);
    }
    return { index: await this.indexFor(filePath), spec, isMermaidFile, card: this.cardOptions };
  }

  /** Markdown and Mermaid documents only (the server also watches .designnotes.json, which is JSON). */
  applies(document: TextDocument): boolean {
    if (document.languageId === 'markdown' || document.languageId === 'mermaid') return true;
    const filePath = uriToPath(document.uri);
    return !!filePath && isCheckedPath(filePath);
  }

  async completion(document: TextDocument, position: Position, context?: CompletionContext): Promise<CompletionList> {
    if (!this.applies(document)) return { isIncomplete: false, items: [] };
    const ctx = await this.context(document);
    const trigger = context ? { kind: context.triggerKind, character: context.triggerCharacter } : undefined;
    return provideCompletionList(this.documentModel(document), position, ctx, trigger);
  }

  async hover(document: TextDocument, position: Position): Promise<Hover | null> {
    if (!this.applies(document)) return null;
    const ctx = await this.context(document);
    return provideHover(this.documentModel(document), position, ctx) ?? null;
  }
}

function toDiagnostic(p: CatalogProblem): Diagnostic {
  return {
    range: p.range,
    severity: p.severity === 'error' ? 1 : 2,
    source: DIAGNOSTIC_SOURCE,
    message: p.message,
    code: 'pattern-catalog',
  };
}
