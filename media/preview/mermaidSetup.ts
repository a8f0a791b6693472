// Mermaid settings and SVG hardening shared by the diagram preview and the Markdown-preview script.
import type { MermaidConfig } from 'mermaid';
import type { ThemeKind } from '../../common/preview/messages';

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

// ---------- CSS that loads nothing ----------
// Diagram text reaches CSS in several ways: %%{init}%% and front-matter `config:` values such as fontFamily land in
// the SVG's <style>, and `style`/`classDef`/`linkStyle` statements land in style attributes. `url(https://…)` or
// `@import` there made requests: VS Code's Markdown preview allows https: images (5 requests from one note), and an
// exported SVG opened in a browser has no CSP at all. Two layers: the diagram text is neutralised before Mermaid
// renders it (render time: the SVG is in the live page while Mermaid measures it), and the SVG Mermaid returns is
// neutralised again before it is shown or exported.

/** CSS functions and rules that fetch something. `url(#id)` (a reference inside the SVG) is allowed. */
const FETCHING = /@import|(?:-webkit-)?image-set\s*\(|\burl\s*\(|\bsrc\s*\(/i;

/** CSS escapes (`\75 rl(`) and JSON/YAML escapes (`\u0075rl(`, `\x75rl(`) decoded, to see what a value spells. */
function decodeEscapes(text: string): string {
  return text
    .replace(
      /\\u\{?([0-9a-fA-F]{4,6})\}?|\\U([0-9a-fA-F]{8})|\\x([0-9a-fA-F]{2})/g,
      (_m, u: string, U: string, x: string) => safeChar(parseInt(u ?? U ?? x, 16)),
    )
    .replace(/\\([0-9a-fA-F]{1,6})\s?/g, (_m, hex: string) => safeChar(parseInt(hex, 16)))
    .replace(/\\([^\n0-9a-fA-F])/g, '$1');
}

function safeChar(code: number): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
}

/**
 * CSS that requests nothing: escapes decoded (so nothing hides behind them), `@import` rules dropped, and every
 * `url()` but a fragment reference, `image-set()` and `src()` replaced by `none`/an invalid function.
 */
export function inertCss(css: string): string {
  // The joiners inertDiagramSource put in are taken out, so what they broke is removed here for good.
  const decoded = decodeEscapes(css.replace(/\u2060/g, ''));
  if (!FETCHING.test(decoded)) return css;
  return decoded
    .replace(/@import[^;]*;?/gi, '')
    .replace(/\burl\s*\(\s*(['"]?)([^)]*?)\1\s*\)/gi, (whole, _q: string, target: string) =>
      target.trim().startsWith('#') ? whole : 'none',
    )
    .replace(/((?:-webkit-)?image-set|\bsrc|\burl)\s*\(/gi, 'blocked-$1(');
}

/** Zero-width joiner between a CSS keyword and what makes it one: invisible in labels, inert in CSS. */
const ZW = '\u2060';

/**
 * Diagram text with every CSS-loading construct broken before Mermaid sees it (`url(`, `@import`, `image-set(`,
 * `src(`); labels look the same. When escapes spell one of them (`\u0075rl(` in a directive, `u\72 l(` in a style),
 * the escapes are dropped too.
 */
export function inertDiagramSource(source: string): string {
  const breakAll = (text: string) =>
    text.replace(/@(import)/gi, `@${ZW}$1`).replace(/(image-set|\bsrc|\burl)(\s*\()/gi, `$1${ZW}$2`);
  let out = breakAll(source);
  if (FETCHING.test(decodeEscapes(out).replace(new RegExp(ZW, 'g'), '\u0000'))) {
    // Something still spells a fetch through escapes: drop the backslash of every escape that could.
    out = breakAll(out.replace(/\\(?=[0-9a-fA-F]|u[0-9a-fA-F{]|U[0-9a-fA-F]|x[0-9a-fA-F])/g, ''));
  }
  return out;
}

/** Whether an attribute value (other than `style`) would fetch: `fill="url(https://…)"`; `url(#gradient)` is fine. */
function fetchesInAttribute(value: string): boolean {
  const decoded = decodeEscapes(value);
  if (!FETCHING.test(decoded)) return false;
  return !/^\s*url\s*\(\s*(['"]?)#[^)]*\1\s*\)\s*$/i.test(decoded);
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
  // Style sheets and style attributes keep their rules, minus anything that would load (see inertCss); this SVG is
  // also what SVG and PNG exports are made from.
  for (const el of Array.from(root.querySelectorAll('style'))) el.textContent = inertCss(el.textContent ?? '');
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    for (const a of Array.from(el.attributes)) {
      const value = a.value.trim().toLowerCase();
      if (a.name.toLowerCase().startsWith('on')) el.removeAttribute(a.name);
      else if ((a.localName === 'href' || a.localName === 'src') && !value.startsWith('#')) el.removeAttribute(a.name);
      else if (a.localName === 'style') el.setAttribute(a.name, inertCss(a.value));
      else if (fetchesInAttribute(a.value)) el.removeAttribute(a.name);
    }
  }
  return document.importNode(root, true) as unknown as SVGSVGElement;
}
