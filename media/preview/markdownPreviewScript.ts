// Runs inside VS Code's built-in Markdown preview (contributed as `markdown.previewScripts`). Renders the
// placeholders our markdown-it plugin emits (`.dn-mermaid`) — which it does only when no other Mermaid renderer
// is active — so on VS Code builds with their own renderer this script finds nothing and loads nothing.
//
// Mermaid (5 MB) is loaded lazily from our dist/ folder the first time a placeholder appears. The preview's CSP
// allows scripts by nonce, so the added <script> carries the nonce VS Code gave this one.
import type { Mermaid } from 'mermaid';
import { renderErrorMessage } from './errors';
import { inertDiagramSource, mermaidConfig, themeKindOf, toSvgElement } from './mermaidSetup';

declare global {
  interface Window {
    mermaid?: Mermaid;
  }
}

const self = document.currentScript as HTMLScriptElement | null;
const mermaidUrl = self ? new URL('mermaid.min.js', self.src).href : '';
const nonce = self?.nonce ?? '';
let loading: Promise<Mermaid> | undefined;
let configured = '';
let seq = 0;
let running = Promise.resolve();

function loadMermaid(): Promise<Mermaid> {
  if (window.mermaid) return Promise.resolve(window.mermaid);
  loading ??= new Promise<Mermaid>((resolve, reject) => {
    const s = document.createElement('script');
    s.src = mermaidUrl;
    s.nonce = nonce;
    s.onload = () => (window.mermaid ? resolve(window.mermaid) : reject(new Error('mermaid did not load')));
    s.onerror = () => reject(new Error('mermaid.min.js could not be loaded'));
    document.head.append(s);
  });
  return loading;
}

async function renderOne(mermaid: Mermaid, el: HTMLElement): Promise<void> {
  const source = el.querySelector('.dn-mermaid-source')?.textContent ?? '';
  const kind = themeKindOf(document.body);
  if (el.dataset.dnRendered === kind + '\u0000' + source) return;
  if (configured !== kind) {
    mermaid.initialize(mermaidConfig(kind));
    configured = kind;
  }
  const id = `dn-md-mermaid-${++seq}`;
  let out: Element;
  try {
    const { svg } = await mermaid.render(id, inertDiagramSource(source));
    out = toSvgElement(svg) ?? document.createElement('div');
    out.classList.add('dn-mermaid-svg');
  } catch (e) {
    // Mermaid's message without a line: this page cannot ask the language server, which marks the error at its
    // exact place in the editor and in Problems (one position mapper, server/core/mermaid/positionMap.ts).
    out = document.createElement('div');
    out.className = 'dn-mermaid-error';
    out.textContent = `Mermaid syntax error: ${renderErrorMessage(e)}`;
  } finally {
    document.getElementById(id)?.remove();
    document.getElementById('d' + id)?.remove();
  }
  el.querySelector('.dn-mermaid-svg, .dn-mermaid-error')?.remove();
  el.append(out);
  el.dataset.dnRendered = kind + '\u0000' + source;
}

function renderAll(): void {
  const els = Array.from(document.querySelectorAll<HTMLElement>('.dn-mermaid'));
  if (!els.length) return;
  running = running.then(async () => {
    try {
      const mermaid = await loadMermaid();
      for (const el of els) if (el.isConnected) await renderOne(mermaid, el);
    } catch (e) {
      for (const el of els) el.dataset.dnFailed = e instanceof Error ? e.message : String(e);
    }
  });
}

// The preview replaces its content on every edit and fires this event afterwards.
window.addEventListener('vscode.markdown.updateContent', renderAll);
new MutationObserver(renderAll).observe(document.body, { attributes: true, attributeFilter: ['class'] });
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', renderAll);
else renderAll();
