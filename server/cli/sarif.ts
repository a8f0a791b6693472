import { ALL_RULES } from '../core/rules';
import type { Finding, Severity } from '../core/types';
import { displayPath } from './io';
import { VERSION } from '../version';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0, the format code-scanning UIs read. Paths are relative to the working directory (%SRCROOT%). */
export function formatSarif(findings: Finding[], cwd: string): string {
  const rules = ALL_RULES.map((r) => ({
    id: r.meta.id,
    shortDescription: { text: r.meta.description },
    fullDescription: { text: r.meta.docs },
    defaultConfiguration: { level: r.meta.defaultSeverity === 'off' ? 'none' : LEVEL[r.meta.defaultSeverity] },
  }));
  const ids = rules.map((r) => r.id);
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'design-notes', version: VERSION, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileUri(cwd) + '/' } },
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ...(ids.includes(f.ruleId) ? { ruleIndex: ids.indexOf(f.ruleId) } : {}),
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodePathSegments(displayPath(f.path, cwd)), uriBaseId: '%SRCROOT%' },
                region: {
                  startLine: f.range.start.line + 1,
                  startColumn: f.range.start.character + 1,
                  endLine: f.range.end.line + 1,
                  endColumn: f.range.end.character + 1,
                },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function pathToFileUri(p: string): string {
  return (
    'file://' +
    encodePathSegments(
      p
        .split('\\')
        .join('/')
        .replace(/^([A-Za-z]):/, '/$1:'),
    )
  );
}

/**
 * A slash-separated path as a URI path: each segment percent-encoded. `encodeURI` leaves `?` and `#` alone, so a
 * file named `q?a#b.md` became the URI `q?a#b.md`, which resolves to `q`. A drive letter (`C:`) stays as it is.
 */
export function encodePathSegments(p: string): string {
  return p
    .split('/')
    .map((segment) => (/^[A-Za-z]:$/.test(segment) ? segment : encodeURIComponent(segment)))
    .join('/');
}
