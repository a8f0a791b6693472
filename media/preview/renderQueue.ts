// Rendering: one diagram at a time (mermaid keeps global state while it renders), top-most first, only diagrams
// near the viewport (a file with fifty diagrams renders what the user sees), results cached by theme and text (moving
// or undoing a block does not re-render it), and everything re-rendered when the VS Code theme changes.
import type { Mermaid } from 'mermaid';
import type { ThemeKind } from '../../common/preview/messages';
import { renderErrorMessage } from './errors';
import { inertDiagramSource, mermaidConfig, themeKindOf } from './mermaidSetup';
import type { RenderResult, Slot } from './slot';

declare const mermaid: Mermaid;

const CACHE_LIMIT = 300;
/** Diagrams this far outside the viewport already render, so scrolling finds them drawn. */
const MARGIN_PX = 600;

export interface RenderQueue {
  /** Renders the slot when it is (or comes) near the viewport, if its text or the theme changed. */
  schedule(slot: Slot): void;
  /** Renders a slot now, visible or not (export of an off-screen diagram). */
  renderNow(slot: Slot): Promise<void>;
  needsRender(slot: Slot): boolean;
  /** Starts watching a new slot's visibility (`visible` is decided at once, not on the observer's first callback). */
  add(slot: Slot): void;
  remove(slot: Slot): void;
  /** Nothing queued and nothing rendering. */
  idle(): boolean;
}

/**
 * `show` puts a result in its slot; `rendered` runs each time the queue empties. `slots` lists the live slots (a
 * slot removed while queued is skipped).
 */
export function createRenderQueue(
  slots: () => readonly Slot[],
  show: (slot: Slot, source: string, kind: ThemeKind, result: RenderResult) => void,
  rendered: () => void,
): RenderQueue {
  const cache = new Map<string, RenderResult>();
  const queue = new Set<Slot>();
  let draining = false;
  let configuredTheme = '';
  let renderSeq = 0;
  let scratchBox: HTMLElement | undefined;

  const themeKind = (): ThemeKind => themeKindOf(document.body);

  function ensureConfigured(kind: ThemeKind): void {
    if (configuredTheme === kind) return;
    mermaid.initialize(mermaidConfig(kind));
    configuredTheme = kind;
  }

  /**
   * Where mermaid lays out a diagram while rendering: an off-screen box with CSS containment, so the text
   * measuring and style recalculation it forces stay inside the box instead of touching the whole page.
   */
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
      result = { error: renderErrorMessage(e) };
    } finally {
      // mermaid leaves its scratch container behind when rendering fails.
      document.getElementById(id)?.remove();
      document.getElementById('d' + id)?.remove();
    }
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(key, result);
    return result;
  }

  function needsRender(slot: Slot): boolean {
    return slot.shownSource !== slot.meta.source || slot.shownTheme !== themeKind();
  }

  function schedule(slot: Slot): void {
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
        if (!slots().includes(next) || !needsRender(next)) continue;
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
    rendered();
  }

  async function renderNow(slot: Slot): Promise<void> {
    if (!needsRender(slot)) return;
    const source = slot.meta.source;
    const kind = themeKind();
    show(slot, source, kind, await renderText(source, kind));
  }

  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const slot = slots().find((s) => s.el === entry.target);
        if (!slot) continue;
        slot.visible = entry.isIntersecting;
        if (slot.visible) schedule(slot);
      }
    },
    { rootMargin: `${MARGIN_PX}px 0px` },
  );

  function nearViewport(el: HTMLElement): boolean {
    const r = el.getBoundingClientRect();
    return r.bottom >= -MARGIN_PX && r.top <= window.innerHeight + MARGIN_PX;
  }

  new MutationObserver(() => {
    if (themeKind() !== configuredTheme) for (const s of slots()) schedule(s);
  }).observe(document.body, { attributes: true, attributeFilter: ['class'] });

  return {
    schedule,
    renderNow,
    needsRender,
    add(slot) {
      observer.observe(slot.el);
      slot.visible = nearViewport(slot.el);
    },
    remove(slot) {
      observer.unobserve(slot.el);
      queue.delete(slot);
    },
    idle: () => !queue.size && !draining,
  };
}
