// Mermaid's error messages made fit to show beside a file. Pure: the server's diagnostics and the preview webview
// (for a render failure the server did not report) both use it.

/** Mermaid's own message without its diagram-relative line numbers ("Parse error on line 4:"), which are not file lines. */
export function withoutDiagramLines(message: string): string {
  return message.replace(/ on line \d+(?=[:.])/g, '').replace(/ at line \d+, column \d+/g, '');
}
