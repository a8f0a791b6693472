// `--format gitlab`: GitLab Code Quality report (artifacts:reports:codequality), a JSON array of issues with the
// fields GitLab documents as required: description, check_name, fingerprint, severity, location.path and
// location.lines.begin (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format).
import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../../core/types';
import { displayPath } from '../io';

const SEVERITY: Record<Severity, 'major' | 'minor' | 'info'> = { error: 'major', warning: 'minor', info: 'info' };

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number; end: number } };
}

/**
 * The fingerprint identifies an issue across pipelines, so GitLab can tell new issues from fixed ones in a merge
 * request. It leaves the line number out (an edit above a finding must not make it look new) and counts repeats of
 * the same finding in a file instead, so two identical findings in one file still differ.
 */
export function formatGitlab(findings: Finding[], cwd: string): string {
  const seen = new Map<string, number>();
  const issues: CodeQualityIssue[] = findings.map((f) => {
    const file = displayPath(f.path, cwd);
    const identity = `${file}\0${f.ruleId}\0${f.message}`;
    const n = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, n);
    return {
      description: f.message,
      check_name: f.ruleId,
      fingerprint: createHash('sha256').update(`${identity}\0${n}`).digest('hex'),
      severity: SEVERITY[f.severity],
      location: { path: file, lines: { begin: f.range.start.line + 1, end: f.range.end.line + 1 } },
    };
  });
  return JSON.stringify(issues, null, 2) + '\n';
}
