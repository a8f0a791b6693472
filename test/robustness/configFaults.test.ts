// Broken .designnotes.json files: each fault is reported on the config file at its position (CLI: file:line:col,
// exit 2 for errors; server: diagnostics on the file), the defaults stay in force, and nothing crashes. Plus a
// property test: loadConfig never throws on mutated configs and always returns a usable configuration.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { CaseStudiesRequest } from '../../common/protocol';
import { TestLspClient } from '../support/lspClient';
import { caseStudyFiles, CLEAN_CASE_STUDY, makeTree, removeTree } from '../support/tree';
import { loadConfig } from '../../server/core/config';
import { ALL_RULES } from '../../server/core/rules';
import { SEVERITY_SETTINGS } from '../../server/core/types';
import { fuzzParams, fuzzTimeout, linesOf, rangeProblem, REPO } from './support';

const CLI = path.join(REPO, 'dist/cli.js');
const ruleIds = ALL_RULES.map((r) => r.meta.id);

/** A workspace whose case study has a known finding (a placeholder), so "defaults still check" is visible. */
function workspace(config: string): string {
  const root = makeTree({
    [`data/${'a'.repeat(200)}/`]: '',
    ...caseStudyFiles('pay', {
      ...CLEAN_CASE_STUDY,
      'requirements.md': CLEAN_CASE_STUDY['requirements.md'] + '\n- TODO 3 regions.\n',
    }),
  });
  writeFileSync(path.join(root, '.designnotes.json'), config);
  return root;
}

function lint(root: string) {
  const r = spawnSync(process.execPath, [CLI, 'lint'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const FAULTS: { name: string; config: string; expect: RegExp; exit: number }[] = [
  {
    name: 'invalid JSON',
    config: '{\n  "rules": { "placeholder": "off" \n',
    expect: /^\.designnotes\.json:3:1 error config Invalid JSON: close brace expected\. Built-in defaults are used\.$/m,
    exit: 2,
  },
  {
    name: 'not an object',
    config: '"case-studies/*"\n',
    expect:
      /^\.designnotes\.json:1:1 error config The configuration must be a JSON object\. Built-in defaults are used\.$/m,
    exit: 2,
  },
  {
    name: 'wrong type',
    config: '{\n  "maxFileSize": "5MB"\n}\n',
    expect: /^\.designnotes\.json:2:18 error config "maxFileSize" must be an integer\. This setting is ignored\.$/m,
    exit: 2,
  },
  {
    name: 'unknown rule id',
    config: '{\n  "rules": {\n    "no-todo": "off"\n  }\n}\n',
    expect: /^\.designnotes\.json:3:5 error config Unknown rule id "no-todo"\. This setting is ignored\.$/m,
    exit: 2,
  },
  { name: 'an empty file (just created)', config: '  // nothing yet\n', expect: /placeholder/, exit: 0 },
  {
    name: 'binary garbage',
    config: '\u0000\u0001\uFFFD{{{',
    expect: /^\.designnotes\.json:1:1 error config Invalid JSON/m,
    exit: 2,
  },
  {
    name: 'a caseStudies glob that matches nothing (next to one that matches)',
    config: '{\n  "caseStudies": ["case-studies/*", "case-study/*"]\n}\n',
    expect:
      /^\.designnotes\.json:2:37 warning config No folder matches "case-study\/\*", so no case study is found through it\./m,
    exit: 0,
  },
  {
    // Exponential backtracking in the glob's regular expression would freeze discovery on a long folder name.
    name: 'a glob too complex to match safely',
    config: '{\n  "exclude": ["**/*a*a*a*a*a*a*a*a*a*a*a*a*b"]\n}\n',
    expect:
      /^\.designnotes\.json:2:15 error config The glob "\*\*\/\*a\*a\*a\*a\*a\*a\*a\*a\*a\*a\*a\*a\*b" has more than 3 wildcards in one path segment; matching such a glob can take minutes per folder\. This glob is ignored\.$/m,
    exit: 2,
  },
  {
    // jsonc-parser, getNodeValue and Ajv recurse per level: this overflowed the stack (internal error, exit 2, no findings).
    name: 'a config nested 3,000 levels deep',
    config: '['.repeat(3000) + ']'.repeat(3000),
    expect:
      /^\.designnotes\.json:1:65 error config The configuration nests arrays or objects more than 64 levels deep\. Built-in defaults are used\.$/m,
    exit: 2,
  },
  {
    name: 'a config nested 3,000 levels deep inside a setting',
    config: '{ "caseStudies": ' + '{"a":'.repeat(3000) + '1' + '}'.repeat(3000) + ' }',
    expect:
      /^\.designnotes\.json:1:\d+ error config The configuration nests arrays or objects more than 64 levels deep\./m,
    exit: 2,
  },
  {
    // Uncapped, a workspace's 9007199254740991 let a 62 MB note run the CLI out of heap after 50 s.
    name: 'a maxFileSize above the ceiling',
    config: '{\n  "maxFileSize": 9007199254740991\n}\n',
    expect:
      /^\.designnotes\.json:2:18 warning config "maxFileSize" is capped at 4,000,000 bytes: .* 4,000,000 is used\.$/m,
    exit: 0,
  },
  {
    // Judged after brace expansion: as written each segment has one "*"; picomatch compiled it to eight in a row and
    // took 98 s on one folder named with 70 a's, with no config error.
    name: 'a glob whose braces hide too many wildcards in one segment',
    config: '{\n  "exclude": ["**/*{/,}*{/,}*{/,}*{/,}*{/,}*{/,}*{/,}*b"]\n}\n',
    expect:
      /^\.designnotes\.json:2:15 error config The glob "\*\*\/\*\{\/,\}.*" expands to more than 64 alternatives .* This glob is ignored\.$/m,
    exit: 2,
  },
  {
    name: 'a glob whose braces put four wildcards in one segment',
    config: '{\n  "exclude": ["**/*{a,}*{b,}*{c,}*d"]\n}\n',
    expect:
      /^\.designnotes\.json:2:15 error config The glob .* has more than 3 wildcards in one path segment once its braces are expanded; .* This glob is ignored\.$/m,
    exit: 2,
  },
  {
    name: 'a template folder that does not exist',
    config: '{ "templates": "./my-templates" }',
    expect:
      /^\.designnotes\.json:1:16 warning config The template folder "\.\/my-templates" does not exist; only the built-in templates are offered\.$/m,
    exit: 0,
  },
];

for (const fault of FAULTS) {
  test(
    `CLI: ${fault.name} is reported at its position; the case studies are still checked`,
    { timeout: 60_000 },
    () => {
      const root = workspace(fault.config);
      try {
        const r = lint(root);
        assert.match(r.stdout, fault.expect, r.stdout + r.stderr);
        assert.match(
          r.stdout,
          /case-studies\/pay\/requirements\.md:\d+:\d+ warning placeholder/,
          'the defaults still check the case study',
        );
        assert.equal(r.code, fault.exit, r.stdout + r.stderr);
        assert.doesNotMatch(r.stderr, /internal error/);
      } finally {
        removeTree(root);
      }
    },
  );
}

let root: string;
let client: TestLspClient;
before(async () => {
  root = workspace('{\n  "caseStudies": ["case-study/*"],\n  "templates": "tpl"\n}\n');
  client = new TestLspClient();
  await client.initialize([root]);
});
after(async () => {
  await client?.stop();
  if (root) removeTree(root);
});

test(
  'server: a glob matching nothing and a missing template folder are diagnostics on the config; fixing them clears them',
  { timeout: 60_000 },
  async () => {
    const config = path.join(root, '.designnotes.json');
    await client.waitFor(() => client.diagnosticsFor(config).length === 2, 'two config warnings');
    assert.deepEqual(
      client.diagnosticsFor(config).map((d) => [d.code, d.severity, d.range.start, d.message.split(',')[0]]),
      [
        [
          'config',
          2,
          { line: 2, character: 15 },
          'The template folder "tpl" does not exist; only the built-in templates are offered.',
        ],
        ['config', 2, { line: 1, character: 18 }, 'No folder matches "case-study/*"'],
      ],
    );
    // The folder appears: the template warning goes. The glob is fixed: the case study is found and checked.
    mkdirSync(path.join(root, 'tpl'));
    await client.filesChanged([{ path: path.join(root, 'tpl'), type: 1 }]);
    writeFileSync(config, '{\n  "caseStudies": ["case-studies/*"],\n  "templates": "tpl"\n}\n');
    await client.filesChanged([{ path: config, type: 2 }]);
    await client.waitFor(() => client.diagnosticsFor(config).length === 0, 'the config warnings to clear');
    await client.waitFor(
      () =>
        client
          .diagnosticsFor(path.join(root, 'case-studies/pay/requirements.md'))
          .some((d) => d.code === 'placeholder'),
      'the case study to be checked',
    );
    // Broken again as invalid JSON while open in the editor: reported from the buffer, defaults keep checking.
    await client.open(config, '{ "caseStudies": [ ');
    await client.idle();
    assert.match(client.diagnosticsFor(config)[0]?.message ?? '', /^Invalid JSON/);
    assert.ok(
      client.diagnosticsFor(path.join(root, 'case-studies/pay/requirements.md')).some((d) => d.code === 'placeholder'),
    );
    await client.close(config);
    rmSync(path.join(root, 'tpl'), { recursive: true });
  },
);

const VALID = `{
  // a realistic config
  "caseStudies": ["case-studies/*", "docs/designs/*"],
  "exclude": ["**/archive/**"],
  "maxFileSize": 2000000,
  "templates": "templates",
  "requiredFiles": {
    "trade-offs": false,
    "capacity": { "title": "Capacity", "fileName": "capacity.md", "aliases": ["estimates"], "sections": [{ "name": "Traffic", "aliases": ["QPS"], "template": "- Peak: …\\n" }] }
  },
  "rules": { "placeholder": "off", "no-diagram": "error" },
}`;

const TOKENS = [
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  '"x"',
  'null',
  'true',
  '0',
  '-1',
  '1e999',
  '"off"',
  '"loud"',
  '"__proto__"',
  '"constructor"',
  '//',
  '/*',
  '*/',
  '\n',
  '\\',
  '\u0000',
  '\uD800',
  '"requiredFiles"',
  '"rules"',
  '"caseStudies"',
  '"maxFileSize"',
  '"sections"',
  '{"name": ""}',
  '""',
  '"**/*"',
  '"["',
  '"!("',
];
const mutatedConfig = fc
  .array(
    fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      del: fc.nat({ max: 12 }),
      insert: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })),
    }),
    { maxLength: 6 },
  )
  .map((edits) =>
    edits.reduce((t, e) => {
      const at = Math.floor(e.at * t.length);
      return t.slice(0, at) + e.insert + t.slice(at + e.del);
    }, VALID),
  );

test(
  'loadConfig: mutated configs never throw, problems lie in the text, and the result is always usable',
  { timeout: fuzzTimeout(60_000) },
  () => {
    fc.assert(
      fc.property(mutatedConfig, (text) => {
        const { config, problems } = loadConfig(text, ruleIds);
        const lines = linesOf(text);
        for (const p of problems) {
          assert.ok(p.message.length > 0);
          assert.equal(rangeProblem(p.range, lines), undefined, `${p.message} at ${JSON.stringify(p.range)}`);
        }
        assert.ok(
          Array.isArray(config.caseStudies) && config.caseStudies.every((g) => typeof g === 'string' && g.length > 0),
        );
        assert.ok(Array.isArray(config.exclude) && config.exclude.every((g) => typeof g === 'string' && g.length > 0));
        assert.ok(typeof config.maxFileSize === 'number' && config.maxFileSize >= 1);
        for (const [id, sev] of Object.entries(config.rules))
          assert.ok(ruleIds.includes(id) && SEVERITY_SETTINGS.includes(sev), `${id}: ${sev}`);
        for (const spec of config.requiredFiles) {
          assert.ok(typeof spec.fileName === 'string' && spec.fileName.endsWith('.md'), JSON.stringify(spec.fileName));
          assert.ok(spec.sections.every((s) => typeof s.name === 'string' && s.name.length > 0));
        }
      }),
      fuzzParams(500),
    );
  },
);

test(
  'server: a config nested 3,000 levels deep is reported at its position; the folder is still checked and listed',
  { timeout: 60_000 },
  async () => {
    const deep = workspace('['.repeat(3000) + ']'.repeat(3000));
    const server = new TestLspClient();
    try {
      await server.initialize([deep]);
      const config = path.join(deep, '.designnotes.json');
      await server.waitFor(() => server.diagnosticsFor(config).length > 0, 'the config error');
      assert.deepEqual(
        server.diagnosticsFor(config).map((d) => [d.code, d.range.start]),
        [['config', { line: 0, character: 64 }]],
      );
      await server.waitFor(
        () =>
          server
            .diagnosticsFor(path.join(deep, 'case-studies/pay/requirements.md'))
            .some((d) => d.code === 'placeholder'),
        'the case study to be checked with the defaults',
      );
      const listed = (await server.request(CaseStudiesRequest)) as unknown[];
      assert.ok(
        Array.isArray(listed) && listed.length > 0,
        `the case-studies request lists the case study: ${JSON.stringify(listed).slice(0, 200)}`,
      );
    } finally {
      await server.stop();
      removeTree(deep);
    }
  },
);

test(
  'CLI: maxFileSize is capped, so a note over the ceiling is skipped with a note instead of read',
  { timeout: 60_000 },
  () => {
    const big = workspace('{ "maxFileSize": 9007199254740991 }');
    try {
      writeFileSync(
        path.join(big, 'case-studies/pay/high-level-design.md'),
        '# Design\n\n' + 'word '.repeat(1_000_000),
      );
      const r = lint(big);
      assert.match(
        r.stdout,
        /high-level-design\.md:1:1 info file-skipped Not checked: the file is 5\.0 MB, over the 4\.0 MB limit/,
        r.stdout + r.stderr,
      );
      assert.doesNotMatch(r.stderr, /internal error/);
    } finally {
      removeTree(big);
    }
  },
);

test(
  'CLI: globs within the limits are matched in bounded time against long folder names (picomatch backtracked for minutes)',
  { timeout: 60_000 },
  () => {
    const root = workspace('{\n  "exclude": ["*a*a*/*a*a*b", "**/{,a}{,a}{,a}*a*a*c"]\n}\n');
    try {
      for (let i = 0; i < 20; i++)
        mkdirSync(path.join(root, 'a'.repeat(200) + i, 'a'.repeat(240)), { recursive: true });
      const r = lint(root);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /case-studies\/pay\/requirements\.md:\d+:\d+ warning placeholder/);
    } finally {
      removeTree(root);
    }
  },
);
