// One diagram's place in the page: its toolbar, the viewport that pans and zooms, and the error box.
import type { DocumentDiagram } from '../../common/preview/messages';
import { diagramErrorText } from './errors';
import { toSvgElement } from './mermaidSetup';

export interface View {
  scale: number;
  x: number;
  y: number;
}

/** What rendering a diagram's text gave: Mermaid's SVG, or the message of the error Mermaid threw. */
export type RenderResult = { svg: string } | { error: string };

export interface Slot {
  meta: DocumentDiagram;
  el: HTMLElement;
  title: HTMLElement;
  toolbar: HTMLElement;
  viewport: HTMLElement;
  canvas: HTMLElement;
  error: HTMLElement;
  /** Text currently shown (SVG or error), the theme it was drawn with, and what rendering gave. */
  shownSource: string | undefined;
  shownTheme: string | undefined;
  shown: RenderResult | undefined;
  svg: SVGSVGElement | undefined;
  visible: boolean;
  view: View | undefined;
}

function button(label: string, title: string, action: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.title = title;
  b.setAttribute('aria-label', title);
  b.dataset.action = action;
  return b;
}

export function createSlot(meta: DocumentDiagram, saved: View | undefined): Slot {
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
  return {
    meta,
    el,
    title,
    toolbar,
    viewport,
    canvas,
    error,
    shownSource: undefined,
    shownTheme: undefined,
    shown: undefined,
    svg: undefined,
    visible: false,
    view: saved ? { ...saved } : undefined,
  };
}

/** Title, data attributes and accessible label from the slot's current diagram. */
export function describeSlot(slot: Slot): void {
  const m = slot.meta;
  slot.el.dataset.index = String(m.index);
  slot.el.dataset.line = String(m.line);
  slot.title.textContent = `${m.index + 1}. ${m.heading || 'Diagram'} — line ${m.line + 1}`;
  slot.title.title = 'Reveal in editor';
  slot.viewport.setAttribute(
    'aria-label',
    `Diagram ${m.index + 1}${m.heading ? ` under “${m.heading}”` : ''}. Ctrl+wheel zooms, drag pans.`,
  );
}

export function naturalSize(svg: SVGSVGElement): { w: number; h: number } {
  const vb = svg.viewBox?.baseVal;
  if (vb && vb.width > 0 && vb.height > 0) return { w: vb.width, h: vb.height };
  const r = svg.getBoundingClientRect();
  return { w: r.width || 300, h: r.height || 150 };
}

/**
 * Puts a render result in the slot: the SVG (placed by `placeView`: fitted the first time, the saved view after),
 * or the error box with the problems the server found at their document lines.
 */
export function showResult(
  slot: Slot,
  source: string,
  kind: string,
  result: RenderResult,
  placeView: (slot: Slot) => void,
): void {
  slot.shownSource = source;
  slot.shownTheme = kind;
  slot.shown = result;
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
      placeView(slot);
      return;
    }
    result = { error: 'Mermaid produced no SVG' };
    slot.shown = result;
  }
  slot.svg = undefined;
  slot.canvas.replaceChildren();
  slot.viewport.hidden = true;
  slot.el.classList.add('has-error');
  showError(slot, result.error);
}

/** The error box: the server's problems when it found some (their lines are the lines in Problems), else Mermaid's message. */
export function showError(slot: Slot, renderError: string): void {
  const { text, line } = diagramErrorText(slot.meta.problems, renderError);
  const head = document.createElement('strong');
  head.textContent = 'Syntax error';
  const body = document.createElement('pre');
  body.textContent = text;
  slot.error.replaceChildren(head, body);
  slot.error.dataset.line = line === null ? '' : String(line);
  slot.error.hidden = false;
}
