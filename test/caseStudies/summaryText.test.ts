import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CaseStudySummary } from '../../server/core/caseStudySummary';
import {
  caseStudyState,
  caseStudyTooltip,
  describeCaseStudy,
  describeFile,
  describeFindings,
} from '../../src/caseStudies/summaryText';

const summary = (over: Partial<CaseStudySummary> = {}): CaseStudySummary => ({
  name: 'url-shortener',
  path: '/ws/case-studies/url-shortener',
  title: 'URL Shortener',
  files: [
    {
      path: '/ws/case-studies/url-shortener/requirements.md',
      relative: 'requirements.md',
      kind: 'requirements',
      sections: [
        { title: 'URL Shortener — Requirements', level: 1, line: 0, empty: false },
        { title: 'Functional Requirements', level: 2, line: 4, empty: false },
        { title: 'Non-Functional Requirements', level: 2, line: 9, empty: true },
      ],
      diagrams: 0,
      findings: { error: 0, warning: 1, info: 0 },
    },
  ],
  missingFiles: ['trade-offs.md'],
  requiredFiles: { total: 3, present: 2 },
  requiredSections: { total: 6, filled: 5 },
  diagrams: { total: 2, invalid: 0 },
  findings: { error: 1, warning: 2, info: 0 },
  completeness: 7 / 9,
  ...over,
});

test('the completeness indicator reads like the issue asks', () => {
  assert.equal(
    describeCaseStudy(summary({ requiredFiles: { total: 3, present: 3 } })),
    '3/3 files · 5/6 sections · 2 diagrams · 1 error, 2 warnings',
  );
  assert.equal(
    describeCaseStudy(summary({ diagrams: { total: 1, invalid: 1 }, findings: { error: 0, warning: 0, info: 0 } })),
    '2/3 files · 5/6 sections · 1 diagram (1 invalid) · no problems',
  );
});

test('findings: singular/plural, notes only when nothing worse', () => {
  assert.equal(describeFindings({ error: 0, warning: 1, info: 3 }), '1 warning');
  assert.equal(describeFindings({ error: 0, warning: 0, info: 2 }), '2 notes');
  assert.equal(describeFindings({ error: 2, warning: 0, info: 0 }), '2 errors');
});

test('file rows count sections below the title and leave out what is zero', () => {
  assert.equal(describeFile(summary().files[0]), '2 sections · 1 warning');
  assert.equal(
    describeFile({ sections: [], diagrams: 1, findings: { error: 0, warning: 0, info: 1 } }),
    '0 sections · 1 diagram',
  );
});

test('state: errors, then missing parts, then warnings, then complete', () => {
  assert.equal(caseStudyState({ completeness: 1, findings: { error: 1, warning: 0, info: 0 } }), 'errors');
  assert.equal(caseStudyState({ completeness: 0.5, findings: { error: 0, warning: 3, info: 0 } }), 'incomplete');
  assert.equal(caseStudyState({ completeness: 1, findings: { error: 0, warning: 3, info: 0 } }), 'warnings');
  assert.equal(caseStudyState({ completeness: 1, findings: { error: 0, warning: 0, info: 5 } }), 'complete');
});

test('tooltip names what is missing and which sections are empty, with Markdown escaped', () => {
  const tip = caseStudyTooltip(summary({ title: 'A*B' }), 'case-studies/url-shortener');
  assert.match(tip, /^\*\*A\\\*B\*\* — `case-studies\/url-shortener`/);
  assert.match(tip, /77% complete/);
  assert.match(tip, /Missing: `trade-offs\.md`/);
  assert.match(tip, /Empty sections: Non\\-Functional Requirements \(requirements\\\.md\)/);
});
