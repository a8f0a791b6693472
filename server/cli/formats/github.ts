// `--format github`: GitHub Actions workflow commands, which GitHub turns into annotations on the pull request's
// changed lines (https://docs.github.com/actions/reference/workflow-commands-for-github-actions).
import type { Finding, Severity } from '../../core/types';
import { displayPath } from '../io';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  warning: 'warning',
  info: 'notice',
};

/** Escaping of a command's message, as @actions/core does it: a raw newline would end the command. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a property value: also `:` and `,`, which separate properties and end the property list. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(findings: Finding[], cwd: string): string {
  return findings
    .map((f) => {
      const props: [string, string | number][] = [
        ['file', displayPath(f.path, cwd)],
        ['line', f.range.start.line + 1],
        ['endLine', f.range.end.line + 1],
        ['col', f.range.start.character + 1],
        ['endColumn', f.range.end.character + 1],
        ['title', `design-notes ${f.ruleId}`],
      ];
      // GitHub ignores columns on annotations that span lines; they are still given for tools that read them.
      const list = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
      return `::${COMMAND[f.severity]} ${list}::${escapeData(f.message)}\n`;
    })
    .join('');
}
