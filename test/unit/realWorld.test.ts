// One fixture per class of finding seen on real repositories (issue 12, "rules a reviewer agrees with"): each folder
// under test/fixtures/real-world is named after its class and holds case studies written the way real ones are.
// The expected findings are what a careful reviewer agrees with; docs/real-world.md records the review of the corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG, loadConfig } from '../../server/core/config';
import { Linter } from '../../server/core/engine';
import { nodeFileSystem } from '../../server/core/node';
import { fixAllSections } from '../../server/core/language/quickFixes';
import { parseMarkdown } from '../../server/core/markdown';
import { headingFills } from '../../server/core/sections';
import { checkWorkspace } from '../../server/core/workspace';
import { summarizeCaseStudy } from '../../server/core/caseStudySummary';
import type { SourceFile } from '../../server/core/rule';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'real-world');

async function findingsOf(fixture: string, ruleIds?: string[]): Promise<string[]> {
  const root = path.join(FIXTURES, fixture);
  const linter = new Linter({ fs: nodeFileSystem });
  const result = await checkWorkspace(root, DEFAULT_CONFIG, linter, nodeFileSystem);
  return [...result.findings.values()]
    .flat()
    .filter((f) => !ruleIds || ruleIds.includes(f.ruleId))
    .map((f) => `${path.relative(path.join(root, 'case-studies'), f.path)}:${f.range.start.line + 1} ${f.ruleId} ${f.message}`)
    .sort();
}

test('component-sections: "Architecture Components", "Core Services/Modules", "Supporting Components", "Component Deep Dive", a bold label and a list under the title are the components', async () => {
  assert.deepEqual(await findingsOf('component-sections'), []);
  // The quick fix that adds every missing section must not add a second component section either.
  const hldSpec = DEFAULT_CONFIG.requiredFiles.find((s) => s.id === 'high-level-design')!;
  for (const name of ['architecture-components', 'core-services-modules', 'supporting-components', 'component-deep-dive', 'bold-label', 'list-under-title']) {
    const text = readFileSync(path.join(FIXTURES, 'component-sections/case-studies', name, 'high-level-design.md'), 'utf8');
    const edits = fixAllSections({ doc: parseMarkdown(text), spec: hldSpec, specs: DEFAULT_CONFIG.requiredFiles, lookup: { sets: [] }, exists: () => false });
    assert.deepEqual(edits, [], name);
  }
});

test('title-is-not-a-section: "# High-Level Design" names the file and does not fill Architecture', async () => {
  assert.deepEqual(await findingsOf('title-is-not-a-section'), ["shop/high-level-design.md:1 missing-section Missing section 'Architecture': add a '## Architecture' heading."]);
});

test('nfr-heading-with-abbreviation: "Non-Functional Requirements (NFR)" is the same section for missing-section and unquantified-nfr', async () => {
  assert.deepEqual(await findingsOf('nfr-heading-with-abbreviation'), [
    "shop/requirements.md:9 unquantified-nfr Non-functional requirement 'Highly available' has no measurable target: add one, e.g. '99.9% monthly availability'.",
  ]);
});

test('stub-files: a title plus a placeholder (or only a title) is one stub-file finding, nothing else', async () => {
  assert.deepEqual(await findingsOf('stub-files'), [
    "chat/high-level-design.md:1 stub-file 'high-level-design.md' is not written yet: it holds only its title and 'Content coming soon...'.",
    "chat/low-level-design.md:1 stub-file 'low-level-design.md' is not written yet: it holds only its title and 'WIP'.",
    "chat/requirements.md:1 stub-file 'requirements.md' is not written yet: it holds only its title and 'Content coming soon...'.",
    "chat/scalability.md:1 stub-file 'scalability.md' is not written yet: it holds only its title.",
    "chat/trade-offs.md:1 stub-file 'trade-offs.md' is not written yet: it holds only its title and '🚧 Under construction 🚧'.",
  ]);
});

test('placeholder-words: a section holding only a placeholder is empty; "To be added." and TBA are placeholders', async () => {
  assert.deepEqual(await findingsOf('placeholder-words'), [
    "shop/high-level-design.md:18 placeholder Placeholder 'To be added.' left in the text: write the content it stands for.",
    "shop/high-level-design.md:22 placeholder Placeholder 'TBA' left in the text: replace it with the real content.",
    "shop/high-level-design.md:3 empty-section Section 'Architecture' is empty: write it or remove the heading.",
  ]);
});

test('trade-offs-without-trade-off: a written trade-offs file that weighs nothing is reported', async () => {
  assert.deepEqual(await findingsOf('trade-offs-without-trade-off'), [
    "shop/trade-offs.md:1 no-alternatives 'trade-offs.md' holds no trade-off: name each decision, the alternatives you considered and why they lost.",
  ]);
});

test('nfr-not-requirements: tactics (How to achieve, Implementation), code-quality notes and examples are not requirements', async () => {
  assert.deepEqual(await findingsOf('nfr-not-requirements'), [
    "shop/requirements.md:11 unquantified-nfr Non-functional requirement 'Highly available' has no measurable target: add one, e.g. '99.9% monthly availability'.",
  ]);
});

test('nfr-target-in-context: a parent bullet or heading that states the target covers its bullets', async () => {
  assert.deepEqual(await findingsOf('nfr-target-in-context'), []);
});

test('nfr-list-members: members listed under a sentence are not requirements; the sentence is judged once', async () => {
  // "Eventual consistency is acceptable for:" states a consistency model (pass/fail); "fast enough for:" does not.
  assert.deepEqual(await findingsOf('nfr-list-members'), [
    "feed/requirements.md:12 unquantified-nfr Non-functional requirement 'Search should be fast enough for:' has no measurable target: add one, e.g. 'p99 latency < 200 ms'.",
  ]);
});

test('nfr-measurable-forms: pass/fail properties, number words and questions with an example pass; digits in names and a bare p99 do not', async () => {
  assert.deepEqual(await findingsOf('nfr-measurable-forms'), [
    "bank/requirements.md:16 unquantified-nfr Non-functional requirement 'Statements kept on S3' has no measurable target: add one, e.g. 'a number with a unit'.",
    "bank/requirements.md:17 unquantified-nfr Non-functional requirement 'OAuth2 sign-in' has no measurable target: add one, e.g. 'keys rotated every 90 days'.",
    "bank/requirements.md:18 unquantified-nfr Non-functional requirement 'Fast p99' has no measurable target: add one, e.g. 'p99 latency < 200 ms'.",
  ]);
});

test('nfr-target-elsewhere: a target for the same quality elsewhere in the case study covers the bullet; other qualities still fire', async () => {
  assert.deepEqual(await findingsOf('nfr-target-elsewhere'), [
    "limiter/requirements.md:10 unquantified-nfr Non-functional requirement 'Low latency for every check' has no measurable target: add one, e.g. 'p99 latency < 200 ms'.",
  ]);
});

test('nfr-message: the example follows the quality (cost gets a currency per unit); the quote ends on a whole word', async () => {
  assert.deepEqual(await findingsOf('nfr-message'), [
    "archive/requirements.md:10 unquantified-nfr Non-functional requirement 'Always available to auditors and regulators in…' has no measurable target: add one, e.g. '99.9% monthly availability'.",
    "archive/requirements.md:9 unquantified-nfr Non-functional requirement 'PB-scale storage costs kept under control' has no measurable target: add one, e.g. 'under $0.50 per 1,000 requests'.",
  ]);
});

test('alternatives-forms: over, rather than, than, without, (not …), Pros/Cons, a comparison table and a counterfactual all name the alternative', async () => {
  // Only the trade-off that names nothing is left, quoted without its numbering and markup.
  assert.deepEqual(await findingsOf('alternatives-forms'), [
    "shop/trade-offs.md:43 no-alternatives Trade-off 'Logging' names no alternative: say what else you considered and why you rejected it.",
  ]);
});

test('decision-summary-analysed-elsewhere: a design decision weighed in trade-offs.md is not a second trade-off; one weighed nowhere is', async () => {
  assert.deepEqual(await findingsOf('decision-summary-analysed-elsewhere'), [
    "limiter/high-level-design.md:20 no-alternatives Trade-off 'Monitoring' names no alternative: say what else you considered and why you rejected it.",
  ]);
});

test('stub-files: a case study of stubs is not complete in the Case Studies view (its files are there, not written)', async () => {
  const root = path.join(FIXTURES, 'stub-files');
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
    JSON.stringify({ requiredFiles: { 'high-level-design': { sections: [{ id: 'components', name: 'Key Components', keywords: ['subsystems'] }] } } }),
    new Linter({ fs: nodeFileSystem }).ruleIds,
  );
  assert.deepEqual(problems, []);
  const components = config.requiredFiles.find((s) => s.id === 'high-level-design')!.sections.find((s) => s.id === 'components')!;
  assert.deepEqual([...components.keywords].sort(), ['component', 'components', 'modules', 'services', 'subsystems']);
  assert.ok(headingFills('core subsystems', components));
  assert.ok(!headingFills('service level objectives', components), 'a keyword is a whole word: "service" is not "services"');
});
