// Mermaid in VS Code's built-in Markdown preview.
//
// Recent VS Code builds ship their own renderer (the built-in extension `vscode.mermaid-markdown-features`, which
// contributes `markdown.markdownItPlugins` + `markdown.previewScripts`; VS Code 1.139 / code-server 4.139.1 draws
// ```mermaid blocks with it out of the box). Two renderers on one fence fight over the same element, so by default
// (`auto`) we stay out of the way whenever such a renderer is installed and enabled, and render only where none is.
//
// How we detect it: by asking the extension registry, not by comparing `vscode.version`. A version check would be
// wrong both ways — the built-in can be disabled by the user, forks (VSCodium, code-server) ship different builds,
// and the Marketplace extension `bierner.markdown-mermaid` (the built-in's upstream) does the same job on older
// versions. `vscode.extensions.getExtension` returns only installed, enabled extensions, so the answer follows
// the user's choices; we re-check on `extensions.onDidChange`.
//
// What the built-in lacks that we could add: nothing we found. It shows Mermaid's own error text in place of a
// broken diagram (its `mermaid-error` element), so with it present we add no second error message either.
// Checked against code-server 4.139.1's copy (extensions/mermaid-markdown-features 10.0.0) and by the
// extension-host test (test/extension/suite/preview.test.ts), which renders through `markdown.api.render`.
import * as vscode from 'vscode';
import { mermaidFencePlugin, shouldRenderMermaid, type MarkdownItLike, type MarkdownPreviewMode } from './mermaidFence';

/** Extensions known to render ```mermaid fences in the Markdown preview. */
export const KNOWN_MERMAID_RENDERERS = ['vscode.mermaid-markdown-features', 'bierner.markdown-mermaid'];

/** Id of an enabled extension that already renders Mermaid in the Markdown preview, if any. */
export function findOtherMermaidRenderer(): string | undefined {
  for (const id of KNOWN_MERMAID_RENDERERS) {
    const ext = vscode.extensions.getExtension(id);
    const contributes = (ext?.packageJSON as { contributes?: Record<string, unknown> } | undefined)?.contributes;
    // It must really hook the Markdown preview, not just exist under that name.
    if (contributes && (contributes['markdown.markdownItPlugins'] || contributes['markdown.previewScripts'])) return id;
  }
  return undefined;
}

function mode(): MarkdownPreviewMode {
  const value = vscode.workspace.getConfiguration('designNotes.markdownPreview').get<string>('mermaid', 'auto');
  return value === 'always' || value === 'never' ? value : 'auto';
}

let cachedRenderer: string | undefined | null = null;
function otherRenderer(): string | undefined {
  if (cachedRenderer === null) cachedRenderer = findOtherMermaidRenderer();
  return cachedRenderer;
}

/** What `activate` returns as `extendMarkdownIt` (VS Code calls it once per Markdown engine). */
export function extendMarkdownIt(md: MarkdownItLike): MarkdownItLike {
  return mermaidFencePlugin(md, () => shouldRenderMermaid(mode(), otherRenderer()));
}

export function registerMarkdownPreviewSupport(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.extensions.onDidChange(() => {
      cachedRenderer = null;
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // The Markdown preview caches rendered HTML; ask it to re-render with the new choice.
      if (e.affectsConfiguration('designNotes.markdownPreview.mermaid'))
        void vscode.commands.executeCommand('markdown.preview.refresh');
    }),
  );
}
