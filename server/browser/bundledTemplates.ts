// The shipped templates/ folder for the web worker server: bundled into dist/browser/server.js as data by the build
// (scripts/browserBuild.mjs, module `design-notes:templates`), served from memory at a path no workspace uses.
import templates from 'design-notes:templates';
import { MemoryFileSystem } from '../core/memoryFileSystem';

export const BUNDLED_TEMPLATES_ROOT = '/.design-notes-bundled/templates';

export function bundledTemplates(): { root: string; fs: MemoryFileSystem } {
  return {
    root: BUNDLED_TEMPLATES_ROOT,
    fs: new MemoryFileSystem(
      Object.fromEntries(
        Object.entries(templates).map(([relative, text]) => [`${BUNDLED_TEMPLATES_ROOT}/${relative}`, text]),
      ),
    ),
  };
}
