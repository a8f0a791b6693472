// Stand-in for render-only libraries (elkjs, katex, cytoscape layout plugins) in the parse-only worker bundle,
// where nothing is laid out or typeset. Anything that reaches it at run time is a bug worth a loud error.
function notAvailable(): never {
  throw new Error('render-only library is not available in the Mermaid validation worker (parse only)');
}
class Unavailable {
  constructor() {
    notAvailable();
  }
}
export default Object.assign(Unavailable, { renderToString: notAvailable, render: notAvailable });
