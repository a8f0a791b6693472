// Builds the preview webview's HTML. A pure function of its inputs so tests can check the CSP and prove that no
// user text is ever part of the markup: diagrams arrive later via postMessage and are inserted as data.

export interface PreviewHtmlOptions {
  /** `webview.cspSource`: the origin VS Code serves local resources from. */
  cspSource: string;
  /** Fresh random value per HTML load; only scripts carrying it may run. */
  nonce: string;
  /** `webview.asWebviewUri(...)` of dist/mermaid.min.js, dist/preview.js and media/preview/preview.css. */
  mermaidScriptUri: string;
  previewScriptUri: string;
  styleUri: string;
}

/**
 * The Content-Security-Policy of the preview. `style-src 'unsafe-inline'` is needed because every SVG mermaid
 * produces carries its own <style> element (without it diagrams render unstyled); scripts stay nonce-only, and
 * nothing may be fetched from anywhere but the extension's own files and data: images (PNG export).
 */
export function previewCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `font-src ${cspSource}`,
  ].join('; ');
}

/** Attribute-safe text: used only for our own URIs and nonce, which never contain user text anyway. */
function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function buildPreviewHtml(o: PreviewHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(o.nonce)) throw new Error('nonce must be at least 16 base64 characters');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(previewCsp(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(o.styleUri)}">
<title>Diagram Preview</title>
</head>
<body>
<header class="preview-header"><span class="file-name" id="file-name"></span><span class="summary" id="summary" aria-live="polite"></span></header>
<main id="diagrams" class="diagrams"></main>
<p id="empty" class="empty" hidden>No Mermaid diagrams in this file.</p>
<script nonce="${attr(o.nonce)}" src="${attr(o.mermaidScriptUri)}"></script>
<script nonce="${attr(o.nonce)}" src="${attr(o.previewScriptUri)}"></script>
</body>
</html>
`;
}

/** A nonce from a CSPRNG (`crypto.getRandomValues` exists in Node 20 and in browsers). */
export function createNonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_');
}
