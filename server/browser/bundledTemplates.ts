// The shipped templates/ folder for the web worker server: bundled into dist/browser/server.js as data by the build
// (scripts/browserBuild.mjs, module `design-notes:templates`), served at a path no workspace uses.
import templates from 'design-notes:templates';
import { ReadOnlyMemoryFileSystem } from './memoryFileSystem';

export const BUNDLED_TEMPLATES_ROOT = '/.design-notes-bundled/templates';

export function bundledTemplates(): { root: string; fs: ReadOnlyMemoryFileSystem } {
  return { root: BUNDLED_TEMPLATES_ROOT, fs: new ReadOnlyMemoryFileSystem(BUNDLED_TEMPLATES_ROOT, templates) };
}
