// Checks on the real-world classes of issue 12 ("rules a reviewer agrees with") that are clearer in code than as
// expected findings. The classes themselves are rule fixtures under test/rules/<rule-id>/<class>/, with the findings
// a careful reviewer agrees with written in their files (test/rules/README.md); docs/real-world.md records the review.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG, loadConfig } from '../../server/core/config';
import { Linter } from '../../server/core/engine';
import { nodeFileSystem } from '../../server/core/node';
import { fixAllSections } from '../../server/core/rules';
import { parseMarkdown } from '../../server/core/markdown';
import { headingFills } from '../../server/core/sections';
import { checkWorkspace } from '../../server/core/workspace';
import { summarizeCaseStudy } from '../../server/core/caseStudySummary';
import type { SourceFile } from '../../server/core/rule';

const RULE_FIXTURES = path.join(__dirname, '..', 'rules');

test('component-sections: the fix-all that adds every missing section adds no second component section to a design whose components are written in another form', async () => {
  // The findings (none) are the rule fixture's (test/rules/missing-section/component-sections); the quick fix that adds every missing section must not add a second component section either.
  const hldSpec = DEFAULT_CONFIG.requiredFiles.find((s) => s.id === 'high-level-design')!;
  for (const name of [
    'architecture-components',
    'core-services-modules',
    'supporting-components',
    'component-deep-dive',
    'bold-label',
    'list-under-title',
  ]) {
    const text = readFileSync(
      path.join(RULE_FIXTURES, 'missing-section/component-sections/case-studies', name, 'high-level-design.md'),
      'utf8',
    );
    const edits = fixAllSections(
      {
        doc: parseMarkdown(text),
        spec: hldSpec,
        specs: DEFAULT_CONFIG.requiredFiles,
        lookup: { sets: [] },
        exists: () => false,
      },
      DEFAULT_CONFIG,
    );
    assert.deepEqual(edits, [], name);
  }
});

test('stub-files: a case study of stubs is not complete in the Case Studies view (its files are there, not written)', async () => {
  const root = path.join(RULE_FIXTURES, 'stub-file/stub-files');
  const linter = new Linter({ fs: nodeFileSystem });
  const { caseStudies } = await checkWorkspace(root, DEFAULT_CONFIG, linter, nodeFileSystem);
  const cs = caseStudies[0];
  const files = new Map<string, SourceFile>();
  for (const f of cs.files) {
    const { file } = await linter.read(f.path, DEFAULT_CONFIG, f.kind);
    if (file) files.set(f.path, file);
  }
  const summary = summarizeCaseStudy(cs, files, () => [], DEFAULT_CONFIG);
  assert.deepEqual(summary.requiredFiles, { total: 3, present: 0 });
  assert.equal(summary.completeness, 0);
});

test('component keywords are configurable and merge with the built-in ones', async () => {
  const { config, problems } = loadConfig(
    JSON.stringify({
      requiredFiles: {
        'high-level-design': { sections: [{ id: 'components', name: 'Key Components', keywords: ['subsystems'] }] },
      },
    }),
    new Linter({ fs: nodeFileSystem }).ruleIds,
  );
  assert.deepEqual(problems, []);
  const components = config.requiredFiles
    .find((s) => s.id === 'high-level-design')!
    .sections.find((s) => s.id === 'components')!;
  assert.deepEqual([...components.keywords].sort(), ['component', 'components', 'modules', 'services', 'subsystems']);
  assert.ok(headingFills('core subsystems', components));
  assert.ok(
    !headingFills('service level objectives', components),
    'a keyword is a whole word: "service" is not "services"',
  );
});
