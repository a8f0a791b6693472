// The suites of the extension-host run, one list for both entries (index.ts: Node host; browserIndex.ts: web worker
// host). Required lazily (esbuild turns these requires into deferred module inits) because their top-level
// `suite(...)` calls need mocha's globals to exist first.
export function loadSuites(): void {
  require('./suite/activation.test');
  require('./suite/diagnostics.test');
  require('./suite/commands.test');
  require('./suite/caseStudies.test');
  require('./suite/preview.test');
}
