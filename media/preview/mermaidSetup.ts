// Mermaid settings and SVG hardening shared by the diagram preview and the Markdown-preview script.
import type { MermaidConfig } from 'mermaid';
import type { ThemeKind } from '../../src/preview/protocol';

/**
 * Config keys a diagram's own %%{init}%% directive or front-matter `config:` may not change. Mermaid drops these
 * from directives (recursively, so `flowchart.htmlLabels` too) — the first six are mermaid's defaults, which we
 * must repeat because `secure` replaces the list. Ours: HTML labels put sanitised HTML into foreignObject,
 * `themeCSS` is arbitrary CSS, and `dompurifyConfig` would loosen the sanitiser. `theme` and `themeVariables`
 * stay allowed, so a diagram's own theme is honoured.
 */
export const SECURE_KEYS = [
  'secure',
  'securityLevel',
  'startOnLoad',
  'maxTextSize',
  'suppressErrorRendering',
  'maxEdges',
  'htmlLabels',
  'themeCSS',
  'dompurifyConfig',
];

/** The colour scheme VS Code reports through classes on the webview's body. */
export function themeKindOf(body: HTMLElement): ThemeKind {
  const c = body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  if (c.contains('vscode-dark')) return 'dark';
  return 'light';
}

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

export function mermaidConfig(kind: ThemeKind): MermaidConfig {
  const base: MermaidConfig = {
    startOnLoad: false,
    securityLevel: 'strict',
    suppressErrorRendering: true,
    // SVG text labels: no HTML inside the SVG, and PNG export works (a foreignObject taints the canvas).
    htmlLabels: false,
    flowchart: { htmlLabels: false },
    secure: SECURE_KEYS,
    fontFamily: cssVar('--vscode-font-family', 'sans-serif'),
  };
  switch (kind) {
    case 'dark':
      return { ...base, theme: 'dark' };
    case 'light':
      return { ...base, theme: 'default' };
    case 'high-contrast':
    case 'high-contrast-light': {
      // High contrast: plain background, strong borders in the theme's contrast colour.
      const dark = kind === 'high-contrast';
      const fg = dark ? '#ffffff' : '#000000';
      const bg = dark ? '#000000' : '#ffffff';
      const border = cssVar('--vscode-contrastBorder', dark ? '#6fc3df' : '#0f4a85');
      return {
        ...base,
        theme: 'base',
        themeVariables: {
          darkMode: dark,
          background: bg,
          primaryColor: bg,
          primaryTextColor: fg,
          primaryBorderColor: border,
          secondaryColor: bg,
          tertiaryColor: bg,
          lineColor: fg,
          textColor: fg,
          mainBkg: bg,
          nodeBorder: border,
          clusterBkg: bg,
          clusterBorder: border,
          edgeLabelBackground: bg,
        },
      };
    }
  }
}

/**
 * Mermaid's output, parsed as SVG and stripped of anything active. Mermaid (strict) already sanitises with
 * DOMPurify and the CSP blocks inline handlers; this third layer also keeps the SVG out of innerHTML.
 */
export function toSvgElement(svgText: string): SVGSVGElement | undefined {
  const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.nodeName !== 'svg') return undefined;
  for (const el of Array.from(root.querySelectorAll('script, iframe, object, embed'))) el.remove();
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    for (const a of Array.from(el.attributes)) {
      const value = a.value.trim().toLowerCase();
      if (a.name.toLowerCase().startsWith('on')) el.removeAttribute(a.name);
      else if ((a.localName === 'href' || a.localName === 'src') && !value.startsWith('#')) el.removeAttribute(a.name);
    }
  }
  return document.importNode(root, true) as unknown as SVGSVGElement;
}
