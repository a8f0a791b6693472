// Export of one diagram as SVG markup or a PNG data URL (twice the natural size, on the theme's background). The
// host saves what the webview posts (after validating it: src/preview/panel.ts).
import type { ExportFormat, WebviewMessage } from '../../common/preview/messages';
import { naturalSize, type Slot } from './slot';

function svgMarkup(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return new XMLSerializer().serializeToString(clone);
}

function pngDataUrl(svg: SVGSVGElement): Promise<string> {
  const markup = svgMarkup(svg);
  const { w, h } = naturalSize(svg);
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

/** Renders the diagram if it is not yet (an off-screen one), then posts `export` or `exportFailed`. */
export async function exportDiagram(
  slot: Slot | undefined,
  index: number,
  format: ExportFormat,
  renderNow: (slot: Slot) => Promise<void>,
  post: (message: WebviewMessage) => void,
): Promise<void> {
  try {
    if (!slot) throw new Error(`there is no diagram ${index + 1}`);
    await renderNow(slot);
    if (!slot.svg) throw new Error('the diagram has a syntax error');
    const data = format === 'svg' ? svgMarkup(slot.svg) : await pngDataUrl(slot.svg);
    post({ type: 'export', index, format, data });
  } catch (e) {
    post({ type: 'exportFailed', index, format, message: e instanceof Error ? e.message : String(e) });
  }
}
