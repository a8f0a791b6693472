// The editor-free half of Mermaid-in-the-Markdown-preview: the markdown-it fence rule and the on/off decision.
// Kept apart from markdownPreview.ts (which needs `vscode`) so unit tests can run it on a real markdown-it.
import { escapeText } from './escape';

// The slice of markdown-it's API the plugin touches, typed here so the plugin does not depend on markdown-it's
// type package (VS Code hands us its own markdown-it instance at run time).
interface FenceToken {
  info: string;
  content: string;
  map: [number, number] | null;
}
interface RendererSelf {
  renderToken(tokens: FenceToken[], idx: number, options: unknown): string;
}
type FenceRule = (tokens: FenceToken[], idx: number, options: unknown, env: unknown, self: RendererSelf) => string;
export interface MarkdownItLike {
  renderer: { rules: { fence?: FenceRule } };
}

export type MarkdownPreviewMode = 'auto' | 'always' | 'never';

/** Whether we render: `always`/`never` are explicit; `auto` renders only when no other renderer is present. */
export function shouldRenderMermaid(mode: MarkdownPreviewMode, otherRenderer: string | undefined): boolean {
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  return otherRenderer === undefined;
}

/**
 * The markdown-it plugin: turns ```mermaid fences into a placeholder that dist/markdownPreview.js renders in the
 * preview. The source goes in as escaped text content (never markup); the script reads it back with textContent.
 */
export function mermaidFencePlugin(md: MarkdownItLike, enabled: () => boolean): MarkdownItLike {
  const previous = md.renderer.rules.fence;
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const lang = token.info.trim().split(/\s+/)[0]?.toLowerCase();
    if (lang === 'mermaid' && enabled()) {
      const line = token.map ? ` data-line="${token.map[0]}"` : '';
      return `<div class="dn-mermaid code-line"${line}><pre class="dn-mermaid-source">${escapeText(token.content)}</pre></div>\n`;
    }
    return previous ? previous(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  };
  return md;
}
