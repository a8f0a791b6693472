// Zoom and pan of one diagram: Ctrl/Cmd + wheel (and pinch) zooms around the pointer, a drag pans, keys zoom and
// fit, a click that did not pan reveals the block in the editor. Views are saved per diagram index.
import { naturalSize, type Slot, type View } from './slot';

const MIN_SCALE = 0.1;
const MAX_SCALE = 8;

export interface PanZoom {
  /** Applies the slot's view (or the identity) and saves it. */
  apply(slot: Slot): void;
  fit(slot: Slot): void;
  zoom(slot: Slot, factor: number, cx?: number, cy?: number): void;
  /** Wires the slot's viewport: wheel, drag, click and keys. */
  attach(slot: Slot): void;
}

/** `saveView` persists a diagram's view; `reveal` jumps the editor to the diagram's block. */
export function createPanZoom(saveView: (index: number, view: View) => void, reveal: (index: number) => void): PanZoom {
  function apply(slot: Slot): void {
    const v = slot.view ?? { scale: 1, x: 0, y: 0 };
    slot.canvas.style.transform = `translate(${v.x}px, ${v.y}px) scale(${v.scale})`;
    slot.el.dataset.scale = v.scale.toFixed(3);
    saveView(slot.meta.index, v);
  }

  function fit(slot: Slot): void {
    if (!slot.svg) return;
    const { w, h } = naturalSize(slot.svg);
    const vw = slot.viewport.clientWidth || 600;
    const vh = slot.viewport.clientHeight || h;
    const scale = Math.min(1, vw / w, vh / h);
    slot.view = { scale, x: (vw - w * scale) / 2, y: (vh - h * scale) / 2 };
    apply(slot);
  }

  function zoom(slot: Slot, factor: number, cx?: number, cy?: number): void {
    const v = slot.view ?? { scale: 1, x: 0, y: 0 };
    const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, v.scale * factor));
    const px = cx ?? slot.viewport.clientWidth / 2;
    const py = cy ?? slot.viewport.clientHeight / 2;
    // Keep the point under the cursor (or the centre) where it is.
    const k = scale / v.scale;
    slot.view = { scale, x: px - (px - v.x) * k, y: py - (py - v.y) * k };
    apply(slot);
  }

  function attach(slot: Slot): void {
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
      apply(slot);
    });
    vp.addEventListener('pointerup', () => {
      const wasClick = drag && !drag.moved;
      drag = undefined;
      vp.classList.remove('panning');
      // A click that did not pan jumps to the block in the editor.
      if (wasClick) reveal(slot.meta.index);
    });
    vp.addEventListener('keydown', (e) => {
      if (e.key === '+' || e.key === '=') zoom(slot, 1.25);
      else if (e.key === '-') zoom(slot, 0.8);
      else if (e.key === '0') fit(slot);
      else if (e.key === 'Enter') reveal(slot.meta.index);
    });
  }

  return { apply, fit, zoom, attach };
}
