// `design-notes lint --cache` (as ESLint's): the findings of a case study are reused when nothing they were computed
// from has changed. What they were computed from is recorded while checking — every file the rules read (with a
// hash of its bytes) or looked at (its type and size), the case study's list of files, the configuration — and the
// whole cache is keyed by the product version, the CLI bundle, the rule set and whether Mermaid is validated.
//
// The cache file is input like any other: one that is not ours, is corrupt, or holds anything out of shape is
// ignored with a note and never trusted, and a file at the cache location that is not a Design Notes cache is never
// overwritten.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CaseStudy } from '../core/caseStudy';
import type { ResolvedConfig } from '../core/config';
import { Linter } from '../core/engine';
import type { FileSystem, ReadFileOptions } from '../core/fileSystem';
import { syncNodeFileSystem } from '../core/node';
import type { MermaidProblem, MermaidValidator, RuleServices } from '../core/rule';
import { ALL_RULES } from '../core/rules';
import type { Finding, Severity } from '../core/types';
import type { CaseStudyChecker, WorkspaceConfig } from '../core/workspace';
import { VERSION } from '../version';

/** First bytes of every cache file we write: how a file at the cache location is known to be ours. */
const MAGIC = '{"designNotesCache":1,';
export const CACHE_FILE_NAME = '.designnotes-cache.json';
/** A cache bigger than this is not read (it would cost more than it saves, or it is not ours). */
const MAX_CACHE_BYTES = 512 * 1024 * 1024;

/** A dependency of a cached result: `h:<hash>` of a file's bytes, `s:<type>:<size>` of a stat, `-` when absent. */
type Dependency = [path: string, state: string];

interface Entry {
  /** Hash of the config (and the root it was read from) the result was computed with. */
  config: string;
  /** The case study's files (path and kind), as discovery listed them. */
  files: string;
  deps: Dependency[];
  findings: Finding[];
}

interface CacheFile {
  designNotesCache: 1;
  key: string;
  entries: Record<string, Entry>;
  /**
   * Mermaid's verdict per diagram text (by hash): a changed file re-checks its case study, and its unchanged
   * diagrams then need no worker (starting one costs more than the rest of a warm run). Same bundle, same verdict:
   * the cache key holds the bundle's hash. "Not checked in time" verdicts are never stored (they depend on load).
   */
  mermaid?: Record<string, MermaidProblem[]>;
}

/** Diagram verdicts kept in the cache file: the most recently used. */
const MAX_CACHED_DIAGRAMS = 20_000;

function hash(data: string | Uint8Array): string {
  return createHash('sha1').update(data).digest('base64url');
}

/**
 * Where the cache lives: `--cache-location` (a folder, or a path ending in a separator, gets the default file
 * name), else node_modules/.cache/design-notes/ in the working directory when node_modules exists (as ESLint and
 * Babel do), else the user's cache folder, one file per working directory.
 */
export function cacheFilePath(location: string | undefined, cwd: string): string {
  if (location) {
    const abs = path.resolve(cwd, location);
    const isDir = /[\\/]$/.test(location) || statSync(abs, { throwIfNoEntry: false })?.isDirectory();
    return isDir ? path.join(abs, CACHE_FILE_NAME) : abs;
  }
  if (statSync(path.join(cwd, 'node_modules'), { throwIfNoEntry: false })?.isDirectory()) {
    return path.join(cwd, 'node_modules', '.cache', 'design-notes', 'lint-cache.json');
  }
  return path.join(userCacheDir(), 'design-notes', `lint-${hash(path.resolve(cwd)).slice(0, 16)}.json`);
}

function userCacheDir(): string {
  if (process.platform === 'win32') return process.env.LOCALAPPDATA || path.join(os.homedir(), 'AppData', 'Local');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches');
  return process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
}

/** The bundle running this code: a rebuilt CLI (same version number, new rules code) must not reuse results. */
function bundleHash(): string {
  try {
    return hash(readFileSync(__filename));
  } catch {
    return 'unknown';
  }
}

const SEVERITIES = new Set<Severity>(['error', 'warning', 'info']);

function isPosition(p: unknown): boolean {
  const q = p as { line?: unknown; character?: unknown } | null;
  return (
    !!q &&
    Number.isSafeInteger(q.line) &&
    Number.isSafeInteger(q.character) &&
    (q.line as number) >= 0 &&
    (q.character as number) >= 0
  );
}

/** A cached finding is used only if it has the shape of one, and belongs to the case study (or file) it is cached for. */
function validFinding(f: unknown, owner: string): f is Finding {
  const g = f as Finding | null;
  return (
    !!g &&
    typeof g.ruleId === 'string' &&
    SEVERITIES.has(g.severity) &&
    typeof g.message === 'string' &&
    g.message.length < 100_000 &&
    typeof g.path === 'string' &&
    (g.path === owner || g.path.startsWith(owner + path.sep)) &&
    !!g.range &&
    isPosition(g.range.start) &&
    isPosition(g.range.end) &&
    (g.detail === undefined || typeof g.detail === 'string')
  );
}

const CACHED_KINDS = new Set<MermaidProblem['kind']>(['syntax', 'unknown-diagram', 'too-large']);

function isRange(r: unknown): boolean {
  const q = r as { start?: unknown; end?: unknown } | null;
  return !!q && isPosition(q.start) && isPosition(q.end);
}

/** A cached Mermaid verdict is used only if every problem has the shape the rule expects. */
function validProblems(list: unknown): list is MermaidProblem[] {
  return (
    Array.isArray(list) &&
    list.length < 1000 &&
    list.every((x) => {
      const p = x as MermaidProblem | null;
      return (
        !!p &&
        CACHED_KINDS.has(p.kind) &&
        typeof p.message === 'string' &&
        p.message.length < 100_000 &&
        isRange(p.range) &&
        (p.detail === undefined || typeof p.detail === 'string') &&
        (p.suggestions === undefined ||
          (Array.isArray(p.suggestions) && p.suggestions.every((t) => typeof t === 'string'))) &&
        (p.fix === undefined ||
          (!!p.fix && typeof p.fix.title === 'string' && typeof p.fix.newText === 'string' && isRange(p.fix.range)))
      );
    })
  );
}

function validEntry(e: unknown, owner: string): e is Entry {
  const f = e as Entry | null;
  return (
    !!f &&
    typeof f.config === 'string' &&
    typeof f.files === 'string' &&
    Array.isArray(f.deps) &&
    f.deps.every((d) => Array.isArray(d) && d.length === 2 && typeof d[0] === 'string' && typeof d[1] === 'string') &&
    Array.isArray(f.findings) &&
    f.findings.every((x) => validFinding(x, owner))
  );
}

/** A file system that records what the rules read and looked at, for a result's dependencies. */
class RecordingFileSystem implements FileSystem {
  readonly deps = new Map<string, string>();

  constructor(private readonly disk: FileSystem) {}

  // The options pass through: without `maxBytes` a 2 GB file would be read whole just to be reported as too large.
  // The hash of the bytes read is enough: a file cut at the limit stays "too large" whatever changes past the cut.
  async readFile(filePath: string, options?: ReadFileOptions) {
    const bytes = await this.disk.readFile(filePath, options);
    this.deps.set(filePath, bytes ? `h:${hash(bytes)}` : '-');
    return bytes;
  }

  async stat(filePath: string) {
    const st = await this.disk.stat(filePath);
    // A later read of the same file records its hash, which says more than its size.
    if (!this.deps.get(filePath)?.startsWith('h:')) this.deps.set(filePath, stateOf(st));
    return st;
  }

  readDirectory(dirPath: string) {
    return this.disk.readDirectory(dirPath);
  }

  realpath(filePath: string) {
    return this.disk.realpath(filePath);
  }
}

function stateOf(st: { size: number; isFile: boolean; isDirectory: boolean } | undefined): string {
  return st ? `s:${st.isFile ? 'f' : st.isDirectory ? 'd' : 'o'}:${st.size}` : '-';
}

export class LintCache {
  private entries: Record<string, Entry> = {};
  private readonly used = new Set<string>();
  /** Mermaid verdicts by hash of the diagram text; insertion order = recency (used or added last = kept first). */
  private readonly diagrams = new Map<string, MermaidProblem[]>();
  private readonly cachedValidators = new WeakMap<MermaidValidator, MermaidValidator>();
  /** Whether this run may write the cache file (false when something that is not our cache sits there). */
  private writable = true;
  /**
   * Whether the file needs writing: something was stored or added, or the file was not read whole. A warm run that
   * changed nothing leaves it as it is (re-writing 0.9 MB for 1,000 case studies was a tenth of such a run).
   */
  private dirty = true;
  hits = 0;
  misses = 0;

  private constructor(
    readonly file: string,
    private readonly key: string,
    private readonly fs: FileSystem,
  ) {}

  /** Open the cache for a run; never throws for a bad cache file (it is reported through `note` and ignored). */
  static async open(
    location: string | undefined,
    cwd: string,
    mermaid: boolean,
    note: (message: string) => void,
    fs: FileSystem = syncNodeFileSystem,
  ): Promise<LintCache> {
    const file = cacheFilePath(location, cwd);
    const key = hash(
      JSON.stringify({
        version: VERSION,
        bundle: bundleHash(),
        rules: ALL_RULES.map((r) => [r.meta.id, r.meta.defaultSeverity]),
        mermaid,
      }),
    );
    const cache = new LintCache(file, key, fs);
    cache.load(note);
    return cache;
  }

  private load(note: (message: string) => void): void {
    const st = statSync(this.file, { throwIfNoEntry: false });
    if (!st) return;
    if (!st.isFile()) {
      note(`the cache location ${this.file} is not a file; the cache is not used.`);
      this.writable = false;
      return;
    }
    let text: string;
    try {
      if (st.size > MAX_CACHE_BYTES) throw new Error('too large');
      text = readFileSync(this.file, 'utf8');
    } catch (e) {
      note(`the cache file ${this.file} cannot be read (${(e as Error).message}); checking everything.`);
      return;
    }
    if (!text.startsWith(MAGIC)) {
      note(`${this.file} is not a Design Notes cache file; it is left as it is and no cache is used.`);
      this.writable = false;
      return;
    }
    let data: CacheFile;
    try {
      data = JSON.parse(text) as CacheFile;
    } catch {
      note(`the cache file ${this.file} is corrupt; it is ignored and rewritten.`);
      return;
    }
    if (data.key !== this.key) return; // Another version, build or rule set: start afresh, as ESLint does.
    const entries = data.entries;
    if (!entries || typeof entries !== 'object' || Array.isArray(entries)) {
      note(`the cache file ${this.file} is corrupt; it is ignored and rewritten.`);
      return;
    }
    for (const [owner, entry] of Object.entries(entries)) {
      if (!path.isAbsolute(owner) || !validEntry(entry, owner)) {
        note(
          `the cache file ${this.file} holds an entry that is out of shape; the whole cache is ignored and rewritten.`,
        );
        return;
      }
    }
    this.entries = Object.assign(Object.create(null), entries);
    const diagrams = data.mermaid;
    if (diagrams !== undefined) {
      if (
        !diagrams ||
        typeof diagrams !== 'object' ||
        Array.isArray(diagrams) ||
        !Object.values(diagrams).every(validProblems)
      ) {
        note(
          `the cache file ${this.file} holds Mermaid results that are out of shape; they are ignored and rewritten.`,
        );
        return;
      }
      for (const [k, problems] of Object.entries(diagrams)) this.diagrams.set(k, problems);
    }
    this.dirty = false;
  }

  /** `validator`, answering diagrams seen in an earlier run from the cache file. */
  private remembering(validator: MermaidValidator): MermaidValidator {
    let wrapped = this.cachedValidators.get(validator);
    if (!wrapped) {
      wrapped = {
        validate: async (text) => {
          const k = hash(text);
          const known = this.diagrams.get(k);
          if (known) {
            this.diagrams.delete(k);
            this.diagrams.set(k, known);
            return known;
          }
          const problems = await validator.validate(text);
          if (problems.every((p) => CACHED_KINDS.has(p.kind))) {
            this.diagrams.set(k, problems);
            this.dirty = true;
          }
          return problems;
        },
      };
      this.cachedValidators.set(validator, wrapped);
    }
    return wrapped;
  }

  /** The checker checkWorkspace uses for one config root. */
  checker(ws: WorkspaceConfig, linter: Linter, given: RuleServices): CaseStudyChecker {
    const services: RuleServices = given.mermaid ? { ...given, mermaid: this.remembering(given.mermaid) } : given;
    const configHash = hash(JSON.stringify([ws.configPath ?? null, ws.text ?? null]));
    return {
      caseStudy: async (cs, config) => {
        // The whole discovery result: file list, kinds (a README can fill several parts), one-file case studies.
        const files = hash(JSON.stringify([cs.name, cs.isFile ?? false, cs.files]));
        const cached = await this.lookup(cs.path, configHash, files);
        if (cached) return group(cached, cs);
        const recorder = new RecordingFileSystem(this.fs);
        const fresh = await new Linter({
          fs: recorder,
          services,
          rules: linter.rules,
          keepParsed: false,
        }).lintCaseStudy(cs, config);
        this.store(cs.path, {
          config: configHash,
          files,
          deps: [...recorder.deps],
          findings: [...fresh.values()].flat(),
        });
        return fresh;
      },
      file: async (filePath, config: ResolvedConfig) => {
        const cached = await this.lookup(filePath, configHash, '');
        if (cached) return cached;
        const recorder = new RecordingFileSystem(this.fs);
        const fresh = await new Linter({
          fs: recorder,
          services,
          rules: linter.rules,
          keepParsed: false,
        }).lintLooseFile(filePath, config);
        if (fresh) this.store(filePath, { config: configHash, files: '', deps: [...recorder.deps], findings: fresh });
        return fresh;
      },
    };
  }

  private async lookup(owner: string, config: string, files: string): Promise<Finding[] | undefined> {
    const entry = this.entries[owner];
    if (!entry || entry.config !== config || entry.files !== files || !(await this.unchanged(entry.deps))) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.used.add(owner);
    return entry.findings;
  }

  private async unchanged(deps: readonly Dependency[]): Promise<boolean> {
    for (const [p, state] of deps) {
      if (state.startsWith('h:')) {
        const bytes = await this.fs.readFile(p);
        if (!bytes || `h:${hash(bytes)}` !== state) return false;
      } else if (stateOf(await this.fs.stat(p)) !== state) return false;
    }
    return true;
  }

  private store(owner: string, entry: Entry): void {
    this.entries[owner] = entry;
    this.used.add(owner);
    this.dirty = true;
  }

  /**
   * Write the cache: whole or not at all (a temporary file renamed over it). Entries of this run, and earlier ones
   * for paths this run did not check (a run on one folder keeps the others' results), minus those whose folder or
   * file is gone.
   */
  async save(note: (message: string) => void): Promise<void> {
    if (!this.writable) return;
    const entries: Record<string, Entry> = {};
    let dropped = false;
    for (const [owner, entry] of Object.entries(this.entries)) {
      if (this.used.has(owner) || (await this.fs.stat(owner))) entries[owner] = entry;
      else dropped = true;
    }
    if (!this.dirty && !dropped) return;
    const diagrams = [...this.diagrams].slice(-MAX_CACHED_DIAGRAMS);
    const text = MAGIC + JSON.stringify({ key: this.key, entries, mermaid: Object.fromEntries(diagrams) }).slice(1);
    const temp = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      writeFileSync(temp, text, { flag: 'wx' });
      renameSync(temp, this.file);
    } catch (e) {
      rmSync(temp, { force: true });
      note(`the cache could not be written to ${this.file}: ${(e as Error).message}`);
    }
  }
}

/** Cached findings back into the shape lintCaseStudy returns: an entry (possibly empty) for every file. */
function group(findings: readonly Finding[], cs: CaseStudy): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>([[cs.path, []]]);
  for (const f of cs.files) out.set(f.path, []);
  for (const f of findings) {
    const list = out.get(f.path);
    if (list) list.push(f);
    else out.set(f.path, [f]);
  }
  return out;
}
