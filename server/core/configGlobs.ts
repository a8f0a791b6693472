// A "caseStudies" glob in .designnotes.json that matches no folder is almost always a typo ("case-study/*" for
// "case-studies/*"), and its only symptom would be silence: nothing is checked. It is reported on the glob itself.
import { path, pathsIgnoreCase } from '../../common/path';
import { findNodeAtLocation } from 'jsonc-parser';
import { compileGlob } from './glob';
import type { CaseStudy } from './caseStudy';
import { isTooComplexGlob, type ConfigProblem } from './config';
import { parseJsonTree, rangeOf } from './jsonText';

/** Warnings for the config's own `caseStudies` globs that matched none of the case studies found under `root`. */
export function unmatchedCaseStudyGlobs(
  configText: string,
  root: string,
  caseStudies: readonly CaseStudy[],
): ConfigProblem[] {
  const tree = parseJsonTree(configText);
  const node = tree && findNodeAtLocation(tree, ['caseStudies']);
  if (!node || node.type !== 'array' || !node.children) return [];
  const folders = caseStudies.map((c) => path.relative(root, c.path).split(path.sep).join('/'));
  const problems: ConfigProblem[] = [];
  for (const child of node.children) {
    // Not strings, empty or too complex: loadConfig reports those.
    if (child.type !== 'string' || typeof child.value !== 'string' || !child.value || isTooComplexGlob(child.value))
      continue;
    const matches = compileGlob(child.value, { dot: false, nocase: pathsIgnoreCase() });
    if (!matches) continue;
    if (folders.some((f) => matches(f))) continue;
    problems.push({
      message: `No folder matches "${child.value}", so no case study is found through it. Check the spelling (paths are relative to this file's folder).`,
      range: rangeOf(configText, child.offset, child.length),
      severity: 'warning',
    });
  }
  return problems;
}
