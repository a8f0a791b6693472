// Our diagram preview beside VS Code's own (issue 18, target 5, second half): the same diagram and the same edit in
// code-server, keystroke to the updated SVG on screen, in
//   - the Markdown preview, which draws ```mermaid with the built-in extension vscode.mermaid-markdown-features
//     (code-server 4.139.1; Design Notes stands down there by default: src/preview/markdownPreview.ts), and
//   - Design Notes: Open Diagram Preview.
// Each is measured with only itself open (one preview re-rendering, not two competing for the cores), in alternating
// blocks so both see the same machine. Both debounce typing by 300 ms by default (the Markdown preview's own delay,
// designNotes.preview.updateDelay for ours); the figures are what the user waits, delay included.
//
// A keystroke: the digit at the end of the first node's label ("Gateway edit 3") is selected and replaced by the
// next one, one key press. Inside the webview a MutationObserver notes Date.now() when an <svg> holding the new label
// appears; the time of the key press is Date.now() in this process (same machine clock).
//
//   node --import tsx bench/previewInCodeServer.ts [--edits N]   (needs `npm run package` and code-server)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { CodeServer, Workbench, requireBuiltExtension } from '../test/e2e/harness';
import { serviceGraph } from './serviceGraph';

const LABEL_LINE = 7; // 1-based line of `n0[Gateway edit 0]` in design.md

/** The diagram of bench/preview.bench.ts, in a Markdown file. */
function designMarkdown(): string {
  return ['# Design', '', 'The service graph.', '', '```mermaid', serviceGraph(0), '```', ''].join('\n');
}

export interface PreviewSideBySide {
  builtin: number[];
  ours: number[];
}

/**
 * Every <svg> of the document, inside shadow roots too; and text without white space (Mermaid may set each word of a
 * label in its own <tspan>, so "Gateway edit 1" reads "Gatewayedit1").
 */
const DEEP_SVGS = `const deepSvgs = () => {
    const out = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.tagName.toLowerCase() === 'svg') out.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return out;
  };
  const squeeze = (text) => (text || '').replace(/\\s+/g, '');`;

/**
 * Runs in the webview: from now on, note when an <svg> holding `label` is in the document (checked every 2 ms: a
 * MutationObserver does not see into shadow roots). A string, as in
 * bench/preview.bench.ts: tsx would wrap a function's inner functions in a helper the page does not have.
 */
const WATCH_FOR = `(label) => {
  ${DEEP_SVGS}
  clearInterval(window.__dnTimer);
  window.__dnSeen = undefined;
  const check = () => {
    if (deepSvgs().some((svg) => squeeze(svg.textContent).includes(squeeze(label)))) {
      window.__dnSeen = Date.now();
      clearInterval(window.__dnTimer);
    }
  };
  window.__dnTimer = setInterval(check, 2);
}`;

const HAS_DIAGRAM = `(label) => {
  ${DEEP_SVGS}
  return deepSvgs().some((svg) => squeeze(svg.textContent).includes(squeeze(label)));
}`;
/** A function's source called with `arg`: Playwright evaluates a string as an expression and calls nothing. */
const call = (fn: string, arg: string) => `(${fn})(${JSON.stringify(arg)})`;

async function frameWithDiagram(wb: Workbench, label: string): Promise<Frame> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    for (const frame of wb.page.frames()) {
      const has = await frame.evaluate<boolean>(call(HAS_DIAGRAM, label)).catch(() => false);
      if (has) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview shows a diagram with "${label}"`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** `edits` keystrokes in the editor; for each, ms until `frame` shows the edited diagram. */
async function measureEdits(wb: Workbench, first: number, edits: number, current: () => Promise<Frame>) {
  const out: number[] = [];
  for (let i = 0; i < edits; i++) {
    const digit = String((first + i + 1) % 10);
    const label = `Gateway edit ${digit}`;
    const frame = await current();
    await frame.evaluate(call(WATCH_FOR, label));
    await wb.page.keyboard.press('Shift+ArrowLeft');
    const start = Date.now();
    await wb.page.keyboard.type(digit);
    const deadline = start + 30_000;
    let seen: number | undefined;
    while (!seen) {
      seen = await frame.evaluate<number | undefined>('window.__dnSeen').catch(() => undefined);
      if (!seen && Date.now() > deadline) throw new Error(`edit ${i}: "${label}" never drawn`);
      if (!seen) await new Promise((r) => setTimeout(r, 20));
    }
    out.push(seen - start);
    // Let the other half of the page settle (diagnostics, the preview's own follow-up work) before the next key.
    await new Promise((r) => setTimeout(r, 400));
  }
  return out;
}

export async function measurePreviewSideBySide(editsPerBlock: number, blocks = 2): Promise<PreviewSideBySide> {
  requireBuiltExtension();
  const ws = mkdtempSync(path.join(tmpdir(), 'dn-preview-side-'));
  writeFileSync(path.join(ws, 'design.md'), designMarkdown());
  const server = await CodeServer.start({ label: 'bench-preview-side-by-side' });
  const wb = await Workbench.launch();
  const result: PreviewSideBySide = { builtin: [], ours: [] };
  let edit = 0;
  try {
    await wb.open(server, ws);
    await wb.openFile('design.md');
    // The cursor after the label's digit: "  n0[Gateway edit 0" is 19 characters.
    await wb.goToLine(LABEL_LINE, 20);
    for (let b = 0; b < blocks; b++) {
      for (const which of ['builtin', 'ours'] as const) {
        await wb.runCommand(
          which === 'builtin' ? 'Markdown: Open Preview to the Side' : 'Design Notes: Open Diagram Preview',
        );
        const label = `Gateway edit ${edit % 10}`;
        let frame = await frameWithDiagram(wb, label);
        // Back to the editor (the preview took the focus or not; the cursor stays where it was).
        await wb.page.keyboard.press('Control+1');
        const current = async () => (frame.isDetached() ? (frame = await frameWithDiagram(wb, 'Gateway edit')) : frame);
        // One warm-up edit, not counted (first render paths, the preview's first answer from the server).
        await measureEdits(wb, edit, 1, current);
        edit++;
        result[which].push(...(await measureEdits(wb, edit, editsPerBlock, current)));
        edit += editsPerBlock;
        if (b === 0) await wb.screenshot(`bench-preview-${which}`);
        await wb.runCommand('View: Close Editors in Other Groups');
        await wb.page.keyboard.press('Control+1');
      }
    }
  } catch (e) {
    await wb.screenshot('bench-preview-side-by-side-failed').catch(() => undefined);
    throw e;
  } finally {
    await wb.close();
    await server.stop();
    rmSync(ws, { recursive: true, force: true });
  }
  return result;
}

if (process.argv[1] && /previewInCodeServer\.ts$/.test(process.argv[1])) {
  const i = process.argv.indexOf('--edits');
  const edits = i > 0 ? Number(process.argv[i + 1]) : 10;
  measurePreviewSideBySide(edits).then(
    (r) => {
      const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      console.log(`built-in Markdown preview: ${r.builtin.join(', ')} ms (median ${med(r.builtin)})`);
      console.log(`Design Notes preview:      ${r.ours.join(', ')} ms (median ${med(r.ours)})`);
    },
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
