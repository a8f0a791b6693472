// Stand-in for the `vscode` module when timing how long the client bundle takes to load outside VS Code. Any
// property is a callable, constructible no-op that returns another stub, so top-level code of the bundle runs.
'use strict';
function stub() {
  const target = function () {};
  return new Proxy(target, {
    get(_t, prop) {
      if (prop === Symbol.toPrimitive) return () => '';
      if (prop === 'then') return undefined;
      return stub();
    },
    apply: () => stub(),
    construct: () => stub(),
  });
}
module.exports = stub();
