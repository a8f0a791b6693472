// The incremental block parse (server/core/blockChunks.ts) against the whole parse: for random large documents and
// random edits applied one after another (so kept chunks are re-used, shifted and replaced), the token list must be
// the whole parse's, token by token, and parseMarkdown's model must not depend on what the cache held before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { CHUNKED_MIN_CHARS, chunkedBlockTokens, clearBlockChunkCache } from '../../server/core/blockChunks';
import { parseMarkdown, splitLines } from '../../server/core/markdown';
import { applyMutation, piece, type Mutation } from './markdownArbitraries';
import { fuzzParams, fuzzTimeout, markdownSeeds } from './support';

// The same options as server/core/markdown.ts's block parser.
const mdBlocks = new MarkdownIt({ html: true, linkify: false }).disable('inline');

function summary(tokens: Token[]) {
  return tokens.map((t) => [
    t.type,
    t.tag,
    t.nesting,
    t.level,
    t.map?.join('-'),
    t.markup,
    t.info,
    t.content,
    t.hidden,
  ]);
}

function sameAsWhole(text: string): 'chunked' | 'whole' {
  const lines = splitLines(text);
  const source = lines.join('\n');
  const chunked = chunkedBlockTokens(mdBlocks, source, lines);
  if (!chunked) return 'whole';
  assert.deepEqual(summary(chunked), summary(mdBlocks.parse(source, {})));
  return 'chunked';
}

function model(text: string) {
  const doc = parseMarkdown(text);
  return { ...doc, proseLines: [...doc.proseLines], tableLines: [...doc.tableLines] };
}

/** Sections that stress the cut: fences and HTML blocks across headings, lists, tables, quotes, setext lines. */
const section = fc
  .tuple(
    fc.constantFrom('# ', '## ', '### ', '#', ' # ', '####### '),
    fc.array(piece, { maxLength: 40 }).map((p) => p.join('')),
  )
  .map(([mark, body]) => `${mark}Section\n${body}\n`);

/** Enough ordinary prose to pass the size under which nothing is chunked. */
const FILLER = Array.from(
  { length: 40 },
  (_, i) =>
    `## Component ${i}\n\nThe service ${i} stores events in a queue and serves reads from a cache.\n\n- item ${i}\n`,
).join('\n');

const document = fc.array(section, { minLength: 1, maxLength: 12 }).map((sections) => {
  let text = sections.join('');
  while (text.length < CHUNKED_MIN_CHARS) text += FILLER;
  return text;
});

const edit: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('insert', 'insert', 'insert', 'delete', 'duplicate'),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.nat({ max: 60 }),
  text: fc.array(piece, { minLength: 1, maxLength: 3 }).map((p) => p.join('')),
});

test('chunked block tokens equal the whole parse across a sequence of edits', { timeout: fuzzTimeout(120_000) }, () => {
  let chunked = 0;
  fc.assert(
    fc.property(document, fc.array(edit, { minLength: 1, maxLength: 6 }), (start, edits) => {
      let text = start;
      if (sameAsWhole(text) === 'chunked') chunked++;
      for (const e of edits) {
        text = applyMutation(text, e);
        sameAsWhole(text);
        const warm = model(text);
        clearBlockChunkCache();
        assert.deepEqual(warm, model(text), 'the model after edits equals the model parsed from nothing');
      }
    }),
    fuzzParams(60),
  );
  // The property says nothing if every document fell back to the whole parse.
  assert.ok(chunked > 10, `only ${chunked} documents were parsed in chunks`);
});

test('real documents: chunked parse equals the whole parse, edits re-use the untouched chunks', () => {
  // Real notes from the corpus and this repository, joined until large enough to be chunked.
  const seeds = markdownSeeds(400);
  let text = '';
  let compared = 0;
  for (const seed of seeds) {
    text += `${seed.text}\n\n# ${seed.name}\n\n`;
    if (text.length < CHUNKED_MIN_CHARS) continue;
    if (sameAsWhole(text) === 'chunked') compared++;
    // One keystroke in the middle, then its removal: the second parse must come from kept chunks and still agree.
    const at = Math.floor(text.length / 2);
    const typed = `${text.slice(0, at)}x${text.slice(at)}`;
    sameAsWhole(typed);
    sameAsWhole(text);
    text = '';
  }
  assert.ok(compared > 0, 'some real documents were parsed in chunks');
});

test('documents that cannot be cut are parsed whole', () => {
  const big = FILLER.repeat(Math.ceil(CHUNKED_MIN_CHARS / FILLER.length));
  // A fence left open before a heading swallows it; a reference definition is document-wide; a small file is whole.
  assert.equal(sameAsWhole(`${big}\n\`\`\`\n# not a heading\n${big}`), 'whole');
  assert.equal(sameAsWhole(`${big}\n<div>\n# inside the HTML block\n${big}`), 'whole');
  assert.equal(sameAsWhole(`${big}\n[cache]: https://example.com\n${big}`), 'whole');
  assert.equal(sameAsWhole(`${big}\n> - [cache]: https://example.com\n${big}`), 'whole');
  assert.equal(sameAsWhole('# Small\n\ntext\n\n# Other\n'), 'whole');
  // A fence closed on the last line before a heading is not open.
  assert.equal(sameAsWhole(`${big}\n\`\`\`mermaid\nflowchart TD\n\`\`\`\n# After\n${big}`), 'chunked');
  assert.equal(sameAsWhole(big), 'chunked');
});
