// Report formats beside text (which lint.ts writes for the terminal). Each format is one module.
import type { Finding } from '../../core/types';
import { formatSarif } from '../sarif';
import { formatGithub } from './github';
import { formatGitlab } from './gitlab';
import { formatJunit } from './junit';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'github', 'junit', 'gitlab'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(s: string): s is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(s);
}

/** The machine-readable formats; text and json stay with the lint command. */
export const MACHINE_FORMATS: Record<
  Exclude<ReportFormat, 'text' | 'json'>,
  (findings: Finding[], cwd: string) => string
> = {
  sarif: formatSarif,
  github: formatGithub,
  junit: formatJunit,
  gitlab: formatGitlab,
};
