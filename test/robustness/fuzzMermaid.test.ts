// Mutated Mermaid through the real worker-backed validator and the mermaid-syntax rule: the validator always
// answers (no rejection, no hang), block-relative problems lie inside the block, and findings mapped back through
// Markdown containers (quotes, lists, indented fences) lie inside the document. Needs `npm run build` (the worker).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { createMermaidValidator } from '../../server/core/node/mermaidValidator';
import { Linter } from '../../server/core/engine';
import { DEFAULT_CONFIG } from '../../server/core/config';
import { mermaidSyntax } from '../../server/core/rules/mermaidSyntax';
import { applyMutation, piece } from './markdownArbitraries';
import { fuzzParams, fuzzTimeout, linesOf, memoryFileSystem, mermaidSeeds, rangeProblem, REPO } from './support';

const WORKER = path.join(REPO, 'dist/mermaidWorker.mjs');
if (!existsSync(WORKER)) throw new Error('dist/mermaidWorker.mjs is missing: run `npm run build` first.');

// A short budget keeps a runaway mutation from dominating the run; what exceeds it is reported, which is fine here.
const validator = createMermaidValidator({ workerPath: WORKER, timeoutMs: 1500 });
after(() => validator.dispose());
const linter = new Linter({ fs: memoryFileSystem({}), services: { mermaid: validator }, rules: [mermaidSyntax] });

const seeds = mermaidSeeds();
const mutation = fc.record({
  kind: fc.constantFrom(
    'insert',
    'insert',
    'delete',
    'duplicate',
    'truncate',
    'lineEndings',
    'indent',
  ) as fc.Arbitrary<'insert'>,
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.nat({ max: 60 }),
  text: fc.oneof(
    fc.constantFrom(
      '-->',
      '---',
      '|x|',
      '[',
      ']',
      '(',
      ')',
      '{',
      '}',
      '((',
      '))',
      ':',
      ';',
      '"',
      '`',
      'end',
      'subgraph',
      '%%',
      '%%{init: {"securityLevel":"loose"}}%%\n',
      'click A call alert(1)',
      '\n',
      '\r\n',
      '\t',
      '<br>',
      '&lt;',
      '#35;',
      '\u0000',
      '\uD800',
      '😀',
    ),
    piece,
  ),
});
const mutatedMermaid = fc
  .record({ seed: fc.nat({ max: seeds.length - 1 }), mutations: fc.array(mutation, { maxLength: 5 }) })
  .map(({ seed, mutations }) => mutations.reduce(applyMutation, seeds[seed].text));

/** How a diagram is embedded in Markdown: plain, indented, in a quote, in a list item, with CRLF line ends. */
const containers: ((block: string) => string)[] = [
  (b) => '# Design\n\n```mermaid\n' + b + '\n```\n',
  (b) => '# Design\n\n  ```mermaid\n' + b.replace(/^/gm, '  ') + '\n  ```\n',
  (b) => '> ```mermaid\n' + b.replace(/^/gm, '> ') + '\n> ```\n',
  (b) => '- item\n\n  ```mermaid\n' + b.replace(/^/gm, '  ') + '\n  ```\n',
  (b) => ('# D\r\n```mermaid\r\n' + b + '\r\n```\r\n').replace(/\r?\n/g, '\r\n'),
  (b) => '```mermaid\n' + b, // unclosed at the end of the file
];

test(
  'validator: mutated diagrams always get an answer, with problem ranges inside the block',
  { timeout: fuzzTimeout(180_000) },
  async () => {
    await fc.assert(
      fc.asyncProperty(mutatedMermaid, async (text) => {
        const problems = await validator.validate(text);
        const lines = linesOf(text);
        for (const p of problems) {
          assert.ok(p.message.length > 0, 'a problem has a message');
          assert.equal(
            rangeProblem(p.range, lines),
            undefined,
            `${p.kind} ${JSON.stringify(p.range)}: ${rangeProblem(p.range, lines)}`,
          );
        }
      }),
      fuzzParams(120),
    );
  },
);

test(
  'mermaid-syntax: mutated diagrams inside Markdown containers; findings lie inside the document',
  { timeout: fuzzTimeout(180_000) },
  async () => {
    await fc.assert(
      fc.asyncProperty(mutatedMermaid, fc.nat({ max: containers.length - 1 }), async (block, c) => {
        const text = containers[c](block);
        const findings = await linter.lintFile(linter.parse('/ws/notes.md', text), DEFAULT_CONFIG);
        const lines = linesOf(text);
        for (const f of findings) {
          assert.doesNotMatch(f.message, /internal error/, f.detail ?? f.message);
          assert.equal(
            rangeProblem(f.range, lines),
            undefined,
            `${f.message} at ${JSON.stringify(f.range)}: ${rangeProblem(f.range, lines)}`,
          );
        }
      }),
      fuzzParams(120),
    );
  },
);

test(
  'mermaid-syntax: empty and whitespace-only blocks, including one opened on the last line',
  { timeout: 30_000 },
  async () => {
    for (const text of [
      '```mermaid',
      '```mermaid\n',
      '```mermaid\n```',
      '```mermaid\n\n```\n',
      '> ```mermaid',
      '- ```mermaid',
      '```mermaid\n   \n\t\n```',
    ]) {
      const findings = await linter.lintFile(linter.parse('/ws/empty.md', text), DEFAULT_CONFIG);
      const lines = linesOf(text);
      for (const f of findings)
        assert.equal(
          rangeProblem(f.range, lines),
          undefined,
          `${JSON.stringify(text)}: ${f.message} at ${JSON.stringify(f.range)}`,
        );
    }
  },
);

test(
  'mermaid-syntax: a NUL byte in a diagram (markdown-it turns it into U+FFFD) keeps the finding on its line',
  { timeout: 30_000 },
  async () => {
    // Found by `npm run fuzz`: the content line no longer matched its source line, so its start was guessed wrong.
    const text = '# Design\n\n```mermaid\n   \u0000venn-beta\n```\n';
    const findings = await linter.lintFile(linter.parse('/ws/nul.md', text), DEFAULT_CONFIG);
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].range, { start: { line: 3, character: 3 }, end: { line: 3, character: 13 } });
  },
);
