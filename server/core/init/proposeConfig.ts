// `design-notes init` and the editor's "Set Up Case Studies": look at a repository, propose the `.designnotes.json`
// that fits how its case studies are laid out, and say what the checks would find with it. Editor-free: the CLI
// and the language server both call it; nothing here writes (see writeConfigFile).
import { path } from '../../../common/path';
import { discoverCaseStudies, isMarkdownPath, listCaseStudyFiles, type CaseStudy } from '../caseStudy';
import { analyzeCaseStudy, type CaseStudyModel } from '../caseStudyModel';
import { DEFAULT_CONFIG, fileNameFills, loadConfig, type CaseStudyKind, type ResolvedConfig } from '../config';
import { Linter } from '../engine';
import type { FileSystem } from '../fileSystem';
import { normalizeFileStem } from '../normalize';
import type { SourceFile } from '../rule';

export interface ProposedRoot {
  /** Glob of the case studies under this root, relative to the repository (e.g. `solutions/system_design/*`). */
  glob: string;
  /** How many of the folder's entries read as design case studies, of how many looked at. */
  designs: number;
  entries: number;
}

export interface ConfigProposal {
  /** The `.designnotes.json` text to write (JSONC, with comments saying why each key is there). */
  text: string;
  /** Whether the built-in defaults already find the case studies (then the file mostly documents them). */
  defaultsFit: boolean;
  roots: ProposedRoot[];
  /** What the checks find with the proposed configuration. */
  found: {
    caseStudies: number;
    byKind: Record<CaseStudyKind, number>;
    missingParts: Record<string, number>;
    examples: { path: string; kind: CaseStudyKind; missing: string[] }[];
  };
  /** Human-readable lines: what was looked at and why each key is proposed. */
  notes: string[];
}

/** Folders never looked at (dependencies, build output, VCS). */
const SKIP_DIRS = new Set([
  'node_modules',
  '.git',
  'dist',
  'out',
  'build',
  'vendor',
  '.venv',
  'venv',
  '__pycache__',
  'target',
]);
/** Bounds: a repository is untrusted input, and a proposal must come back in a moment. */
const MAX_DIRS = 5000;
const MAX_DEPTH = 8;
const MAX_CHILDREN_ANALYZED = 40;
const TEMPLATES = /^_?templates?$/i;
/** Words in a file name that say which part it is (used to propose aliases such as "requirements and estimations"). */
const PART_WORDS: Record<string, RegExp> = {
  requirements: /\brequirement|\buse cases?\b/,
  'high-level-design': /\barchitecture\b|\bhld\b|\bhigh level\b|\bsystem design\b/,
  'trade-offs': /\btrade ?offs?\b|\bdecisions?\b/,
};
/** Translations next to the original (`README-zh-Hans.md`, `README.ja.md`): the same case study in another language. */
const TRANSLATION =
  /^(.+?)[-.](zh|ja|ko|es|fr|de|pt|ru|it|tr|vi|ar|id|th|uk|pl|fa|he|hi|nl|sv)([-_][A-Za-z]{2,4})?\.(md|markdown|mdx)$/i;

interface DirInfo {
  path: string;
  rel: string;
  markdown: string[];
  dirs: string[];
}

async function survey(root: string, fs: FileSystem): Promise<DirInfo[]> {
  const out: DirInfo[] = [];
  const queue: { dir: string; depth: number }[] = [{ dir: root, depth: 0 }];
  const seen = new Set<string>();
  while (queue.length && out.length < MAX_DIRS) {
    const { dir, depth } = queue.shift()!;
    const real = (await fs.realpath(dir)) ?? dir;
    if (seen.has(real)) continue;
    seen.add(real);
    const entries = (await fs.readDirectory(dir)).sort((a, b) => a.name.localeCompare(b.name));
    const info: DirInfo = {
      path: dir,
      rel: path.relative(root, dir).split(path.sep).join('/'),
      markdown: [],
      dirs: [],
    };
    for (const e of entries) {
      if (e.name.startsWith('.') || SKIP_DIRS.has(e.name)) continue;
      if (e.isDirectory && !e.isSymbolicLink) {
        info.dirs.push(e.name);
        if (depth + 1 < MAX_DEPTH) queue.push({ dir: path.join(dir, e.name), depth: depth + 1 });
      } else if (e.isFile && isMarkdownPath(e.name)) info.markdown.push(e.name);
    }
    out.push(info);
  }
  return out;
}

async function readFiles(cs: CaseStudy, linter: Linter, config: ResolvedConfig): Promise<Map<string, SourceFile>> {
  const files = new Map<string, SourceFile>();
  for (const entry of cs.files) {
    if (entry.relative.includes('/')) continue;
    const { file } = await linter.read(entry.path, config, entry.kind);
    if (file) files.set(entry.path, file);
  }
  return files;
}

/** How a folder's entry (a sub-folder or a Markdown file) reads as a case study under the defaults. */
async function modelOf(
  root: string,
  entry: string,
  isFile: boolean,
  linter: Linter,
  fs: FileSystem,
): Promise<{ cs: CaseStudy; model: CaseStudyModel; files: Map<string, SourceFile> }> {
  const files = await listCaseStudyFiles(entry, DEFAULT_CONFIG, fs, root);
  const cs: CaseStudy = { root, path: entry, name: path.basename(entry), files, ...(isFile ? { isFile: true } : {}) };
  const parsed = await readFiles(cs, linter, DEFAULT_CONFIG);
  return { cs, model: analyzeCaseStudy(cs, parsed, DEFAULT_CONFIG), files: parsed };
}

const q = (s: string) => JSON.stringify(s);

/**
 * Propose a configuration for the repository at `root`. Case-study roots are folders at least two of whose
 * sub-folders (or Markdown files) read as design case studies — by file names or by headings — and at least half
 * of those looked at; nested candidates inside an accepted root are not proposed again.
 */
export async function proposeConfig(root: string, fs: FileSystem): Promise<ConfigProposal> {
  const linter = new Linter({ fs, keepParsed: false });
  const notes: string[] = [];
  const dirs = await survey(root, fs);
  const markdownCount = dirs.reduce((n, d) => n + d.markdown.length, 0);
  notes.push(
    `Looked at ${dirs.length} folder${dirs.length === 1 ? '' : 's'} with ${markdownCount} Markdown file${markdownCount === 1 ? '' : 's'}.`,
  );

  const defaults = await discoverCaseStudies(root, DEFAULT_CONFIG, fs);
  const roots: ProposedRoot[] = [];
  const aliasVotes = new Map<string, Map<string, number>>();
  const partCounts = new Map<string, number>();
  let designsSeen = 0;
  const translations = new Set<string>();

  const accepted: string[] = [];
  const defaultFolders = defaults.caseStudies.map((cs) => cs.path);
  for (const dir of dirs) {
    if (!dir.rel) continue;
    // Inside a root already taken, or inside a case study the defaults find: not a root of its own.
    if ([...accepted, ...defaultFolders].some((a) => dir.path === a || dir.path.startsWith(a + path.sep))) continue;
    // A folder holding a file named after a part (requirements.md, hld.md) is one case study, not a folder of them;
    // templates are skeletons to copy, not case studies.
    if (
      TEMPLATES.test(path.basename(dir.path)) ||
      dir.markdown.some((m) => DEFAULT_CONFIG.requiredFiles.some((spec) => fileNameFills(m, spec)))
    )
      continue;
    const candidates = [
      ...dir.dirs.map((d) => ({ path: path.join(dir.path, d), isFile: false })),
      ...dir.markdown
        .filter((m) => !/^(readme|index|_index|summary|contributing|changelog|license|template)\./i.test(m))
        .map((m) => ({ path: path.join(dir.path, m), isFile: true })),
    ].slice(0, MAX_CHILDREN_ANALYZED);
    if (candidates.length < 2) continue;
    const models = [];
    for (const c of candidates) models.push(await modelOf(root, c.path, c.isFile, linter, fs));
    const designs = models.filter(
      (m) =>
        m.model.kind === 'design' &&
        m.cs.files.length > 0 &&
        m.model.missing.length < DEFAULT_CONFIG.requiredFiles.length,
    );
    if (designs.length < 2 || designs.length * 2 < candidates.length) continue;
    accepted.push(dir.path);
    roots.push({ glob: `${dir.rel}/*`, designs: designs.length, entries: candidates.length });
    designsSeen += designs.length;
    for (const { cs, model } of designs) {
      for (const spec of DEFAULT_CONFIG.requiredFiles)
        if (model.parts.get(spec.id)?.length) partCounts.set(spec.id, (partCounts.get(spec.id) ?? 0) + 1);
      for (const f of cs.files) {
        const name = path.basename(f.path);
        const t = TRANSLATION.exec(name);
        if (t && cs.files.some((o) => path.basename(o.path).toLowerCase() === `${t[1]}.${t[4]}`.toLowerCase()))
          translations.add(name.slice(t[1].length));
        if (f.relative.includes('/') || f.kind || t) continue;
        // A file named after a part but not recognised (01_requirements_and_estimations.md): propose its stem.
        const stem = normalizeFileStem(name);
        for (const spec of DEFAULT_CONFIG.requiredFiles) {
          if (!PART_WORDS[spec.id]?.test(stem) || fileNameFills(name, spec)) continue;
          const votes = aliasVotes.get(spec.id) ?? new Map<string, number>();
          votes.set(stem, (votes.get(stem) ?? 0) + 1);
          aliasVotes.set(spec.id, votes);
        }
      }
    }
  }

  // The defaults' own finds are kept when they are real design case studies (a case-studies folder).
  const defaultsFit =
    defaults.caseStudies.length > 0 &&
    roots.every((r) =>
      defaults.caseStudies.some((cs) =>
        path.relative(root, cs.path).split(path.sep).join('/').startsWith(r.glob.slice(0, -1)),
      ),
    );
  const globs = defaultsFit ? [] : roots.map((r) => r.glob);

  const lines: string[] = ['{', '  // Proposed by `design-notes init`; see README, "What a case study looks like".'];
  if (defaultsFit)
    lines.push(
      `  // The built-in "caseStudies" globs find this repository's case studies (every folder or Markdown file\n  // directly inside a folder named case-studies): no need to list them.`,
    );
  const body: string[] = [];
  if (globs.length) {
    const keep = defaults.caseStudies.length ? DEFAULT_CONFIG.caseStudies : [];
    body.push(
      `  // Where the case studies are: each folder (or Markdown file) directly inside these folders is one.\n  "caseStudies": [${[...keep, ...globs].map(q).join(', ')}]`,
    );
  }
  if (translations.size) {
    const excludes = [...DEFAULT_CONFIG.exclude, ...[...translations].sort().map((suffix) => `**/*${suffix}`)];
    body.push(
      `  // Translations of a case study's files are the same case study in another language: not checked twice.\n  "exclude": [${excludes.map(q).join(', ')}]`,
    );
  }
  const required: string[] = [];
  for (const spec of DEFAULT_CONFIG.requiredFiles) {
    const filled = partCounts.get(spec.id) ?? 0;
    if (designsSeen >= 2 && filled === 0) {
      required.push(
        `    // None of the ${designsSeen} case studies found writes ${spec.title.toLowerCase()} (no file, no section): not required here.\n    // Remove this line to require it.\n    ${q(spec.id)}: false`,
      );
      continue;
    }
    const aliases = [...(aliasVotes.get(spec.id) ?? new Map()).entries()]
      .filter(([, n]) => n >= Math.min(2, designsSeen))
      .map(([stem]) => stem)
      .sort();
    if (aliases.length)
      required.push(
        `    // File names this repository uses for ${spec.title.toLowerCase()} (added to the built-in names).\n    ${q(spec.id)}: { "aliases": [${aliases.map(q).join(', ')}] }`,
      );
  }
  if (required.length) body.push(`  "requiredFiles": {\n${required.join(',\n')}\n  }`);
  lines.push(body.join(',\n'));
  lines.push('}');
  const text = lines.filter((l) => l !== '').join('\n') + '\n';

  // What the checks find under the proposal: the same discovery and model the linter uses.
  const { config } = loadConfig(text);
  const discovery = await discoverCaseStudies(root, config, fs);
  const byKind: Record<CaseStudyKind, number> = { design: 0, postmortem: 0, adr: 0, notes: 0 };
  const missingParts: Record<string, number> = {};
  const examples: ConfigProposal['found']['examples'] = [];
  for (const cs of discovery.caseStudies) {
    const model = analyzeCaseStudy(cs, await readFiles(cs, linter, config), config);
    byKind[model.kind]++;
    for (const spec of model.missing) missingParts[spec.id] = (missingParts[spec.id] ?? 0) + 1;
    if (examples.length < 8)
      examples.push({
        path: path.relative(root, cs.path).split(path.sep).join('/'),
        kind: model.kind,
        missing: model.missing.map((s) => s.id),
      });
  }
  if (!roots.length && !defaults.caseStudies.length)
    notes.push(
      'No folder of design case studies found: the proposal keeps the defaults. Put case studies in a case-studies/ folder, or add their folders to "caseStudies".',
    );
  for (const r of roots) notes.push(`${r.glob}: ${r.designs} of ${r.entries} entries read as design case studies.`);
  return {
    text,
    defaultsFit,
    roots,
    found: { caseStudies: discovery.caseStudies.length, byKind, missingParts, examples },
    notes,
  };
}

/** Human-readable account of a proposal: what was looked at, the roots, and what the checks would find. */
export function describeProposal(p: ConfigProposal): string[] {
  const out = [...p.notes];
  const f = p.found;
  const kinds = (Object.entries(f.byKind) as [CaseStudyKind, number][])
    .filter(([, n]) => n)
    .map(([k, n]) => `${n} ${k}`);
  out.push(
    `With this configuration: ${f.caseStudies} case stud${f.caseStudies === 1 ? 'y' : 'ies'}${kinds.length ? ` (${kinds.join(', ')})` : ''}.`,
  );
  const missing = Object.entries(f.missingParts).map(([id, n]) => `${id} in ${n}`);
  if (missing.length) out.push(`Parts written nowhere (missing-file would report them): ${missing.join(', ')}.`);
  for (const e of f.examples)
    out.push(`  ${e.path}  ${e.kind}${e.missing.length ? `, missing ${e.missing.join(', ')}` : ''}`);
  if (f.caseStudies > f.examples.length) out.push(`  … and ${f.caseStudies - f.examples.length} more`);
  return out;
}
