// Words and states for the case-study explorer, from the server's CaseStudySummary. Pure (no `vscode` import),
// so the exact wording is unit-tested under node:test.
import type { CaseStudySummary, FileSummary, Severity } from '../../common/protocol';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "1 error, 2 warnings"; info findings only when nothing worse; "no problems" when clean. */
export function describeFindings(findings: Record<Severity, number>): string {
  const parts: string[] = [];
  if (findings.error) parts.push(plural(findings.error, 'error'));
  if (findings.warning) parts.push(plural(findings.warning, 'warning'));
  if (!parts.length && findings.info) parts.push(plural(findings.info, 'note'));
  return parts.join(', ') || 'no problems';
}

/** The one-line completeness indicator: "3/3 files · 5/6 sections · 2 diagrams · 1 error, 2 warnings". */
export function describeCaseStudy(
  s: Pick<CaseStudySummary, 'requiredFiles' | 'requiredSections' | 'diagrams' | 'findings'>,
): string {
  const diagrams = s.diagrams.invalid
    ? `${plural(s.diagrams.total, 'diagram')} (${s.diagrams.invalid} invalid)`
    : plural(s.diagrams.total, 'diagram');
  return [
    `${s.requiredFiles.present}/${s.requiredFiles.total} files`,
    `${s.requiredSections.filled}/${s.requiredSections.total} sections`,
    diagrams,
    describeFindings(s.findings),
  ].join(' · ');
}

/** "4 sections · 1 diagram · 1 warning" for a file row (parts with nothing to say are left out). */
export function describeFile(f: Pick<FileSummary, 'sections' | 'diagrams' | 'findings'>): string {
  const parts = [plural(f.sections.filter((s) => s.level > 1).length, 'section')];
  if (f.diagrams) parts.push(plural(f.diagrams, 'diagram'));
  if (f.findings.error || f.findings.warning) parts.push(describeFindings(f.findings));
  return parts.join(' · ');
}

/**
 * The state the icon shows. Errors first (something is broken), then missing parts (work to do), then
 * warnings (done but could be better), then complete.
 */
export type CaseStudyState = 'errors' | 'incomplete' | 'warnings' | 'complete';

export function caseStudyState(s: Pick<CaseStudySummary, 'completeness' | 'findings'>): CaseStudyState {
  if (s.findings.error) return 'errors';
  if (s.completeness < 1) return 'incomplete';
  if (s.findings.warning) return 'warnings';
  return 'complete';
}

/** Codicon id and theme color id per state (the view turns them into a ThemeIcon). */
export const STATE_ICONS: Record<CaseStudyState, { icon: string; color: string }> = {
  errors: { icon: 'error', color: 'problemsErrorIcon.foreground' },
  incomplete: { icon: 'circle-large-outline', color: 'problemsWarningIcon.foreground' },
  warnings: { icon: 'warning', color: 'problemsWarningIcon.foreground' },
  complete: { icon: 'pass', color: 'testing.iconPassed' },
};

/** Tooltip text (Markdown): the title, the completeness in words, and what is missing. */
export function caseStudyTooltip(s: CaseStudySummary, relativePath: string): string {
  const lines = [
    `**${escapeMarkdown(s.title)}** — \`${relativePath}\``,
    '',
    `${Math.floor(s.completeness * 100)}% complete: ${describeCaseStudy(s)}`,
  ];
  if (s.missingFiles.length) lines.push('', `Missing: ${s.missingFiles.map((f) => `\`${f}\``).join(', ')}`);
  const empty = s.files.flatMap((f) =>
    f.sections
      .filter((x) => x.empty && x.level > 1)
      .map((x) => `${escapeMarkdown(x.title)} (${escapeMarkdown(f.relative)})`),
  );
  if (empty.length) lines.push('', `Empty sections: ${empty.join(', ')}`);
  return lines.join('\n');
}

function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
