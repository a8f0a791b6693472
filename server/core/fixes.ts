// What quick fixes are made of: the edit and fix shapes, the context a rule's fix builder gets, and the template sets
// and variables fixes write with.
// Each rule builds its own fixes (its `fixes` member, in server/core/rules/<rule>.ts); the editor's code actions and
// `lint --fix` look them up through the rule registry (server/core/rules/index.ts).
import type { RequiredFileSpec } from './config';
import type { MarkdownDocument } from './markdown';
import type { TemplateLookup, TemplateSet } from './scaffold/templates';
import { isoDate, titleFromFolderName } from '../../common/scaffold/names';
import type { Range } from './types';

/** A text edit in the document being fixed (LSP-shaped, so the server passes it through). */
export interface TextEdit {
  range: Range;
  newText: string;
}

export interface QuickFix {
  title: string;
  /** Diagnostics' rule id this fix answers. */
  ruleId: string;
  /** Edits to the current document. */
  edits: TextEdit[];
  /** A file to create (never overwriting) with its content; the editor opens it afterwards. */
  createFile?: { path: string; text: string };
  isPreferred?: boolean;
}

export interface FixContext {
  doc: MarkdownDocument;
  /** Spec of the file being fixed (for fix-all: the sections of this file). */
  spec?: RequiredFileSpec;
  specs: readonly RequiredFileSpec[];
  lookup: TemplateLookup;
  /** Whether a path exists (a created file must never replace one). */
  exists(path: string): boolean;
}

/**
 * Template sets in the order fixes look in them: the team's own sets first (a fix should write what the team's
 * template says), then the built-in standard set as the fallback for kinds the team's sets do not cover.
 */
export function fixTemplateSets(sets: readonly TemplateSet[]): TemplateSet[] {
  const own = sets.filter((set) => !set.builtin);
  const standard = sets.filter((set) => set.builtin && set.id === 'standard');
  return [...own, ...standard, ...sets.filter((set) => set.builtin && set.id !== 'standard')];
}

/** Template variables for fixes in a case study (named by its folder), shared by the editor and `lint --fix`. */
export function fixTemplateVars(caseStudyName: string | undefined): NonNullable<TemplateLookup['vars']> {
  return {
    title: caseStudyName ? titleFromFolderName(caseStudyName) : '',
    slug: caseStudyName ?? '',
    date: isoDate(),
    author: '',
  };
}

/** The finding a fix builder answers: its rule's own data, and where it was reported. */
export interface FixTarget<Data> {
  data: Data;
  range: Range;
}

/** An edit of fix-all, with its place among the edits of all rules (edits at one place apply in this order). */
export interface OrderedEdit {
  order: number;
  edit: TextEdit;
}

/** One line of the README's quick-fix table: a fix a rule offers, as the user sees it. */
export interface FixDoc {
  /** Which of the rule's findings it answers, when not all ("unknown diagram type"). */
  when?: string;
  /** Its title in the lightbulb, with an example where the title names something. */
  title: string;
  /** What it does, in a sentence. */
  does: string;
}

/**
 * A rule's quick fixes, kept in the rule's module: built from the facts the rule put in its finding's data (typed by
 * the rule's own data type), and described for the README.
 */
export interface RuleFixes<Data> {
  docs: readonly FixDoc[];
  /** The fixes of one finding (the editor's lightbulb; the preferred one is what `lint --fix` would apply). */
  build(finding: FixTarget<Data>, ctx: Omit<FixContext, 'spec'>): Omit<QuickFix, 'ruleId'>[];
  /**
   * Whether `lint --fix` applies this finding's preferred fix without asking, and how: undefined when it needs a
   * person's judgement; else the one text its edit may replace (none: it only inserts), and its order among the
   * fixes of one file (insertions at one place are applied in this order).
   */
  unattended?(
    finding: FixTarget<Data>,
    specs: readonly RequiredFileSpec[],
  ): { replaces?: string; order?: number } | undefined;
  /** This rule's part of fix-all (`source.fixAll.designNotes`): edits computed against the original text. */
  fixAll?(ctx: FixContext): OrderedEdit[];
}
