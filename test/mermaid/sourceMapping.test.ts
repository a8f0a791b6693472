// Problems land on the offending token in the Markdown source, whatever mermaid stripped before parsing
// (comments, directives, front matter, entities, CRLF) and wherever the fence sits (indented, list, blockquote).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createMermaidValidator, type DisposableMermaidValidator } from '../../server/core/node/mermaidValidator';
import type { MermaidValidator } from '../../server/core/rule';
import { requireBundle, runRule } from './support';

/** [line, start, end, covered text] of each finding. */
type At = [number, number, number, string];

const FLOW_END = "'end' is a reserved word in flowcharts and cannot be a node id: write 'End' or another name.";

const CASES: { name: string; markdown: string; at: At[]; message?: string; mmd?: boolean }[] = [
  {
    name: 'fence at top level',
    markdown: '# T\n\n```mermaid\nflowchart TD\n  A --> B\n  B --> end\n```\n',
    at: [[5, 8, 11, 'end']],
  },
  {
    name: '%% comments and blank lines before and inside the diagram',
    markdown:
      '# T\n\n```mermaid\n%% header comment\n\nflowchart TD\n  %% a comment\n\n  A --> B\n  %% another\n  B --> end\n```\n',
    at: [[10, 8, 11, 'end']],
  },
  {
    name: 'YAML front matter and an init directive',
    markdown:
      '```mermaid\n---\ntitle: Flow\nconfig:\n  theme: dark\n---\n%%{init: {"flowchart": {"curve": "basis"}}}%%\nflowchart TD\n  A --> B\n  B --> end\n```\n',
    at: [[9, 8, 11, 'end']],
  },
  {
    name: 'directive on the same line as content',
    markdown: '```mermaid\n%%{init: {"theme": "forest"}}%% flowchart TD\n  A --> B\n  B --> end\n```\n',
    at: [[3, 8, 11, 'end']],
  },
  {
    name: 'multi-line init directive',
    markdown: '```mermaid\n%%{\n  init: {"theme": "dark"}\n}%%\nflowchart TD\n  A --> B\n  B --> end\n```\n',
    at: [[6, 8, 11, 'end']],
  },
  {
    name: 'YAML front matter error: on the unclosed line, not the closing ---',
    markdown: '# T\n\n```mermaid\n---\ntitle: [x\n---\nflowchart TD\n  A --> B\n```\n',
    at: [[4, 0, 9, 'title: [x']],
    message: 'Invalid front matter: unexpected end of the stream within a flow collection',
  },
  {
    name: 'CRLF line endings',
    markdown: '# T\r\n\r\n```mermaid\r\nflowchart TD\r\n  %% c\r\n  A --> B\r\n  B --> end\r\n```\r\n',
    at: [[6, 8, 11, 'end']],
  },
  {
    name: 'tab indentation',
    markdown: '```mermaid\nflowchart TD\n\tA --> B\n\tB --> end\n```\n',
    at: [[3, 7, 10, 'end']],
  },
  {
    name: 'indented fence',
    markdown: '   ```mermaid\n   flowchart TD\n     A --> B\n     B --> end\n   ```\n',
    at: [[3, 11, 14, 'end']],
  },
  {
    name: 'fence in a list item',
    markdown: '- item\n\n  ```mermaid\n  flowchart TD\n    A --> end\n  ```\n',
    at: [[4, 10, 13, 'end']],
  },
  {
    name: 'fence in a blockquote',
    markdown: '> ```mermaid\n> flowchart TD\n>   A --> end\n> ```\n',
    at: [[2, 10, 13, 'end']],
  },
  {
    name: 'blockquote inside a list item',
    markdown: '- item\n  > ```mermaid\n  > flowchart TD\n  >   A --> end\n  > ```\n',
    at: [[3, 12, 15, 'end']],
  },
  {
    name: 'list item indented with a tab',
    markdown: '-\t```mermaid\n\tflowchart TD\n\t  A --> end\n\t```\n',
    at: [[2, 9, 12, 'end']],
  },
  {
    name: 'blockquote with a tab',
    markdown: '>\t```mermaid\n>\tflowchart TD\n>\t  A --> end\n>\t```\n',
    at: [[2, 10, 13, 'end']],
  },
  {
    name: 'entities before the error (mermaid encodes them before parsing)',
    markdown: '```mermaid\nflowchart TD\n  A[#35; #quot;x#quot;] --> B[#9829;] --> end\n```\n',
    at: [[2, 42, 45, 'end']],
  },
  {
    name: 'second of two blocks; the first is valid',
    markdown:
      '```mermaid\nflowchart LR\n  A --> B\n```\n\ntext\n\n```mermaid\npie title X\n  %% c\n  "a" : 1\n  "b" 2\n```\n',
    at: [[11, 6, 7, '2']],
    message: "Expected ':' but found '2'",
  },
  {
    name: 'error at the end of the diagram marks what came last',
    markdown: '```mermaid\nflowchart TD\n  A --> B[abc\n\n```\n',
    at: [[2, 9, 10, '[']],
    message: "Unclosed '[': the shape opened here is never closed with ']'.",
  },
  {
    name: 'an unclosed string swallowing the rest: marked at its opening quote',
    markdown: '```mermaid\nflowchart TD\n  A["unterminated] --> B\n  B --> C\n```\n',
    at: [[2, 4, 5, '"']],
    message: "Unclosed quote '\"': the text started here has no closing '\"' on this line.",
  },
  {
    name: 'standalone .mmd file with CRLF',
    markdown: 'flowchart TD\r\n  %% c\r\n  A --> B\r\n  B --> end\r\n',
    at: [[3, 8, 11, 'end']],
    mmd: true,
  },
];

describe('mermaid-syntax: source positions', () => {
  let validator: DisposableMermaidValidator;
  before(() => {
    validator = createMermaidValidator({ workerPath: requireBundle() });
  });
  after(() => validator.dispose());

  for (const c of CASES) {
    it(c.name, async () => {
      const findings = await runRule(c.markdown, validator, { mmd: c.mmd });
      assert.deepEqual(
        findings.map((f) => [f.range.start.line, f.range.start.character, f.range.end.character, f.text]),
        c.at,
      );
      for (const f of findings) {
        assert.equal(f.range.start.line, f.range.end.line);
        assert.equal(f.message, c.message ?? FLOW_END);
        assert.equal(f.severity, undefined, 'syntax errors use the configured severity');
        assert.ok(f.detail && f.detail.length > f.message.length / 2, 'mermaid text kept in detail');
      }
    });
  }

  it('valid diagrams and other fences give nothing', async () => {
    const md =
      '```mermaid\nflowchart LR\n  A --> B\n```\n\n```js\nflowchart TD\n  A --> end\n```\n\n    indented code, not a fence\n';
    assert.deepEqual(await runRule(md, validator), []);
  });

  it('unknown diagram type: on the keyword, with suggestions for a quick fix', async () => {
    const md = '# D\n\n```mermaid\n%%{init: {}}%%\n\n  sequenceDiagarm\n  A->>B: x\n```\n';
    const [finding, ...rest] = await runRule(md, validator);
    assert.equal(rest.length, 0);
    assert.deepEqual(
      [finding.range.start.line, finding.range.start.character, finding.range.end.character, finding.text],
      [5, 2, 17, 'sequenceDiagarm'],
    );
    assert.equal(finding.message, "Unknown diagram type 'sequenceDiagarm'; did you mean 'sequenceDiagram'?");
    assert.deepEqual(finding.data, {
      kind: 'mermaid-unknown-type',
      found: 'sequenceDiagarm',
      suggestions: ['sequenceDiagram'],
    });
  });

  it('too large and timed-out blocks are information, not errors', async () => {
    const fake: MermaidValidator = {
      async validate(text) {
        const kind = text.startsWith('flowchart') ? 'too-large' : 'timeout';
        return [
          {
            kind,
            message: `not checked (${kind})`,
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } },
          },
        ];
      },
    };
    const md = '- x\n\n  ```mermaid\n  flowchart TD\n  ```\n\n```mermaid\nsequenceDiagram\n```\n';
    const findings = await runRule(md, fake);
    assert.deepEqual(
      findings.map((f) => [f.severity, f.range.start.line, f.range.start.character, f.data]),
      [
        ['info', 3, 2, { kind: 'skipped', reason: 'too-large' }],
        ['info', 7, 0, { kind: 'skipped', reason: 'timeout' }],
      ],
    );
  });

  it('a failing validator leaves the block reported as not checked, on its opening fence', async () => {
    const broken: MermaidValidator = {
      validate: () => Promise.reject(new Error('Mermaid validation worker crashed: boom')),
    };
    const findings = await runRule('# T\n\n  ```mermaid\n  flowchart TD\n  ```\n', broken);
    assert.deepEqual(
      findings.map((f) => [f.severity, f.range.start.line, f.range.start.character, f.message, f.data]),
      [
        [
          'info',
          2,
          2,
          'Diagram not checked: Mermaid validation worker crashed: boom',
          { kind: 'skipped', reason: 'validator-error' },
        ],
      ],
    );
  });

  it('without a validator service the rule reports nothing', async () => {
    const findings = await runRule(
      '```mermaid\nflowchart TD\n  A --> end\n```\n',
      undefined as unknown as MermaidValidator,
    );
    assert.deepEqual(findings, []);
  });
});
