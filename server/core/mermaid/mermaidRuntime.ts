// Runs mermaid's parser in this process. Only usable inside the worker bundle (dist/mermaidWorker.mjs), whose build
// stubs DOMPurify and adds the hooks declared below (see scripts/mermaidWorkerBuild.mjs).
import mermaid from 'mermaid';
import * as bundled from 'mermaid';
import { compiledConfigCopy } from './fastConfigCopy';

interface PreprocessedCode {
  raw: string;
  cleaned: string;
  withComments?: string;
  frontmatterLineOffset?: number;
}
interface Preprocessed {
  code: PreprocessedCode;
  title?: string;
  config: Record<string, unknown>;
}
interface DiagramDefinitionLike {
  db?: { preserveCommentsWhenParsing?: boolean };
}
/** mermaid internals re-exported by the build patch. */
interface MermaidInternals {
  __preprocessDiagram(text: string): Preprocessed;
  __encodeEntities(text: string): string;
  __getDiagram(type: string): DiagramDefinitionLike;
  __Diagram: { fromText(code: PreprocessedCode): Promise<{ type: string }> };
  __assignWithDepth(dst: object, src: object): object;
  __getDiagramLoader(type: string): (() => Promise<{ id: string; diagram: unknown }>) | undefined;
  __registerDiagram(id: string, diagram: unknown): void;
}

const internals = bundled as unknown as MermaidInternals;
const CONFIG_COPY_HOOK = '__designNotesMermaidConfigCopy';
const hooks = globalThis as unknown as Record<string, unknown>;

if (typeof internals.__preprocessDiagram !== 'function' || typeof internals.__Diagram?.fromText !== 'function') {
  throw new Error('mermaidRuntime must run from the patched worker bundle (npm run build → dist/mermaidWorker.mjs)');
}

let initialized = false;
function ensureInitialized(): void {
  if (initialized) return;
  // Registers the diagram detectors (mermaid.parse does the same on every call) without touching any DOM.
  mermaid.initialize({ startOnLoad: false });
  initialized = true;
}

export type ParseOutcome =
  | { ok: true; diagramType: string }
  | {
      ok: false;
      error: unknown;
      /** The exact text the diagram parser saw (positions in `error` refer to it), when a diagram type was found. */
      parsedText?: string;
      /** Lines of YAML front matter mermaid removed before parsing. */
      frontmatterLineOffset: number;
    };

/**
 * Parses like `mermaid.parse(text)` and returns the same verdict, but cheaper:
 * - no configuration reset/merge per call when the block carries no configuration of its own (front matter
 *   `config:`/`displayMode:` or `%%{init}%%` directives); blocks that do take mermaid's own full path;
 * - mermaid's whole-configuration copy on each getConfig() is replaced by an exact faster copy while parsing.
 */
export async function parseDiagram(text: string): Promise<ParseOutcome> {
  ensureInitialized();
  let processed: Preprocessed;
  try {
    processed = internals.__preprocessDiagram(text);
  } catch (error) {
    // Front-matter YAML errors: mermaid.parse fails the same way, before any diagram is looked at.
    return { ok: false, error, frontmatterLineOffset: 0 };
  }
  const frontmatterLineOffset = processed.code.frontmatterLineOffset ?? 0;
  hooks[CONFIG_COPY_HOOK] = compiledConfigCopy;
  try {
    if (Object.keys(processed.config).length > 0) {
      try {
        const result = await mermaid.mermaidAPI.parse(text);
        return { ok: true, diagramType: result ? result.diagramType : 'unknown' };
      } finally {
        // mermaid.parse leaves the block's directives in its global configuration; the fast path expects none.
        mermaid.mermaidAPI.reset();
      }
    }
    const diagram = await internals.__Diagram.fromText(processed.code);
    return { ok: true, diagramType: diagram.type };
  } catch (error) {
    return { ok: false, error, parsedText: parsedTextOf(processed), frontmatterLineOffset };
  } finally {
    delete hooks[CONFIG_COPY_HOOK];
  }
}

/**
 * The diagram type's code, when the block's type is known but not loaded yet (the worker bundle is split: each
 * type's grammar is a chunk imported on first use). Loads it as Diagram.fromText would, and returns a promise for
 * that; undefined when nothing needs loading (loaded already, or no known type: the parse reports that).
 * The worker calls it first so that loading a grammar is not counted in the block's parse-time budget.
 */
export function loadDiagramType(text: string): Promise<void> | undefined {
  ensureInitialized();
  let type: string;
  // Runs before every block, so it must cost next to nothing: mermaid's own getConfig() deep-copies the whole
  // configuration (most of a small block's parse time; with it, this check made the cold CLI measurably slower),
  // so the exact faster copy stands in, as while parsing.
  hooks[CONFIG_COPY_HOOK] = compiledConfigCopy;
  try {
    // detectType strips front matter, directives and comments itself. With the global configuration rather than
    // the block's, a rare block may load a sibling type (flowchart vs flowchart-v2): only the budget notices.
    type = mermaid.detectType(text, mermaid.mermaidAPI.getConfig());
    internals.__getDiagram(type);
    return undefined;
  } catch {
    // Not detected (the parse reports it) or not loaded yet (below).
  } finally {
    delete hooks[CONFIG_COPY_HOOK];
  }
  const loader = type! === undefined ? undefined : internals.__getDiagramLoader(type);
  if (!loader) return undefined;
  return loader().then(
    ({ id, diagram }) => internals.__registerDiagram(id, diagram),
    () => undefined, // the parse meets the same failure and reports it
  );
}

/** Recomputes what Diagram.fromText handed to the diagram's parser (only needed on failure, to place errors). */
function parsedTextOf(processed: Preprocessed): string | undefined {
  let type: string;
  try {
    type = mermaid.detectType(processed.code.cleaned, mermaid.mermaidAPI.getConfig());
  } catch {
    return undefined;
  }
  let keepsComments = false;
  try {
    keepsComments = internals.__getDiagram(type).db?.preserveCommentsWhenParsing === true;
  } catch {
    // Not loaded (the failure happened before): comments were stripped.
  }
  const source = keepsComments && processed.code.withComments ? processed.code.withComments : processed.code.cleaned;
  return internals.__encodeEntities(source) + '\n';
}

/** mermaid's own public `mermaid.parse`, untouched: the reference the fast path must agree with. */
export async function referenceParse(
  text: string,
): Promise<{ ok: true; diagramType: string } | { ok: false; error: unknown }> {
  ensureInitialized();
  try {
    const result = await mermaid.parse(text);
    return { ok: true, diagramType: result ? result.diagramType : 'unknown' };
  } catch (error) {
    return { ok: false, error };
  }
}

/** mermaid's own config copy (what getConfig() does), for checking fastConfigCopy against it. */
export function mermaidConfigCopy(config: object): object {
  return internals.__assignWithDepth({}, config);
}

/** Diagram type ids mermaid registers (for "did you mean" suggestions). */
export function registeredDiagramTypes(): string[] {
  ensureInitialized();
  return mermaid.getRegisteredDiagramsMetadata().map((d) => d.id);
}
