// `--format junit`: JUnit XML, which CI servers (Jenkins, GitLab, Azure Pipelines, CircleCI) show as test results.
// One <testsuite> per file with findings, one <testcase> with a <failure> per finding; a clean run is one passing
// test case, so a CI server still shows that the check ran.
import type { Finding } from '../../core/types';
import { displayPath } from '../io';

/**
 * Text for XML content and attribute values: markup characters escaped, and characters XML 1.0 cannot carry at
 * all (controls other than tab/newline/CR, lone surrogates, U+FFFE/U+FFFF) replaced, since the text comes from
 * the user's files and a single one would make the whole report unreadable.
 */
export function xmlText(s: string): string {
  return s
    .replace(
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '\uFFFD',
    )
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;');
}

export function formatJunit(findings: Finding[], cwd: string): string {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const file = displayPath(f.path, cwd);
    const list = byFile.get(file);
    if (list) list.push(f);
    else byFile.set(file, [f]);
  }
  const failures = findings.length;
  const errors = 0;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="design-notes" tests="${Math.max(1, failures)}" failures="${failures}" errors="${errors}">`,
  ];
  if (!byFile.size) {
    out.push(
      '  <testsuite name="design-notes" tests="1" failures="0" errors="0">',
      '    <testcase name="design-notes lint" classname="design-notes"/>',
      '  </testsuite>',
    );
  }
  for (const [file, list] of byFile) {
    out.push(`  <testsuite name="${xmlText(file)}" tests="${list.length}" failures="${list.length}" errors="0">`);
    for (const f of list) {
      const where = `${file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      out.push(
        `    <testcase name="${xmlText(`${f.ruleId} ${where}`)}" classname="${xmlText(file)}">`,
        `      <failure type="${f.severity}" message="${xmlText(f.message)}">${xmlText(`${f.severity} ${f.ruleId} at ${where}: ${f.message}`)}</failure>`,
        '    </testcase>',
      );
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
