// fast-check generators of hostile Markdown: pieces that stress the block structure (containers, fences, headings,
// HTML, front matter, every line ending), free text in any Unicode (lone surrogates, BOM, NUL included), and
// mutations of real documents (inserting, deleting, duplicating and truncating at random offsets).
import fc from 'fast-check';

const PIECES = [
  '# ',
  '## ',
  '###### ',
  '####### ',
  '#',
  '\n',
  '\r\n',
  '\r',
  '\n\n',
  '    ',
  '\t',
  '  ',
  '> ',
  '>',
  '- ',
  '* ',
  '+ ',
  '1. ',
  '10) ',
  '2147483648. ',
  '```',
  '```mermaid\n',
  '~~~',
  '~~~mermaid\n',
  '```\n',
  '````',
  '    ```',
  '<!--',
  '-->',
  '<div>',
  '</div>',
  '<details>',
  '<script>alert(1)</script>',
  '---\n',
  '...\n',
  '===\n',
  '---',
  '| a | b |\n',
  '|---|---|\n',
  '[link](x.md)',
  '![img](d.png)',
  '[a]',
  '](',
  '[^1]',
  '`',
  '``',
  '*',
  '_',
  '**',
  '\\',
  'Non-Functional Requirements',
  'Functional Requirements',
  'Trade-offs',
  'Architecture',
  'High-Level Design',
  'vs',
  'TODO',
  'TBD',
  '[insert name]',
  'flowchart TD\n',
  'graph LR\n',
  'A --> B\n',
  'sequenceDiagram\n',
  '%%{init: {"theme":"dark"}}%%\n',
  'end\n',
  'subgraph x\n',
  '\uFEFF',
  '\u0000',
  '\uD800',
  '\uDFFF',
  '😀',
  '\u200B',
  '\u2028',
  '\u0085',
  'é',
  '\u0301',
  '中文',
  '\uFFFD',
  'p99 < 200 ms',
  'fast',
];

export const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.nat({ max: 40 }).map((n) => ' '.repeat(n)) },
);

/** A document built from hostile pieces. */
export const randomMarkdown = fc.array(piece, { maxLength: 120 }).map((parts) => parts.join(''));

export interface Mutation {
  kind: 'insert' | 'delete' | 'duplicate' | 'truncate' | 'lineEndings' | 'indent';
  at: number;
  length: number;
  text: string;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('insert', 'insert', 'insert', 'delete', 'duplicate', 'truncate', 'lineEndings', 'indent'),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.nat({ max: 400 }),
  text: fc.array(piece, { minLength: 1, maxLength: 6 }).map((p) => p.join('')),
});

export function applyMutation(text: string, m: Mutation): string {
  const at = Math.floor(m.at * text.length);
  switch (m.kind) {
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'duplicate':
      return text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length);
    case 'truncate':
      return text.slice(0, at);
    case 'lineEndings':
      return m.length % 2 ? text.replace(/\n/g, '\r\n') : text.replace(/\n/g, '\r');
    case 'indent':
      return text.replace(/^/gm, m.text.includes('>') ? '> ' : ' '.repeat(m.length % 9));
  }
}

/** A real document (picked from `seeds`) with a few random mutations applied. */
export function mutatedDocument(seeds: readonly { name: string; text: string }[]) {
  return fc
    .record({ seed: fc.nat({ max: Math.max(0, seeds.length - 1) }), mutations: fc.array(mutation, { maxLength: 8 }) })
    .map(({ seed, mutations }) => ({
      name: seeds[seed]?.name ?? '(none)',
      text: mutations.reduce(applyMutation, seeds[seed]?.text ?? ''),
    }));
}
