// Diagram preview webview: receives a file's Mermaid diagrams from the extension host and renders them with the
// bundled mermaid (dist/mermaid.min.js, loaded before this script as the global `mermaid`).
//
// Security model: diagram text is data. It goes to mermaid (securityLevel 'strict', so labels are sanitised and
// click callbacks are off) and everything else we show (headings, file name, error text) goes in via textContent.
// The CSP allows no inline script, so even an event-handler attribute that slipped through could not run.
import type { Mermaid } from 'mermaid';
import {
  changedDiagrams,
  type DiagramSource,
  type ExportFormat,
  type HostMessage,
  type PreviewState,
  type ThemeKind,
  type WebviewMessage,
} from '../../common/preview/messages';
import { describeRenderError } from './errors';
import { inertDiagramSource, mermaidConfig, themeKindOf, toSvgElement } from './mermaidSetup';

declare const mermaid: Mermaid;
interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): PreviewState | undefined;
  setState(state: PreviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const state: PreviewState = vscode.getState() ?? { uri: '' };
state.views ??= {};

const MIN_SCALE = 0.1;
const MAX_SCALE = 8;

interface View {
  scale: number;
  x: number;
  y: number;
}

interface Slot {
  meta: DiagramSource;
  el: HTMLElement;
  title: HTMLElement;
  viewport: HTMLElement;
  canvas: HTMLElement;
  error: HTMLElement;
  /** Text currently shown (SVG or error), and the theme it was drawn with. */
  shownSource: string | undefined;
  shownTheme: string | undefined;
  svg: SVGSVGElement | undefined;
  visible: boolean;
  view: View | undefined;
}

type RenderResult = { svg: string } | { error: string; line: number | null };

const list = document.getElementById('diagrams') as HTMLElement;
const fileNameEl = document.getElementById('file-name') as HTMLElement;
const summaryEl = document.getElementById('summary') as HTMLElement;
const emptyEl = document.getElementById('empty') as HTMLElement;

const slots: Slot[] = [];
/** Rendered output by theme + text, so moving or undoing a block does not re-render it. */
const cache = new Map<string, RenderResult>();
const CACHE_LIMIT = 300;
let currentUri = '';
let currentVersion = -1;
let configuredTheme = '';
let renderSeq = 0;
let highlighted: number | null = null;

// ---------- theme ----------

function themeKind(): ThemeKind {
  return themeKindOf(document.body);
}

function ensureConfigured(kind: ThemeKind): void {
  if (configuredTheme === kind) return;
  mermaid.initialize(mermaidConfig(kind));
  configuredTheme = kind;
}

new MutationObserver(() => {
  if (themeKind() !== configuredTheme) {
    for (const s of slots) scheduleRender(s);
  }
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

// ---------- rendering ----------

/**
 * Where mermaid lays out a diagram while rendering: an off-screen box with CSS containment, so the text
 * measuring and style recalculation it forces stay inside the box instead of touching the whole page.
 */
let scratchBox: HTMLElement | undefined;
function scratch(): HTMLElement {
  if (!scratchBox) {
    scratchBox = document.createElement('div');
    scratchBox.className = 'render-scratch';
    scratchBox.setAttribute('aria-hidden', 'true');
    document.body.append(scratchBox);
  }
  return scratchBox;
}

async function renderText(source: string, kind: ThemeKind): Promise<RenderResult> {
  const key = kind + '\u0000' + source;
  const cached = cache.get(key);
  if (cached) return cached;
  ensureConfigured(kind);
  const id = `dn-mermaid-${++renderSeq}`;
  let result: RenderResult;
  try {
    const { svg } = await mermaid.render(id, inertDiagramSource(source), scratch());
    result = { svg };
  } catch (e) {
    result = describeRenderError(e, source);
  } finally {
    // mermaid leaves its scratch container behind when rendering fails.
    document.getElementById(id)?.remove();
    document.getElementById('d' + id)?.remove();
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, result);
  return result;
}

function naturalSize(svg: SVGSVGElement): { w: number; h: number } {
  const vb = svg.viewBox?.baseVal;
  if (vb && vb.width > 0 && vb.height > 0) return { w: vb.width, h: vb.height };
  const r = svg.getBoundingClientRect();
  return { w: r.width || 300, h: r.height || 150 };
}

function show(slot: Slot, source: string, kind: ThemeKind, result: RenderResult): void {
  slot.shownSource = source;
  slot.shownTheme = kind;
  slot.el.classList.remove('pending');
  if ('svg' in result) {
    const svg = toSvgElement(result.svg);
    if (svg) {
      const { w, h } = naturalSize(svg);
      svg.removeAttribute('style');
      svg.setAttribute('width', String(w));
      svg.setAttribute('height', String(h));
      slot.canvas.replaceChildren(svg);
      slot.svg = svg;
      slot.error.hidden = true;
      slot.error.replaceChildren();
      slot.el.classList.remove('has-error');
      slot.viewport.hidden = false;
      slot.viewport.style.height = `${Math.min(Math.max(h, 80), Math.max(240, window.innerHeight * 0.7))}px`;
      if (!slot.view) fit(slot);
      else applyView(slot);
      return;
    }
    result = { error: 'Mermaid produced no SVG', line: null };
  }
  slot.svg = undefined;
  slot.canvas.replaceChildren();
  slot.viewport.hidden = true;
  slot.el.classList.add('has-error');
  const where = result.line === null ? '' : `Line ${slot.meta.contentLine + result.line + 1}: `;
  const head = document.createElement('strong');
  head.textContent = 'Syntax error';
  const body = document.createElement('pre');
  body.textContent = where + result.error;
  slot.error.replaceChildren(head, body);
  slot.error.dataset.line = result.line === null ? '' : String(slot.meta.contentLine + result.line);
  slot.error.hidden = false;
}

// One render at a time: mermaid keeps global state while it renders.
const queue = new Set<Slot>();
let draining = false;

function needsRender(slot: Slot): boolean {
  return slot.shownSource !== slot.meta.source || slot.shownTheme !== themeKind();
}

function scheduleRender(slot: Slot): void {
  if (!needsRender(slot)) return;
  if (!slot.visible) {
    slot.el.classList.add('pending');
    return;
  }
  queue.add(slot);
  void drain();
}

async function drain(): Promise<void> {
  if (draining) return;
  draining = true;
  try {
    while (queue.size) {
      // Top-most first: it is the one the user is looking at.
      const next = [...queue].sort((a, b) => a.meta.index - b.meta.index)[0];
      queue.delete(next);
      if (!slots.includes(next) || !needsRender(next)) continue;
      const source = next.meta.source;
      const kind = themeKind();
      const result = await renderText(source, kind);
      // The block may have changed while mermaid worked; the newer text is queued already.
      if (next.meta.source === source && themeKind() === kind) show(next, source, kind, result);
      else queue.add(next);
    }
  } finally {
    draining = false;
  }
  reportRendered();
}

/** Scroll position saved before a reload; restored once the first diagrams have their real height. */
let pendingScroll = state.scrollY ?? 0;

function reportRendered(): void {
  if (pendingScroll) {
    window.scrollTo(0, pendingScroll);
    pendingScroll = 0;
  }
  let ok = 0;
  let failed = 0;
  for (const s of slots) {
    if (s.svg && !needsRender(s)) ok++;
    else if (!s.error.hidden && !needsRender(s)) failed++;
  }
  const count = `${slots.length} ${slots.length === 1 ? 'diagram' : 'diagrams'}`;
  summaryEl.textContent = failed ? `${count}, ${failed} with ${failed === 1 ? 'an error' : 'errors'}` : count;
  vscode.postMessage({ type: 'rendered', version: currentVersion, ok, failed });
}

const observer = new IntersectionObserver(
  (entries) => {
    for (const entry of entries) {
      const slot = slots.find((s) => s.el === entry.target);
      if (!slot) continue;
      slot.visible = entry.isIntersecting;
      if (slot.visible) scheduleRender(slot);
    }
  },
  { rootMargin: '600px 0px' },
);

function nearViewport(el: HTMLElement): boolean {
  const r = el.getBoundingClientRect();
  return r.bottom >= -600 && r.top <= window.innerHeight + 600;
}

/** Renders a slot now, visible or not (export of an off-screen diagram). */
async function renderNow(slot: Slot): Promise<void> {
  if (!needsRender(slot)) return;
  const source = slot.meta.source;
  const kind = themeKind();
  show(slot, source, kind, await renderText(source, kind));
}

// ---------- zoom and pan ----------

function applyView(slot: Slot): void {
  const v = slot.view ?? { scale: 1, x: 0, y: 0 };
  slot.canvas.style.transform = `translate(${v.x}px, ${v.y}px) scale(${v.scale})`;
  slot.el.dataset.scale = v.scale.toFixed(3);
  state.views![String(slot.meta.index)] = v;
  saveState();
}

function fit(slot: Slot): void {
  if (!slot.svg) return;
  const { w, h } = naturalSize(slot.svg);
  const vw = slot.viewport.clientWidth || 600;
  const vh = slot.viewport.clientHeight || h;
  const scale = Math.min(1, vw / w, vh / h);
  slot.view = { scale, x: (vw - w * scale) / 2, y: (vh - h * scale) / 2 };
  applyView(slot);
}

function zoom(slot: Slot, factor: number, cx?: number, cy?: number): void {
  const v = slot.view ?? { scale: 1, x: 0, y: 0 };
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, v.scale * factor));
  const px = cx ?? slot.viewport.clientWidth / 2;
  const py = cy ?? slot.viewport.clientHeight / 2;
  // Keep the point under the cursor (or the centre) where it is.
  const k = scale / v.scale;
  slot.view = { scale, x: px - (px - v.x) * k, y: py - (py - v.y) * k };
  applyView(slot);
}

function attachPanZoom(slot: Slot): void {
  const vp = slot.viewport;
  // Ctrl/Cmd + wheel (and trackpad pinch, which arrives as ctrl+wheel) zooms; a plain wheel scrolls the page,
  // so a file with fifty diagrams stays scrollable.
  vp.addEventListener(
    'wheel',
    (e) => {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      const r = vp.getBoundingClientRect();
      zoom(slot, Math.exp(-e.deltaY * 0.002), e.clientX - r.left, e.clientY - r.top);
    },
    { passive: false },
  );
  let drag: { x: number; y: number; vx: number; vy: number; moved: boolean } | undefined;
  vp.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    const v = slot.view ?? { scale: 1, x: 0, y: 0 };
    drag = { x: e.clientX, y: e.clientY, vx: v.x, vy: v.y, moved: false };
    vp.setPointerCapture(e.pointerId);
  });
  vp.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    drag.moved = true;
    vp.classList.add('panning');
    slot.view = { scale: slot.view?.scale ?? 1, x: drag.vx + dx, y: drag.vy + dy };
    applyView(slot);
  });
  vp.addEventListener('pointerup', () => {
    const wasClick = drag && !drag.moved;
    drag = undefined;
    vp.classList.remove('panning');
    // A click that did not pan jumps to the block in the editor.
    if (wasClick) vscode.postMessage({ type: 'reveal', index: slot.meta.index });
  });
  vp.addEventListener('keydown', (e) => {
    if (e.key === '+' || e.key === '=') zoom(slot, 1.25);
    else if (e.key === '-') zoom(slot, 0.8);
    else if (e.key === '0') fit(slot);
    else if (e.key === 'Enter') vscode.postMessage({ type: 'reveal', index: slot.meta.index });
  });
}

// ---------- export ----------

function svgMarkup(slot: Slot): string {
  const clone = slot.svg!.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return new XMLSerializer().serializeToString(clone);
}

function pngDataUrl(slot: Slot): Promise<string> {
  const markup = svgMarkup(slot);
  const { w, h } = naturalSize(slot.svg!);
  const ratio = 2;
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      try {
        const canvas = document.createElement('canvas');
        canvas.width = Math.ceil(w * ratio);
        canvas.height = Math.ceil(h * ratio);
        const ctx = canvas.getContext('2d')!;
        // An opaque background: dark-theme text on a transparent PNG is unreadable in most viewers.
        ctx.fillStyle = getComputedStyle(document.body).backgroundColor || '#ffffff';
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
        resolve(canvas.toDataURL('image/png'));
      } catch (e) {
        reject(e);
      }
    };
    img.onerror = () => reject(new Error('the SVG could not be drawn as an image'));
    img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(markup);
  });
}

async function exportDiagram(index: number, format: ExportFormat): Promise<void> {
  const slot = slots[index];
  try {
    if (!slot) throw new Error(`there is no diagram ${index + 1}`);
    await renderNow(slot);
    if (!slot.svg) throw new Error('the diagram has a syntax error');
    const data = format === 'svg' ? svgMarkup(slot) : await pngDataUrl(slot);
    vscode.postMessage({ type: 'export', index, format, data });
  } catch (e) {
    vscode.postMessage({ type: 'exportFailed', index, format, message: e instanceof Error ? e.message : String(e) });
  }
}

// ---------- DOM ----------

function button(label: string, title: string, action: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.title = title;
  b.setAttribute('aria-label', title);
  b.dataset.action = action;
  return b;
}

function createSlot(meta: DiagramSource): Slot {
  const el = document.createElement('section');
  el.className = 'diagram pending';
  const toolbar = document.createElement('div');
  toolbar.className = 'diagram-toolbar';
  const title = document.createElement('button');
  title.type = 'button';
  title.className = 'diagram-title';
  title.dataset.action = 'reveal';
  const tools = document.createElement('span');
  tools.className = 'diagram-tools';
  tools.append(
    button('−', 'Zoom out', 'zoom-out'),
    button('+', 'Zoom in', 'zoom-in'),
    button('Fit', 'Fit to view', 'fit'),
    button('Copy', 'Copy Mermaid source', 'copy'),
    button('SVG', 'Export as SVG', 'export-svg'),
    button('PNG', 'Export as PNG', 'export-png'),
  );
  toolbar.append(title, tools);
  const viewport = document.createElement('div');
  viewport.className = 'diagram-viewport';
  viewport.tabIndex = 0;
  const canvas = document.createElement('div');
  canvas.className = 'diagram-canvas';
  viewport.append(canvas);
  const error = document.createElement('div');
  error.className = 'diagram-error';
  error.setAttribute('role', 'alert');
  error.hidden = true;
  el.append(toolbar, viewport, error);

  const saved = state.views?.[String(meta.index)];
  const slot: Slot = { meta, el, title, viewport, canvas, error, shownSource: undefined, shownTheme: undefined, svg: undefined, visible: false, view: saved ? { ...saved } : undefined };
  toolbar.addEventListener('click', (e) => {
    const action = (e.target as HTMLElement).closest<HTMLElement>('[data-action]')?.dataset.action;
    const index = slot.meta.index;
    switch (action) {
      case 'reveal':
        vscode.postMessage({ type: 'reveal', index });
        break;
      case 'zoom-in':
        zoom(slot, 1.25);
        break;
      case 'zoom-out':
        zoom(slot, 0.8);
        break;
      case 'fit':
        fit(slot);
        break;
      case 'copy':
        vscode.postMessage({ type: 'copySource', index });
        break;
      case 'export-svg':
        void exportDiagram(index, 'svg');
        break;
      case 'export-png':
        void exportDiagram(index, 'png');
        break;
    }
  });
  attachPanZoom(slot);
  observer.observe(el);
  return slot;
}

function describeSlot(slot: Slot): void {
  const m = slot.meta;
  slot.el.dataset.index = String(m.index);
  slot.el.dataset.line = String(m.line);
  const label = `${m.index + 1}. ${m.heading || 'Diagram'} — line ${m.line + 1}`;
  slot.title.textContent = label;
  slot.title.title = 'Reveal in editor';
  slot.viewport.setAttribute('aria-label', `Diagram ${m.index + 1}${m.heading ? ` under “${m.heading}”` : ''}. Ctrl+wheel zooms, drag pans.`);
}

function applyUpdate(msg: Extract<HostMessage, { type: 'update' }>): void {
  if (msg.uri === currentUri && msg.version < currentVersion) return;
  if (msg.uri !== currentUri) {
    for (const s of slots) observer.unobserve(s.el);
    slots.length = 0;
    list.replaceChildren();
    if (state.uri !== msg.uri) state.views = {};
    state.uri = msg.uri;
    currentUri = msg.uri;
    saveState();
  }
  currentVersion = msg.version;
  fileNameEl.textContent = msg.fileName;
  const shown = slots.map((s) => s.meta.source);
  while (slots.length > msg.diagrams.length) {
    const s = slots.pop()!;
    observer.unobserve(s.el);
    s.el.remove();
    queue.delete(s);
  }
  for (const d of msg.diagrams) {
    let slot = slots[d.index];
    if (!slot) {
      slot = createSlot(d);
      slots[d.index] = slot;
      list.append(slot.el);
      // Decide now rather than on the observer's first (asynchronous) callback, so the first render starts at once.
      slot.visible = nearViewport(slot.el);
    }
    slot.meta = d;
    describeSlot(slot);
  }
  emptyEl.hidden = msg.diagrams.length > 0;
  for (const i of changedDiagrams(shown, msg.diagrams)) scheduleRender(slots[i]);
  setHighlight(highlighted, false);
  if (!queue.size && !draining) reportRendered();
}

function setHighlight(index: number | null, reveal: boolean): void {
  highlighted = index;
  slots.forEach((s, i) => s.el.classList.toggle('highlighted', i === index));
  if (reveal && index !== null) slots[index]?.el.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

let saveTimer: ReturnType<typeof setTimeout> | undefined;
function saveState(): void {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => vscode.setState({ ...state, scrollY: window.scrollY }), 100);
}
window.addEventListener('scroll', saveState, { passive: true });

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const msg = event.data;
  if (!msg || typeof msg !== 'object') return;
  switch (msg.type) {
    case 'update':
      applyUpdate(msg);
      break;
    case 'highlight':
      setHighlight(msg.index, msg.reveal);
      break;
    case 'requestExport':
      void exportDiagram(msg.index, msg.format);
      break;
  }
});

vscode.postMessage({ type: 'ready' });
