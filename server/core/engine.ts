import { path } from '../../common/path';
import type { CaseStudy } from './caseStudy';
import { isMermaidPath } from './caseStudy';
import { analyzeCaseStudy } from './caseStudyModel';
import { severityOf, type RequiredFileSpec, type ResolvedConfig } from './config';
import type { FileSystem } from './fileSystem';
import { parseMarkdown, splitLines, type MarkdownDocument } from './markdown';
import type { Report, Rule, RuleServices, SourceFile } from './rule';
import { ALL_RULES } from './rules';
import { FILE_SKIPPED } from './rules/fileSkipped';
import { LruCache } from './lruCache';
import type { Finding, FindingData, Range } from './types';

export type ReadResult = { ok: true; text: string } | { ok: false; reason: string; missing?: boolean };

/** Bytes looked at to tell text from binary; a NUL byte among them means "not text", as git and grep decide. */
const BINARY_SNIFF_BYTES = 8000;

export function formatBytes(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1)} MB`;
  if (n >= 1000) return `${(n / 1000).toFixed(1)} kB`;
  return `${n} bytes`;
}

function tooLarge(size: number, maxFileSize: number): ReadResult {
  return {
    ok: false,
    reason: `the file is ${formatBytes(size)}, over the ${formatBytes(maxFileSize)} limit ("maxFileSize" in .designnotes.json)`,
  };
}

/** Decode file bytes for checking, or say why the file is skipped. */
export function decodeFile(bytes: Uint8Array | undefined, maxFileSize: number): ReadResult {
  if (!bytes) return { ok: false, reason: 'the file cannot be read', missing: true };
  if (bytes.length > maxFileSize) return tooLarge(bytes.length, maxFileSize);
  const sniff = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < sniff; i++) {
    if (bytes[i] === 0) return { ok: false, reason: 'it is not a text file (it contains NUL bytes)' };
  }
  // Invalid UTF-8 becomes U+FFFD rather than an error: the rest of the text is still worth checking. The BOM is dropped.
  return { ok: true, text: new TextDecoder('utf-8', { fatal: false }).decode(bytes) };
}

/** The same checks as decodeFile, for text that is already decoded (an editor buffer). */
export function checkText(text: string, maxFileSize: number): ReadResult {
  // Editors hold UTF-16; text.length approximates the byte size closely enough for a safety limit.
  if (text.length > maxFileSize) {
    return {
      ok: false,
      reason: `the file is ${formatBytes(text.length)}, over the ${formatBytes(maxFileSize)} limit ("maxFileSize" in .designnotes.json)`,
    };
  }
  if (text.slice(0, BINARY_SNIFF_BYTES).includes('\0'))
    return { ok: false, reason: 'it is not a text file (it contains NUL bytes)' };
  return { ok: true, text };
}

/** A standalone Mermaid file is one diagram: present it to rules as a document with a single fence covering the file. */
export function mermaidFileDocument(text: string): MarkdownDocument {
  const lines = splitLines(text);
  const content = lines.join('\n') + '\n';
  return {
    text,
    lines,
    headings: [],
    fences: [
      {
        info: 'mermaid',
        lang: 'mermaid',
        content,
        contentLines: lines.map((_, i) => ({ line: i, character: 0 })),
        openLine: 0,
        closeLine: Math.max(0, lines.length - 1),
        openRange: { start: { line: 0, character: 0 }, end: { line: 0, character: lines[0]?.length ?? 0 } },
        headingIndex: -1,
      },
    ],
    links: [],
    listItems: [],
    proseLines: new Set(),
    tableLines: new Set(),
    frontMatterLines: 0,
    hasContent: text.trim() !== '',
    placeholders: [],
  };
}

export function sourceFileFromText(filePath: string, text: string, kind?: string): SourceFile {
  const isMermaidFile = isMermaidPath(filePath);
  return {
    path: filePath,
    text,
    doc: isMermaidFile ? mermaidFileDocument(text) : parseMarkdown(text),
    kind,
    isMermaidFile,
  };
}

export interface LinterOptions {
  fs: FileSystem;
  services?: RuleServices;
  rules?: readonly Rule[];
  /**
   * Keep parsed files between checks (default: the most recently used, up to PARSE_CACHE_DEFAULTS): the language
   * server re-checks a case study on every keystroke and re-parses only the file that changed. Bounded, so the
   * server's memory does not grow with the workspace (a file evicted is read and parsed again when next needed;
   * the parse is deterministic, so findings do not change). A one-shot CLI run reads each file once: `false`.
   */
  keepParsed?: boolean | { maxFiles: number; maxChars: number };
}

/** The parse cache's default bound: a few hundred case studies' files, at most ~20 MB of text (UTF-16). */
export const PARSE_CACHE_DEFAULTS = { maxFiles: 600, maxChars: 10_000_000 } as const;

/**
 * The rule engine. Pure apart from file reads through the injected FileSystem; the language server and the CLI
 * both drive it. Parsed files are cached by path and text, so re-checking a case study after one file changed
 * re-parses only that file.
 */
export class Linter {
  readonly rules: readonly Rule[];
  private readonly fs: FileSystem;
  private readonly services: RuleServices;
  private readonly parsed: LruCache<string, SourceFile> | undefined;

  constructor(options: LinterOptions) {
    this.fs = options.fs;
    this.services = options.services ?? {};
    this.rules = options.rules ?? ALL_RULES;
    const keep = options.keepParsed ?? true;
    const bound = keep === true ? PARSE_CACHE_DEFAULTS : keep;
    this.parsed = bound
      ? new LruCache(bound.maxFiles, {
          maxWeight: bound.maxChars,
          weigh: (_path, file: SourceFile) => file.text.length,
        })
      : undefined;
  }

  get ruleIds(): string[] {
    return this.rules.map((r) => r.meta.id);
  }

  /** Parse text for a path, reusing the previous parse when the text is unchanged. */
  parse(filePath: string, text: string, kind?: string): SourceFile {
    const cached = this.parsed?.get(filePath);
    if (cached && cached.text === text) {
      cached.kind = kind;
      return cached;
    }
    const file = sourceFileFromText(filePath, text, kind);
    this.parsed?.set(filePath, file);
    return file;
  }

  forget(filePath: string): void {
    this.parsed?.delete(filePath);
  }

  /** Files whose parse is kept now (for tests and the benchmark). */
  get parsedCount(): number {
    return this.parsed?.size ?? 0;
  }

  async read(
    filePath: string,
    config: ResolvedConfig,
    kind?: string,
  ): Promise<{ file?: SourceFile; skipped?: string; missing?: boolean }> {
    const inMemory = this.fs.readText?.(filePath);
    const result =
      inMemory !== undefined
        ? checkText(inMemory, config.maxFileSize)
        : await this.readFromDisk(filePath, config.maxFileSize);
    if (!result.ok) return { skipped: result.reason, missing: result.missing };
    return { file: this.parse(filePath, result.text, kind) };
  }

  /**
   * Look before reading: a file over the size limit is skipped without loading it (it may be gigabytes), a FIFO or
   * device is never opened (reading one can block forever or never end), and a file that exists but cannot be read
   * (permissions, I/O error) is reported as skipped instead of silently looking absent.
   */
  private async readFromDisk(filePath: string, maxFileSize: number): Promise<ReadResult> {
    const st = await this.fs.stat(filePath);
    if (!st) return decodeFile(undefined, maxFileSize);
    if (!st.isFile)
      return { ok: false, reason: st.isDirectory ? 'it is a folder, not a file' : 'it is not a regular file' };
    if (st.size > maxFileSize) return tooLarge(st.size, maxFileSize);
    const bytes = await this.fs.readFile(filePath);
    if (!bytes) return { ok: false, reason: 'the file cannot be read (check its permissions)' };
    return decodeFile(bytes, maxFileSize);
  }

  private collector(config: ResolvedConfig, rule: Rule, defaultPath: string, out: Finding[]) {
    const severity = severityOf(config, rule.meta.id, rule.meta.defaultSeverity);
    return (r: Report<FindingData>) => {
      if (severity === 'off') return;
      out.push({
        ruleId: rule.meta.id,
        severity: r.severity ?? severity,
        message: r.message,
        path: r.path ?? defaultPath,
        range: r.range,
        detail: r.detail,
        related: r.related,
        data: r.data,
      });
    };
  }

  private active(config: ResolvedConfig): Rule[] {
    return this.rules.filter((r) => severityOf(config, r.meta.id, r.meta.defaultSeverity) !== 'off');
  }

  /** Run the per-file rules on one file. Rule failures become findings instead of escaping. */
  async lintFile(file: SourceFile, config: ResolvedConfig, caseStudy?: CaseStudy): Promise<Finding[]> {
    const out: Finding[] = [];
    const entry = caseStudy?.files.find((f) => f.path === file.path);
    const kinds = entry?.kinds ?? (file.kind ? [file.kind] : []);
    const specs = kinds
      .map((k) => config.requiredFiles.find((s) => s.id === k))
      .filter((s): s is RequiredFileSpec => !!s);
    const spec: RequiredFileSpec | undefined = specs[0];
    for (const rule of this.active(config)) {
      if (!rule.checkFile) continue;
      if (!caseStudy && rule.meta.scope !== 'anywhere') continue;
      const report = this.collector(config, rule, file.path, out);
      try {
        await rule.checkFile({ file, caseStudy, spec, specs, config, services: this.services, report });
      } catch (e) {
        out.push(internalError(rule, file.path, e));
      }
    }
    return out;
  }

  /** Check a file outside any case study; undefined when it is gone (nothing to report for it). */
  async lintLooseFile(filePath: string, config: ResolvedConfig): Promise<Finding[] | undefined> {
    const { file, skipped, missing } = await this.read(filePath, config);
    if (file) return this.lintFile(file, config);
    if (skipped && !missing) return [skippedFinding(config, filePath, skipped)];
    return undefined;
  }

  /**
   * Check a whole case study: case-study rules plus per-file rules for each of its files. Results are keyed by the
   * path they belong to; every file of the case study has an entry (possibly empty) so callers can clear old results.
   */
  async lintCaseStudy(
    caseStudy: CaseStudy,
    config: ResolvedConfig,
    options: { fileRules?: boolean } = {},
  ): Promise<Map<string, Finding[]>> {
    const results = new Map<string, Finding[]>();
    const files = new Map<string, SourceFile>();
    const push = (f: Finding) => {
      const list = results.get(f.path);
      if (list) list.push(f);
      else results.set(f.path, [f]);
    };
    results.set(caseStudy.path, []);
    for (const entry of caseStudy.files) {
      results.set(entry.path, []);
      const { file, skipped, missing } = await this.read(entry.path, config, entry.kind);
      if (file) files.set(entry.path, file);
      else if (skipped && !missing) push(skippedFinding(config, entry.path, skipped));
    }
    const model = analyzeCaseStudy(caseStudy, files, config);
    for (const rule of this.active(config)) {
      if (!rule.checkCaseStudy) continue;
      const out: Finding[] = [];
      const report = this.collector(config, rule, caseStudy.path, out);
      try {
        await rule.checkCaseStudy({
          caseStudy,
          files,
          model,
          config,
          services: this.services,
          report,
          readFile: async (p) => files.get(p) ?? (await this.read(p, config)).file,
        });
      } catch (e) {
        out.push(internalError(rule, caseStudy.path, e));
      }
      out.forEach(push);
    }
    if (options.fileRules !== false) {
      for (const file of files.values()) (await this.lintFile(file, config, caseStudy)).forEach(push);
    }
    return results;
  }
}

export function skippedFinding(config: ResolvedConfig, filePath: string, reason: string): Finding {
  const severity = severityOf(config, FILE_SKIPPED.meta.id, FILE_SKIPPED.meta.defaultSeverity);
  return {
    ruleId: FILE_SKIPPED.meta.id,
    severity: severity === 'off' ? 'info' : severity,
    message: `Not checked: ${reason}.`,
    path: filePath,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    data: { kind: 'skipped', reason },
  };
}

function internalError(rule: Rule, filePath: string, e: unknown): Finding {
  const zero: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return {
    ruleId: rule.meta.id,
    severity: 'info',
    message: `Rule ${rule.meta.id} could not check this file (internal error: ${e instanceof Error ? e.message : String(e)}). Please report it.`,
    path: filePath,
    range: zero,
    detail: e instanceof Error ? e.stack : undefined,
  };
}

/** Sort findings by path, then position, then rule id — the order compilers print in. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      a.path.localeCompare(b.path) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

export function relativeTo(root: string, p: string): string {
  const rel = path.relative(root, p);
  return rel && !rel.startsWith('..') ? rel : p;
}
