import type { CaseStudy } from './caseStudy';
import type { ResolvedConfig } from './config';
import type { SourceFile } from './rule';
import { findSection } from './sections';
import type { Finding, Severity } from './types';

export interface SectionSummary {
  title: string;
  level: number;
  line: number;
  empty: boolean;
}

export interface FileSummary {
  path: string;
  relative: string;
  kind?: string;
  sections: SectionSummary[];
  diagrams: number;
  findings: Record<Severity, number>;
}

export interface CaseStudySummary {
  name: string;
  path: string;
  /** Title from the requirements file's first heading, else the folder name. */
  title: string;
  files: FileSummary[];
  /** Required files absent, by file name. */
  missingFiles: string[];
  requiredFiles: { total: number; present: number };
  requiredSections: { total: number; filled: number };
  diagrams: { total: number; invalid: number };
  findings: Record<Severity, number>;
  /** 0..1: share of required files present and required sections filled, minus nothing for style findings. */
  completeness: number;
}

function count(findings: Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

/**
 * The state of one case study at a glance, for the explorer view and the index: which required files and sections
 * are there, how many diagrams (and broken ones), findings by severity. Pure: works from parsed files and findings.
 */
export function summarizeCaseStudy(cs: CaseStudy, files: Map<string, SourceFile>, findingsByPath: (p: string) => Finding[], config: ResolvedConfig): CaseStudySummary {
  const fileSummaries: FileSummary[] = [];
  let sectionsTotal = 0;
  let sectionsFilled = 0;
  let diagrams = 0;
  let title = cs.name;
  for (const entry of cs.files) {
    const file = files.get(entry.path);
    const findings = findingsByPath(entry.path);
    const fenceCount = file ? file.doc.fences.filter((f) => f.lang === 'mermaid').length : 0;
    diagrams += fenceCount;
    fileSummaries.push({
      path: entry.path,
      relative: entry.relative,
      kind: entry.kind,
      sections: file ? file.doc.headings.filter((h) => h.level <= 3).map((h) => ({ title: h.text, level: h.level, line: h.line, empty: !h.hasContent })) : [],
      diagrams: fenceCount,
      findings: count(findings),
    });
    if (entry.kind === 'requirements' && file?.doc.headings[0]) title = withoutRequirementsSuffix(file.doc.headings[0].text) || cs.name;
  }
  for (const spec of config.requiredFiles) {
    const entry = cs.files.find((f) => f.kind === spec.id);
    const file = entry && files.get(entry.path);
    sectionsTotal += spec.sections.length;
    if (!file) continue;
    for (const s of spec.sections) {
      const i = findSection(file.doc, s);
      if (i >= 0 && file.doc.headings[i].hasContent) sectionsFilled++;
    }
  }
  const present = config.requiredFiles.filter((s) => cs.files.some((f) => f.kind === s.id)).length;
  const all = [...cs.files.map((f) => f.path), cs.path].flatMap(findingsByPath);
  const invalid = all.filter((f) => f.ruleId === 'mermaid-syntax' && f.severity !== 'info').length;
  const parts = config.requiredFiles.length + sectionsTotal;
  return {
    name: cs.name,
    path: cs.path,
    title,
    files: fileSummaries,
    missingFiles: config.requiredFiles.filter((s) => !cs.files.some((f) => f.kind === s.id)).map((s) => s.fileName),
    requiredFiles: { total: config.requiredFiles.length, present },
    requiredSections: { total: sectionsTotal, filled: sectionsFilled },
    diagrams: { total: diagrams, invalid },
    findings: count(all),
    completeness: parts ? (present + sectionsFilled) / parts : 1,
  };
}

/**
 * "Chat System — Requirements" → "Chat System". The leading `\s*` is trimmed separately: as part of the regex it made
 * every space of a long heading a start that scanned the rest of it (quadratic).
 */
function withoutRequirementsSuffix(title: string): string {
  const m = /[-—–:]\s*requirements\s*$/i.exec(title);
  return m ? title.slice(0, m.index).trimEnd() : title;
}
