// Stand-in for cytoscape (and its layout plugins) in the parse-only worker bundle: it is only used to lay out
// rendered diagrams. The architecture diagram calls `cytoscape.use(plugin)` when its module loads, so that must exist.
function cytoscape(): never {
  throw new Error('cytoscape is not available in the Mermaid validation worker (parse only)');
}
cytoscape.use = (): void => undefined;
export default cytoscape;
