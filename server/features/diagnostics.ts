import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Severity } from '../core/types';
import { pathToUri } from '../uris';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export const DIAGNOSTIC_SOURCE = 'design-notes';

/** A finding as an LSP diagnostic: the rule id is the code, quick-fix facts travel in `data`. */
export function toDiagnostic(f: Finding): Diagnostic {
  const related = [...(f.related ?? [])];
  // The long form (e.g. Mermaid's own error text) goes in related information, shown under the short message.
  if (f.detail) related.push({ path: f.path, range: f.range, message: f.detail });
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
    ...(f.ruleId === 'file-skipped' ? { tags: [DiagnosticTag.Unnecessary] } : {}),
    ...(related.length
      ? {
          relatedInformation: related.map((r) => ({
            location: { uri: pathToUri(r.path), range: r.range },
            message: r.message,
          })),
        }
      : {}),
    ...(f.data ? { data: f.data } : {}),
  };
}
