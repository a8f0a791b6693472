import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, loadConfig } from '../../server/core/config';
import { ALL_RULES } from '../../server/core/rules';

const ids = ALL_RULES.map((r) => r.meta.id);

test('no config text problems for a valid config; values apply over defaults', () => {
  const { config, problems } = loadConfig(
    '{ // comments allowed\n "rules": { "placeholder": "off" }, "caseStudies": ["studies/*"], }',
    ids,
  );
  assert.deepEqual(problems, []);
  assert.equal(config.rules.placeholder, 'off');
  assert.deepEqual(config.caseStudies, ['studies/*']);
  assert.deepEqual(
    config.requiredFiles.map((f) => f.id),
    DEFAULT_CONFIG.requiredFiles.map((f) => f.id),
  );
});

test('invalid JSON is reported with its position and defaults stay in force', () => {
  const { config, problems } = loadConfig('{\n  "rules": {\n    "placeholder": "off"\n  \n', ids);
  assert.equal(config, DEFAULT_CONFIG);
  // Both unclosed objects are reported, at the end of the text where the brace was expected.
  assert.equal(problems.length, 2);
  for (const p of problems) {
    assert.match(p.message, /^Invalid JSON: close brace expected\. Built-in defaults are used\.$/);
    assert.equal(p.range.start.line, 4);
  }
});

test('wrong types, unknown keys and unknown rule ids are reported at the value; the valid rest applies', () => {
  const text =
    '{\n  "caseStudies": "case-studies/*",\n  "rules": { "placeholder": "loud", "no-diagram": "off", "made-up": "error" },\n  "colour": 1\n}';
  const { config, problems } = loadConfig(text, ids);
  const simple = problems.map((p) => [p.message, p.range.start.line, p.range.start.character]);
  assert.deepEqual(simple, [
    ['Unknown setting "colour" in the configuration. This setting is ignored.', 3, 2],
    ['"caseStudies" must be an array. This setting is ignored.', 1, 17],
    ['Unknown rule id "made-up". This setting is ignored.', 2, 57],
    ['"rules.placeholder" must be one of "off", "info", "warning", "error". This setting is ignored.', 2, 28],
  ]);
  assert.deepEqual(config.caseStudies, DEFAULT_CONFIG.caseStudies, 'the invalid value falls back to the default');
  assert.equal(config.rules['no-diagram'], 'off', 'the valid rule severity still applies');
  assert.equal(config.rules.placeholder, undefined);
});

test('a required-file entry without fileName is dropped, the others keep working', () => {
  const { config, problems } = loadConfig(
    '{"requiredFiles": {"api": {"sections": []}, "capacity": {"fileName": "capacity.md"}}}',
    ids,
  );
  assert.equal(problems.length, 1);
  assert.match(problems[0].message, /"requiredFiles\.api" needs "fileName"/);
  assert.ok(config.requiredFiles.some((f) => f.id === 'capacity'));
  assert.ok(!config.requiredFiles.some((f) => f.id === 'api'));
});

test('a config that is not an object is reported; defaults apply', () => {
  const { config, problems } = loadConfig('[1, 2]', ids);
  assert.equal(config, DEFAULT_CONFIG);
  assert.equal(problems[0].message, 'The configuration must be a JSON object. Built-in defaults are used.');
});

test('the JSON schema lists exactly the rules that exist (generated: npm run generate)', async () => {
  const schema = (await import('../../schemas/designnotes.schema.json')).default as {
    properties: { rules: { properties: Record<string, unknown> } };
  };
  assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), [...ids].sort());
});
