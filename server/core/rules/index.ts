import type { Rule } from '../rule';
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
export const ALL_RULES: readonly Rule[] = [
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
];

export function ruleById(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.meta.id === id);
}
