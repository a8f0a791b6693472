// The server's memory after a burst of work (issue 18, target 3b: no growth over a long edit session).
//
// A whole-folder check (the start-up check of every case study, or after a configuration change) allocates far more
// than it keeps. V8 sizes the old generation's next collection from the allocation rate of that burst: during the edits
// that follow, short-lived garbage filled the old generation up to ~100 MB around ~30 MB of live objects before the
// first full collection, and the process kept those pages (measured in the benchmark's soak, 1,000 case studies: RSS
// 177 → 238 MB, then flat). When the server happened to sit idle for a few seconds after the start-up check, V8's memory
// reducer collected with "reduce memory" first and the same 10,000 edits stayed flat (3 runs of each: 0.99–1.00×
// against 1.12–1.22×). This does that collection at once, where the server knows the burst ended, instead of leaving
// it to an idle moment the user may not give.

type Gc = (options?: { type?: 'major'; flavor?: 'last-resort' }) => void;

/**
 * A full, memory-reducing collection (V8's "last resort" flavour: what it does under memory pressure) when the process
 * was started with `--expose-gc` (SERVER_NODE_FLAGS); otherwise nothing (another editor may start the server without
 * the flags). Tens of milliseconds on ~30 MB of live objects, once per whole-folder check, never per keystroke.
 */
export function releaseMemory(): void {
  const gc = (globalThis as { gc?: Gc }).gc;
  if (typeof gc === 'function') gc({ type: 'major', flavor: 'last-resort' });
}
