import { severityOf, type ResolvedConfig } from '../config';
import type { FixContext, QuickFix, TextEdit } from '../fixes';
import type { DataOf, Rule } from '../rule';
import type { Range } from '../types';
import { emptySection } from './emptySection';
import { estimateMath } from './estimateMath';
import { FILE_SKIPPED } from './fileSkipped';
import { missingFile } from './missingFile';
import { missingSection } from './missingSection';
import { mermaidSyntax } from './mermaidSyntax';
import { noAlternatives } from './noAlternatives';
import { noDiagram } from './noDiagram';
import { placeholder } from './placeholder';
import { stubFile } from './stubFile';
import { unquantifiedNfr } from './unquantifiedNfr';

/** Every rule, in the order of the README table. Adding a rule here is all it takes to run it everywhere. */
const RULES = [
  missingFile,
  stubFile,
  missingSection,
  emptySection,
  noDiagram,
  mermaidSyntax,
  unquantifiedNfr,
  noAlternatives,
  placeholder,
  estimateMath,
  FILE_SKIPPED,
] as const;

export const ALL_RULES: readonly Rule<unknown>[] = RULES;

/** The data any finding may carry: the union of the rules' own data types. */
export type FindingData = DataOf<(typeof RULES)[number]>;

export function ruleById(id: string): Rule<unknown> | undefined {
  return ALL_RULES.find((r) => r.meta.id === id);
}

/**
 * Quick fixes for one finding, built by its rule from the facts the rule put in its data. The data must be the
 * engine's own finding's: a diagnostic's `data` sent back by an editor is not trusted (the server looks the finding
 * up in its own results first, see server/features/codeActions.ts).
 */
export function quickFixesFor(ruleId: string, data: unknown, range: Range, ctx: Omit<FixContext, 'spec'>): QuickFix[] {
  const rule = ruleById(ruleId);
  if (!rule?.fixes || data === undefined || data === null) return [];
  return rule.fixes.build({ data, range }, ctx).map((fix) => ({ ...fix, ruleId }));
}

/** How `lint --fix` applies a finding's preferred fix without asking (see `RuleFixes.unattended`), or undefined. */
export function unattendedFix(
  ruleId: string,
  data: unknown,
  range: Range,
  ctx: Pick<FixContext, 'specs'>,
): { replaces?: string; order?: number } | undefined {
  const rule = ruleById(ruleId);
  if (!rule?.fixes?.unattended || data === undefined || data === null) return undefined;
  return rule.fixes.unattended({ data, range }, ctx.specs);
}

/**
 * Fix-all of a file (`source.fixAll.designNotes`): every rule's part, merged in the rules' order (for the section
 * rules, template order: missing sections inserted, empty ones filled). Every edit is computed against the original
 * text, so the edits never overlap. Only rules that are on take part: a rule switched off (`"off"` in the config or
 * the editor's settings) reports nothing, so it fixes nothing either.
 */
export function fixAllSections(ctx: FixContext, config: ResolvedConfig): TextEdit[] {
  const ordered = ALL_RULES.filter(
    (rule) => severityOf(config, rule.meta.id, rule.meta.defaultSeverity) !== 'off',
  ).flatMap((rule) => rule.fixes?.fixAll?.(ctx) ?? []);
  // A stable sort: edits of equal order keep the rules' order.
  return ordered.sort((a, b) => a.order - b.order).map((o) => o.edit);
}
