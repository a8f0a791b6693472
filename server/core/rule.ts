import type { ResolvedConfig, RequiredFileSpec } from './config';
import type { CaseStudy } from './caseStudy';
import type { CaseStudyModel } from './caseStudyModel';
import type { MarkdownDocument } from './markdown';
import type { RuleFixes } from './fixes';
import type { Finding, Range, RelatedInformation, Severity, SeveritySetting } from './types';

/** A Markdown (or .mmd) file the engine looks at, already read and parsed. */
export interface SourceFile {
  /** Absolute file-system path. */
  path: string;
  text: string;
  /** Parsed Markdown; for standalone Mermaid files, a document whose only fence is the whole file. */
  doc: MarkdownDocument;
  /** The required-file kind this file fills in its case study (e.g. "requirements"), if any. */
  kind?: string;
  /** Standalone Mermaid file (.mmd / .mermaid). */
  isMermaidFile?: boolean;
}

/** What a rule reports; `Data` is the rule's own finding-data type (the facts its quick fixes need). */
export interface Report<Data = never> {
  message: string;
  range: Range;
  /** Defaults to the file being checked (file rules) or the case-study folder (case-study rules). */
  path?: string;
  detail?: string;
  related?: RelatedInformation[];
  data?: Data;
  /** Overrides the configured severity for this one finding (used for "could not check" notes). */
  severity?: Severity;
}

/** Services that are not pure computation; injected so rules stay testable and the core stays editor-free. */
export interface RuleServices {
  mermaid?: MermaidValidator;
}

/** Problem found by the Mermaid parser, in the coordinates of the block's own text (0-based). */
export interface MermaidProblem {
  range: Range;
  message: string;
  detail?: string;
  kind: 'syntax' | 'unknown-diagram' | 'timeout' | 'too-large';
  suggestions?: string[];
  /** A clear fix for a common mistake: replace `range` (block-relative) with `newText`. */
  fix?: { title: string; range: Range; newText: string };
}

export interface MermaidValidator {
  validate(text: string): Promise<MermaidProblem[]>;
}

interface ContextBase<Data> {
  config: ResolvedConfig;
  services: RuleServices;
  report(finding: Report<Data>): void;
}

export interface FileRuleContext<Data = never> extends ContextBase<Data> {
  file: SourceFile;
  /** The case study the file belongs to, when it belongs to one. */
  caseStudy?: CaseStudy;
  /** Spec of the required file this file fills, when it fills one (the first of `specs`). */
  spec?: RequiredFileSpec;
  /** Every required part this file fills by its name (one README.md may be requirements and design). */
  specs?: RequiredFileSpec[];
}

export interface CaseStudyRuleContext<Data = never> extends ContextBase<Data> {
  caseStudy: CaseStudy;
  /** Parsed files of the case study, keyed by path. */
  files: Map<string, SourceFile>;
  /** The case study's kind and where its parts are written (files by name, or sections of other files). */
  model: CaseStudyModel;
  /** Read and parse another file (e.g. a linked diagram file); undefined if unreadable. */
  readFile(path: string): Promise<SourceFile | undefined>;
}

export interface RuleMeta {
  id: string;
  description: string;
  defaultSeverity: SeveritySetting;
  /** Markdown for the README rules table and hovers: why it matters and how to fix it. */
  docs: string;
  /** A small example of text that triggers the rule. */
  example?: string;
  /**
   * Where the per-file check runs: `case-study` (default) on the files of case studies only; `anywhere` also on
   * Markdown outside case studies. Design-quality rules read a tutorial's bad example or reading notes as a
   * flawed design, so outside case studies only syntax (Mermaid) is checked.
   */
  scope?: 'case-study' | 'anywhere';
}

/**
 * A rule looks at one file at a time, or at a whole case study (several files together). It is one self-contained
 * unit: its metadata, its check, the type of the data its findings carry (`Data`) and the quick fixes built from
 * that data all live in its module; the finding-data union (`FindingData`) is derived from the registry.
 */
export interface Rule<Data = never> {
  meta: RuleMeta;
  checkFile?(ctx: FileRuleContext<Data>): void | Promise<void>;
  checkCaseStudy?(ctx: CaseStudyRuleContext<Data>): void | Promise<void>;
  fixes?: RuleFixes<Data>;
}

/** The finding-data type of a rule. */
export type DataOf<R> = R extends Rule<infer Data> ? Data : never;

export type { Finding };
