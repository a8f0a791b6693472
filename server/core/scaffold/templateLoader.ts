// Reads template sets through the core's FileSystem: the built-in ones shipped in templates/ (the Node adapter
// finds that folder: server/core/node/templatesFolder.ts), and the user's from the folder named by `templates` in
// .designnotes.json. Never throws: problems come back as data and whatever loaded is still offered, so a broken
// user template never takes the built-in ones away.
import type { FileSystem } from '../fileSystem';
import { path } from '../../../common/path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { excessiveNesting, TOO_DEEP_MESSAGE } from '../jsonText';
import { validateFolderName } from '../../../common/scaffold/names';
import {
  MANIFEST_FILE_NAME,
  STANDARD_TEMPLATE_SET_ID,
  validateTemplateManifest,
  type TemplateFile,
  type TemplateManifest,
  type TemplateProblem,
  type TemplateSet,
} from './templates';

/** Template files bigger than this are refused: a template is a page of Markdown, not a data dump. */
export const MAX_TEMPLATE_FILE_SIZE = 1_000_000;
const MAX_FILES_PER_SET = 200;
const TEMPLATE_EXTENSIONS = /\.(md|markdown|mdx|mmd|mermaid)$/i;

export interface LoadedTemplates {
  sets: TemplateSet[];
  problems: TemplateProblem[];
  /**
   * The shipped standard set, even when a user set replaced it in `sets`: pass it as `fallbackSets` so required
   * files a chosen set lacks still get full templates.
   */
  builtinStandard?: TemplateSet;
}

const BUILTIN_ORDER = [STANDARD_TEMPLATE_SET_ID, 'extended'];

/** The built-in sets, standard first; `folder` is the shipped templates/ folder (undefined: not found). */
export async function loadBuiltinTemplateSets(fs: FileSystem, folder: string | undefined): Promise<LoadedTemplates> {
  if (!folder)
    return {
      sets: [],
      problems: [
        {
          path: 'templates',
          message: 'The built-in templates were not found next to Design Notes; the installation looks incomplete.',
        },
      ],
    };
  const loaded = await loadSetsIn(fs, folder, true);
  loaded.sets.sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
  loaded.builtinStandard = loaded.sets.find((s) => s.id === STANDARD_TEMPLATE_SET_ID);
  return loaded;
}

function rank(id: string): number {
  const i = BUILTIN_ORDER.indexOf(id);
  return i < 0 ? BUILTIN_ORDER.length : i;
}

/**
 * The user's template sets: one per subfolder of `folder` (and the folder itself when it directly holds a
 * template.json or template files, so a folder of three .md files just works).
 */
export async function loadUserTemplateSets(
  fs: FileSystem,
  folder: string,
  configuredAs = folder,
): Promise<LoadedTemplates> {
  const st = await fs.stat(folder);
  if (!st?.isDirectory) {
    return {
      sets: [],
      problems: [
        {
          path: folder,
          message: `The template folder "${configuredAs}" (the "templates" setting) ${st ? 'is not a folder' : 'does not exist'}; only the built-in templates are offered.`,
        },
      ],
    };
  }
  return loadSetsIn(fs, folder, false);
}

export interface TemplateLibraryOptions {
  fs: FileSystem;
  /** The shipped templates/ folder (undefined: not found, reported as a problem). */
  builtinFolder: string | undefined;
  /** The folder whose config names `templatesSetting`; relative settings are resolved against it. */
  workspaceFolder: string;
  /** The config's `templates` value; undefined for the built-in sets only (no setting, or Restricted Mode). */
  templatesSetting?: string;
}

/** The user's template folder a library reads, as an absolute path; undefined when it has none. */
export function userTemplatesFolder(
  options: Pick<TemplateLibraryOptions, 'workspaceFolder' | 'templatesSetting'>,
): string | undefined {
  return options.templatesSetting ? path.resolve(options.workspaceFolder, options.templatesSetting) : undefined;
}

/**
 * Built-in sets plus the user's (a user set with the id of a built-in one replaces it, so a team can
 * customise "standard"). `templatesSetting` is the config's `templates` value, relative to `workspaceFolder`.
 * Callers go through TemplateLibraries (templateLibraries.ts), the one cache of loaded sets.
 */
export async function loadTemplateLibrary(options: TemplateLibraryOptions): Promise<LoadedTemplates> {
  const builtin = await loadBuiltinTemplateSets(options.fs, options.builtinFolder);
  const folder = userTemplatesFolder(options);
  if (!folder || !options.templatesSetting) return builtin;
  const user = await loadUserTemplateSets(options.fs, folder, options.templatesSetting);
  const sets = [...builtin.sets];
  for (const set of user.sets) {
    const at = sets.findIndex((s) => s.id === set.id);
    if (at >= 0) sets[at] = set;
    else sets.push(set);
  }
  return { sets, problems: [...builtin.problems, ...user.problems], builtinStandard: builtin.builtinStandard };
}

/**
 * A folder's entries that are files or folders in their own right: a symbolic link is not followed when listing
 * (a linked set or file would lead the listing elsewhere); one named by a manifest is still judged on its real path.
 */
async function plainEntries(
  fs: FileSystem,
  folder: string,
): Promise<{ name: string; isFile: boolean; isDirectory: boolean }[]> {
  return (await fs.readDirectory(folder)).filter((e) => !e.isSymbolicLink);
}

async function loadSetsIn(fs: FileSystem, root: string, builtin: boolean): Promise<LoadedTemplates> {
  const out: LoadedTemplates = { sets: [], problems: [] };
  const entries = await plainEntries(fs, root);
  // The FileSystem lists an unreadable or missing folder as empty: a folder of templates with nothing in it is said.
  if (!entries.length) {
    out.problems.push({ path: root, message: `Cannot read the template folder "${root}", or it is empty.` });
    return out;
  }
  // The folder is a set itself when it has a manifest, or template files and no subfolders (a README beside
  // set folders is documentation, not a set).
  const hasManifest = entries.some((e) => e.isFile && e.name === MANIFEST_FILE_NAME);
  const hasFiles = entries.some((e) => e.isFile && TEMPLATE_EXTENSIONS.test(e.name));
  const hasFolders = entries.some((e) => e.isDirectory && !e.name.startsWith('.'));
  if (!builtin && (hasManifest || (hasFiles && !hasFolders))) {
    await addSet(fs, out, root, root, builtin);
    if (hasManifest) return out;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!e.isDirectory || e.name.startsWith('.') || e.name === 'node_modules') continue;
    await addSet(fs, out, path.join(root, e.name), root, builtin);
  }
  return out;
}

async function addSet(
  fs: FileSystem,
  out: LoadedTemplates,
  folder: string,
  root: string,
  builtin: boolean,
): Promise<void> {
  const { set, problems } = await loadTemplateSet(fs, folder, { root, builtin });
  out.problems.push(...problems);
  if (!set) return;
  if (out.sets.some((s) => s.id === set.id)) {
    out.problems.push({
      path: folder,
      message: `Two template sets have the id "${set.id}"; the one in "${folder}" is ignored.`,
    });
    return;
  }
  out.sets.push(set);
}

/**
 * One template set from its folder: with a template.json, the files it lists; without one, every Markdown or
 * Mermaid file in the folder (recursively, hidden folders skipped), kinds inferred from the file names.
 * `root` bounds where `source` may point (sibling sets share files, nothing outside).
 */
export async function loadTemplateSet(
  fs: FileSystem,
  folder: string,
  options: { root?: string; builtin?: boolean } = {},
): Promise<{ set?: TemplateSet; problems: TemplateProblem[] }> {
  const problems: TemplateProblem[] = [];
  const root = path.resolve(options.root ?? folder);
  const folderName = path.basename(folder);
  const manifestPath = path.join(folder, MANIFEST_FILE_NAME);
  // The manifest too is read only inside the folder (a link elsewhere counts as no manifest) and with a byte limit.
  const realManifest = await fs.realpath(manifestPath);
  const realFolder = (await fs.realpath(folder)) ?? folder;
  const manifestRead =
    realManifest && isInside(realManifest, realFolder)
      ? await readBoundedText(fs, realManifest, MAX_TEMPLATE_FILE_SIZE)
      : 'missing';
  const manifestText = typeof manifestRead === 'string' ? undefined : manifestRead.text;
  let manifest: TemplateManifest;
  if (manifestText !== undefined) {
    if (excessiveNesting(manifestText) >= 0) {
      problems.push({ path: manifestPath, message: `template.json ${TOO_DEEP_MESSAGE}; the set is skipped.` });
      return { problems };
    }
    const errors: ParseError[] = [];
    const value = parseJsonc(manifestText.replace(/^\uFEFF/, ''), errors, { allowTrailingComma: true }) as unknown;
    if (errors.length) {
      problems.push({
        path: manifestPath,
        message: `Invalid JSON in template.json (${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset}); the set is skipped.`,
      });
      return { problems };
    }
    const invalid = validateTemplateManifest(value);
    if (invalid.length) {
      problems.push(...invalid.map((m) => ({ path: manifestPath, message: `${m} The set is skipped.` })));
      return { problems };
    }
    manifest = value as TemplateManifest;
  } else {
    const names = await listTemplateFiles(fs, folder);
    if (!names.length) {
      problems.push({
        path: folder,
        message: `The template set "${folderName}" has no template.json and no Markdown files; it is skipped.`,
      });
      return { problems };
    }
    manifest = { files: names.map((p) => ({ path: p })) };
  }

  const id = manifest.id ?? folderName;
  const idProblem = validateFolderName(id);
  if (idProblem) {
    problems.push({ path: folder, message: `The template set id "${id}" is not usable: ${idProblem}` });
    return { problems };
  }
  const files: TemplateFile[] = [];
  // Containment is judged on real paths: a `source` that is (or passes through) a symbolic link to
  // /proc/self/environ or ~/.ssh looked inside the folder as text, and its target was copied into the case study.
  const realRoot = (await fs.realpath(root)) ?? root;
  for (const entry of manifest.files) {
    const sourcePath = path.resolve(folder, entry.source ?? entry.path);
    const realSource = await fs.realpath(sourcePath);
    if (!isInside(sourcePath, root) || (realSource !== undefined && !isInside(realSource, realRoot))) {
      problems.push({
        path: manifestPath,
        message: `Template file "${entry.source ?? entry.path}" points outside the template folder; it is skipped.`,
      });
      continue;
    }
    const read = realSource === undefined ? 'missing' : await readBoundedText(fs, realSource, MAX_TEMPLATE_FILE_SIZE);
    if (typeof read === 'string') {
      const why =
        read === 'too-large'
          ? `is larger than ${MAX_TEMPLATE_FILE_SIZE} bytes`
          : read === 'not-a-file'
            ? 'is not a regular file'
            : 'does not exist';
      problems.push({
        path: sourcePath,
        message: `Template file "${entry.source ?? entry.path}" of set "${id}" ${why}; it is skipped.`,
      });
      continue;
    }
    const text = read.text.replace(/^\uFEFF/, '');
    const source = options.builtin
      ? `builtin:${path.relative(root, sourcePath).split(path.sep).join('/')}`
      : sourcePath;
    files.push({ path: entry.path.replace(/\\/g, '/'), kind: entry.kind, text, source });
  }
  if (!files.length) {
    problems.push({ path: folder, message: `The template set "${id}" has no usable files; it is skipped.` });
    return { problems };
  }
  return {
    set: {
      id,
      name: manifest.name ?? id,
      description: manifest.description ?? `${files.length} file(s) from ${folder}`,
      files,
      builtin: !!options.builtin,
      folder,
    },
    problems,
  };
}

function isInside(p: string, root: string): boolean {
  return p === root || p.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

type BoundedRead = { text: string } | 'missing' | 'not-a-file' | 'too-large';

/**
 * A regular file's text, read up to `limit` bytes: the size `stat` reports is not trusted (files under /proc report
 * 0 and are longer), and FIFOs or devices are never opened (reading one could block forever or never end).
 */
async function readBoundedText(fs: FileSystem, p: string, limit: number): Promise<BoundedRead> {
  const st = await fs.stat(p);
  if (!st) return 'missing';
  if (!st.isFile) return 'not-a-file';
  const bytes = await fs.readFile(p, { maxBytes: limit + 1 });
  if (!bytes) return 'missing';
  return bytes.length > limit ? 'too-large' : { text: new TextDecoder().decode(bytes) };
}

async function listTemplateFiles(fs: FileSystem, folder: string, prefix = '', depth = 0): Promise<string[]> {
  const out: string[] = [];
  const entries = await plainEntries(fs, path.join(folder, prefix));
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith('.') || out.length >= MAX_FILES_PER_SET) continue;
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isFile && TEMPLATE_EXTENSIONS.test(e.name)) out.push(rel);
    else if (e.isDirectory && depth < 3 && e.name !== 'node_modules')
      out.push(...(await listTemplateFiles(fs, folder, rel, depth + 1)));
  }
  return out.slice(0, MAX_FILES_PER_SET);
}
