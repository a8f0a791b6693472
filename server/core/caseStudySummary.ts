import type { CaseStudy } from './caseStudy';
import { analyzeCaseStudy } from './caseStudyModel';
import type { CaseStudyKind, ResolvedConfig } from './config';
import type { SourceFile } from './rule';
import { findSection, hasSection } from './sections';
import { isStub } from './stubs';
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
  /** design, postmortem, adr or notes: only designs are held to the required parts. */
  kind?: CaseStudyKind;
  /** Required parts written nowhere (no file, no section), by the file name that would hold them. */
  missingFiles: string[];
  requiredFiles: { total: number; present: number };
  requiredSections: { total: number; filled: number };
  diagrams: { total: number; invalid: number };
  findings: Record<Severity, number>;
  /** 0..1: share of required files present and written (not stubs) and required sections filled, minus nothing for style findings. */
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
export function summarizeCaseStudy(
  cs: CaseStudy,
  files: Map<string, SourceFile>,
  findingsByPath: (p: string) => Finding[],
  config: ResolvedConfig,
): CaseStudySummary {
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
      sections: file
        ? file.doc.headings
            .filter((h) => h.level <= 3)
            .map((h) => ({ title: h.text, level: h.level, line: h.line, empty: !h.hasContent }))
        : [],
      diagrams: fenceCount,
      findings: count(findings),
    });
    if (entry.kind === 'requirements' && file?.doc.headings[0])
      title = withoutRequirementsSuffix(file.doc.headings[0].text) || cs.name;
  }
  const model = analyzeCaseStudy(cs, files, config);
  const design = model.kind === 'design';
  for (const spec of design ? config.requiredFiles : []) {
    const entry = cs.files.find((f) => f.kind === spec.id);
    const file = entry && files.get(entry.path);
    // A part written as a section of another file is not held to the part's own sections (missing-section agrees).
    if (!file && model.parts.get(spec.id)?.length) continue;
    sectionsTotal += spec.sections.length;
    if (!file) continue;
    for (const s of spec.sections) {
      const i = findSection(file.doc, s);
      if (i >= 0 ? file.doc.headings[i].hasContent : hasSection(file.doc, s)) sectionsFilled++;
    }
  }
  const required = design ? config.requiredFiles.length : 0;
  // A stub ("# Trade-offs" and "*Coming soon…*") is there but not written: it does not make the case study more complete.
  const written = (p: string) => {
    const file = files.get(p);
    return !!file && (file.isMermaidFile || !isStub(file.doc));
  };
  const present = design
    ? config.requiredFiles.filter((s) => (model.parts.get(s.id) ?? []).some((place) => written(place.path))).length
    : 0;
  const all = [...cs.files.map((f) => f.path), cs.path].flatMap(findingsByPath);
  const invalid = all.filter((f) => f.ruleId === 'mermaid-syntax' && f.severity !== 'info').length;
  const parts = required + sectionsTotal;
  return {
    name: cs.name,
    path: cs.path,
    title,
    files: fileSummaries,
    kind: model.kind,
    missingFiles: model.missing.map((s) => s.fileName),
    requiredFiles: { total: required, present },
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
