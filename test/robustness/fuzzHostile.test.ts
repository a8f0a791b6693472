// Property tests for the shapes a hostile workspace uses to freeze the checks (issue 19): deeply nested
// .designnotes.json, brace globs, and long runs of the words and characters rules look for. Each run must finish
// (the per-test timeout is the bound; no timings are asserted), throw nothing and keep positions inside the text.
// `npm run fuzz` runs them longer with a random seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadConfig } from '../../server/core/config';
import { pathMatcherFor } from '../../server/core/caseStudy';
import { DEFAULT_CONFIG } from '../../server/core/config';
import { Linter } from '../../server/core/engine';
import { ALL_RULES } from '../../server/core/rules';
import { fuzzParams, fuzzTimeout, linesOf, memoryFileSystem, rangeProblem } from './support';

const ruleIds = ALL_RULES.map((r) => r.meta.id);

/** `[` / `{"k":` openers to a random depth (up to 5,000), closed or not, inside a setting or at the top. */
const nestedJson = fc
  .record({
    depth: fc.nat({ max: 5000 }),
    openers: fc.array(fc.constantFrom('[', '{"a":', '{"caseStudies":', '[1,'), { minLength: 1, maxLength: 4 }),
    closed: fc.boolean(),
    wrap: fc.constantFrom('', 'rules', 'caseStudies', 'requiredFiles'),
  })
  .map(({ depth, openers, closed, wrap }) => {
    let open = '';
    let close = '';
    for (let i = 0; i < depth; i++) {
      const o = openers[i % openers.length];
      open += o;
      close = (o.startsWith('[') ? ']' : '}') + close;
    }
    const body = open + '1' + (closed ? close : '');
    return wrap ? `{ "${wrap}": ${body} }` : body;
  });

test(
  'loadConfig: nested JSON of any depth never throws; problems lie in the text; defaults stay usable',
  { timeout: fuzzTimeout(60_000) },
  () => {
    fc.assert(
      fc.property(nestedJson, (text) => {
        const { config, problems } = loadConfig(text, ruleIds);
        const lines = linesOf(text);
        for (const p of problems) assert.equal(rangeProblem(p.range, lines), undefined, p.message);
        assert.ok(config.caseStudies.length > 0 && config.maxFileSize >= 1);
      }),
      fuzzParams(60),
    );
  },
);

const globPart = fc.constantFrom(
  '*',
  '**/',
  '?',
  'a',
  'b',
  '/',
  '{/,}',
  '{a,}',
  '{,*}',
  '{a,b}',
  '{1..3}',
  '[ab]',
  '\\*',
  '{',
  '}',
  ',',
);
const braceGlob = fc.array(globPart, { minLength: 1, maxLength: 24 }).map((p) => p.join(''));
const longName = fc
  .tuple(fc.constantFrom('a', 'ab', 'b'), fc.integer({ min: 50, max: 250 }))
  .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n));

test(
  'globs: random brace globs are accepted or reported, and matching long folder names always finishes',
  { timeout: fuzzTimeout(60_000) },
  () => {
    fc.assert(
      fc.property(
        fc.array(braceGlob, { minLength: 1, maxLength: 3 }),
        longName,
        fc.integer({ min: 1, max: 16 }),
        (globs, name, depth) => {
          const text = JSON.stringify({ caseStudies: globs, exclude: globs });
          const { config } = loadConfig(text, ruleIds);
          const matcher = pathMatcherFor(config);
          const deep = Array.from({ length: depth }, () => name).join('/');
          for (const p of [name, deep, `${deep}/x`]) {
            matcher.isCaseStudyFolder(p);
            matcher.isExcluded(p);
          }
        },
      ),
      fuzzParams(150),
    );
  },
);

const TRIGGERS = [
  'chose ',
  'choose ',
  'preferred ',
  ' over ',
  '. ',
  '\n',
  'vs',
  'versus ',
  'TODO ',
  'TBD',
  '[insert ',
  ']',
  '`',
  '``',
  '```',
  '<!--',
  '-->',
  '<',
  '>',
  '1. ',
  'iv) ',
  '- ',
  ' — requirements',
  'highly available ',
  'single point',
  '# ',
  '## ',
  '| ',
  '*',
  '_',
];
const triggerText = fc
  .tuple(
    fc.array(fc.constantFrom(...TRIGGERS), { minLength: 1, maxLength: 6 }),
    fc.integer({ min: 1_000, max: 60_000 }),
    fc.constantFrom('', '## Caching\n\n', '## Non-Functional Requirements\n\n- ', '# Title '),
  )
  .map(([words, size, prefix]) => {
    const unit = words.join('');
    return prefix + unit.repeat(Math.ceil(size / unit.length));
  });

test(
  'rules: long runs of trigger words and characters, as each kind of file, finish without a rule failing',
  { timeout: fuzzTimeout(120_000) },
  async () => {
    const CS = '/ws/case-studies/fuzz';
    await fc.assert(
      fc.asyncProperty(
        triggerText,
        fc.constantFrom('requirements', 'high-level-design', 'trade-offs'),
        async (text, kind) => {
          const linter = new Linter({ fs: memoryFileSystem({}) });
          const p = `${CS}/${kind}.md`;
          const findings = await linter.lintFile(linter.parse(p, text, kind), DEFAULT_CONFIG, {
            root: '/ws',
            path: CS,
            name: 'fuzz',
            files: [],
          });
          const lines = linesOf(text);
          for (const f of findings) {
            assert.doesNotMatch(f.message, /internal error/, `${f.ruleId}: ${f.detail ?? f.message}`);
            assert.equal(rangeProblem(f.range, lines), undefined, f.ruleId);
          }
        },
      ),
      fuzzParams(40),
    );
  },
);
