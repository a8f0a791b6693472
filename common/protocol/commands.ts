// Every command id the extension registers or runs, and the server names in code actions. The manifest
// (package.json `contributes.commands`, menus, keybindings) spells them too; test/unit/protocol.test.ts keeps the
// two lists equal. Nothing else writes a `designNotes.*` command id as a literal.

export const Commands = {
  /** Stop and start the language server. */
  restartServer: 'designNotes.restartServer',
  /** Open the diagram preview beside the active (or given) Markdown/Mermaid file. */
  openPreview: 'designNotes.openPreview',
  exportDiagramSvg: 'designNotes.exportDiagramSvg',
  exportDiagramPng: 'designNotes.exportDiagramPng',
  /**
   * Open a file by URI (string argument). The server puts it on the missing-file quick fix, which creates the file
   * through a WorkspaceEdit and then asks the editor to show it.
   */
  openFile: 'designNotes.openFile',
  newCaseStudy: 'designNotes.newCaseStudy',
  addMissingFiles: 'designNotes.addMissingFiles',
  generateIndex: 'designNotes.generateIndex',
  /** "Configure Rules": open (or create) the workspace folder's .designnotes.json. */
  openConfig: 'designNotes.openConfig',
  setUpCaseStudies: 'designNotes.setUpCaseStudies',
  /** Refresh the Case Studies view. */
  refreshCaseStudies: 'designNotes.caseStudies.refresh',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];
