// The one policy for loaded template sets, used by the quick fixes, the scaffolding requests and the CLI: a
// library is loaded once per (workspace folder, `templates` setting) and kept until something it was read from
// changes. The caller says when: the server on file-watcher events and when the workspace becomes trusted (the
// setting, and so the key, changes with the config). A CLI run is short and simply keeps what it loaded.
import type { FileSystem } from '../fileSystem';
import { isInside } from '../../../common/path';
import { loadTemplateLibrary, userTemplatesFolder, type LoadedTemplates } from './templateLoader';
import type { TemplateSet } from './templates';

export class TemplateLibraries {
  private readonly loaded = new Map<string, { userFolder?: string; library: Promise<LoadedTemplates> }>();

  /** `builtinFolder`: the shipped templates/ folder (server/core/node/templatesFolder.ts finds it on Node). */
  constructor(
    private readonly fs: FileSystem,
    private readonly builtinFolder: string | undefined,
  ) {}

  /**
   * The built-in sets plus the user's from `templatesSetting` (the config's `templates`, relative to
   * `workspaceFolder`); pass undefined for the built-in sets only (no setting, or an untrusted workspace).
   */
  library(workspaceFolder: string, templatesSetting: string | undefined): Promise<LoadedTemplates> {
    const key = `${workspaceFolder}\0${templatesSetting ?? ''}`;
    let entry = this.loaded.get(key);
    if (!entry) {
      const options = { fs: this.fs, builtinFolder: this.builtinFolder, workspaceFolder, templatesSetting };
      entry = { userFolder: userTemplatesFolder(options), library: loadTemplateLibrary(options) };
      this.loaded.set(key, entry);
    }
    return entry.library;
  }

  /**
   * Forgets the libraries read from where `changedPaths` are (a user template folder, or a path inside one, or a
   * folder holding one: a deleted or renamed parent), or every library when no paths are given (trust granted,
   * templates reinstalled). The next request loads afresh, so an edited template is used at once.
   */
  invalidate(changedPaths?: readonly string[]): void {
    if (!changedPaths) {
      this.loaded.clear();
      return;
    }
    for (const [key, entry] of this.loaded) {
      const folder = entry.userFolder;
      if (folder && changedPaths.some((p) => isInside(p, folder) || isInside(folder, p))) this.loaded.delete(key);
    }
  }
}

export type TemplateSetLookup = { ok: true; set: TemplateSet } | { ok: false; available: string[] };

/** The set with id `id`, else the ids there are, for the "no such set" message each face words its own way. */
export function findTemplateSet(sets: readonly TemplateSet[], id: string): TemplateSetLookup {
  const set = sets.find((s) => s.id === id);
  return set ? { ok: true, set } : { ok: false, available: sets.map((s) => s.id) };
}

/** The message for a set that does not exist, as the server's scaffolding requests give it. */
export function noTemplateSetMessage(id: string, available: readonly string[]): string {
  return `There is no template set "${id}". Available: ${available.join(', ')}.`;
}
