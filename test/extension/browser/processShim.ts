// `process` for the npm `assert` port and its `util` in the web worker test bundle: on a failed assertion they read
// process.env / stderr to format the message. Injected into that bundle only (esbuild `inject`), never set globally:
// the extension under test shares the worker and must keep seeing no `process`.
export const process = {
  env: {} as Record<string, string | undefined>,
  stderr: { isTTY: false, columns: 80, getColorDepth: () => 1 },
  emitWarning: (warning: unknown) => console.warn(warning),
  nextTick: (fn: (...args: unknown[]) => void, ...args: unknown[]) => queueMicrotask(() => fn(...args)),
  noDeprecation: false,
  throwDeprecation: false,
  traceDeprecation: false,
};
