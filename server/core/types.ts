// Editor-free types shared by the rule engine, the language server and the CLI.
// Positions follow LSP conventions (0-based line, UTF-16 character) so the server can pass them through
// unchanged, but nothing here depends on LSP or VS Code.
import type { FindingData } from './rules';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

export interface RelatedInformation {
  path: string;
  range: Range;
  message: string;
}

/** One problem found by a rule. `path` is an absolute file-system path (a file, or a case-study folder). */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  path: string;
  range: Range;
  /** Longer explanation (for hovers / related information), e.g. Mermaid's full error text. */
  detail?: string;
  related?: RelatedInformation[];
  /** Machine-readable facts a quick fix needs (e.g. which file or section is missing). */
  data?: FindingData;
}

/** The data of any rule's findings: the union of the rules' own data types (see `Rule` and the registry). */
export type { FindingData };

export function range(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

export const ZERO_RANGE: Range = range(0, 0, 0, 0);
