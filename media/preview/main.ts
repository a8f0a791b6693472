// Diagram preview webview: receives a file's Mermaid diagrams from the extension host (which has them, with their
// problems, from the language server) and renders them with the bundled mermaid (dist/mermaid.min.js, loaded
// before this script as the global `mermaid`). This module wires the parts: host messages and state (host.ts),
// the render queue (renderQueue.ts), pan and zoom (panZoom.ts), export (export.ts), one diagram's DOM (slot.ts).
//
// Security model: diagram text is data. It goes to mermaid (securityLevel 'strict', so labels are sanitised and
// click callbacks are off) and everything else we show (headings, file name, error text) goes in via textContent.
// The CSP allows no inline script, so even an event-handler attribute that slipped through could not run.
import {
  changedDiagrams,
  type DocumentDiagram,
  type ExportFormat,
  type HostMessage,
} from '../../common/preview/messages';
import { exportDiagram } from './export';
import { connectHost } from './host';
import { createPanZoom } from './panZoom';
import { createRenderQueue } from './renderQueue';
import { createSlot, describeSlot, showError, showResult, type Slot } from './slot';

const host = connectHost();
const list = document.getElementById('diagrams') as HTMLElement;
const fileNameEl = document.getElementById('file-name') as HTMLElement;
const summaryEl = document.getElementById('summary') as HTMLElement;
const emptyEl = document.getElementById('empty') as HTMLElement;
const EMPTY_TEXT = emptyEl.textContent ?? '';

const slots: Slot[] = [];
let currentUri = '';
let currentVersion = -1;
let highlighted: number | null = null;
/** Scroll position saved before a reload; restored once the first diagrams have their real height. */
let pendingScroll = host.state.scrollY ?? 0;

const reveal = (index: number) => host.post({ type: 'reveal', index });
const panZoom = createPanZoom((index, view) => {
  host.state.views[String(index)] = view;
  host.saveState();
}, reveal);
const renderer = createRenderQueue(
  () => slots,
  (slot, source, kind, result) =>
    showResult(slot, source, kind, result, (s) => (s.view ? panZoom.apply(s) : panZoom.fit(s))),
  reportRendered,
);

function reportRendered(): void {
  if (pendingScroll) {
    window.scrollTo(0, pendingScroll);
    pendingScroll = 0;
  }
  let ok = 0;
  let failed = 0;
  for (const s of slots) {
    if (s.svg && !renderer.needsRender(s)) ok++;
    else if (!s.error.hidden && !renderer.needsRender(s)) failed++;
  }
  const count = `${slots.length} ${slots.length === 1 ? 'diagram' : 'diagrams'}`;
  summaryEl.textContent = failed ? `${count}, ${failed} with ${failed === 1 ? 'an error' : 'errors'}` : count;
  host.post({ type: 'rendered', version: currentVersion, ok, failed });
}

function exportSlot(index: number, format: ExportFormat): Promise<void> {
  return exportDiagram(slots[index], index, format, renderer.renderNow, host.post);
}

function addSlot(meta: DocumentDiagram): Slot {
  const slot = createSlot(meta, host.state.views[String(meta.index)]);
  slot.toolbar.addEventListener('click', (e) => {
    const action = (e.target as HTMLElement).closest<HTMLElement>('[data-action]')?.dataset.action;
    const index = slot.meta.index;
    switch (action) {
      case 'reveal':
        reveal(index);
        break;
      case 'zoom-in':
        panZoom.zoom(slot, 1.25);
        break;
      case 'zoom-out':
        panZoom.zoom(slot, 0.8);
        break;
      case 'fit':
        panZoom.fit(slot);
        break;
      case 'copy':
        host.post({ type: 'copySource', index });
        break;
      case 'export-svg':
        void exportSlot(index, 'svg');
        break;
      case 'export-png':
        void exportSlot(index, 'png');
        break;
    }
  });
  panZoom.attach(slot);
  slots[meta.index] = slot;
  list.append(slot.el);
  renderer.add(slot);
  return slot;
}

function applyUpdate(msg: Extract<HostMessage, { type: 'update' }>): void {
  if (msg.uri === currentUri && msg.version < currentVersion) return;
  if (msg.uri !== currentUri) {
    for (const s of slots) renderer.remove(s);
    slots.length = 0;
    list.replaceChildren();
    if (host.state.uri !== msg.uri) host.state.views = {};
    host.state.uri = msg.uri;
    currentUri = msg.uri;
    host.saveState();
  }
  currentVersion = msg.version;
  fileNameEl.textContent = msg.fileName;
  const shown = slots.map((s) => s.meta.source);
  while (slots.length > msg.diagrams.length) {
    const s = slots.pop()!;
    renderer.remove(s);
    s.el.remove();
  }
  for (const d of msg.diagrams) {
    const slot = slots[d.index] ?? addSlot(d);
    slot.meta = d;
    describeSlot(slot);
    // Same text, new problems (the server's answer for this version): the error box names them.
    if (slot.shown && 'error' in slot.shown && slot.shownSource === d.source) showError(slot, slot.shown.error);
  }
  emptyEl.hidden = msg.diagrams.length > 0;
  emptyEl.textContent = msg.skipped ? `This file was not read for diagrams: ${msg.skipped}.` : EMPTY_TEXT;
  for (const i of changedDiagrams(shown, msg.diagrams)) renderer.schedule(slots[i]);
  setHighlight(highlighted, false);
  if (renderer.idle()) reportRendered();
}

function setHighlight(index: number | null, scroll: boolean): void {
  highlighted = index;
  slots.forEach((s, i) => s.el.classList.toggle('highlighted', i === index));
  if (scroll && index !== null) slots[index]?.el.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

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
      void exportSlot(msg.index, msg.format);
      break;
  }
});

host.post({ type: 'ready' });
