import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  buildIndexRows,
  caseStudyStatus,
  dateFromFolderName,
  INDEX_END_MARKER,
  INDEX_NOTE,
  INDEX_START_MARKER,
  readCaseStudyMetadata,
  renderIndexTable,
  spliceIndex,
  tableCell,
} from '../../server/core/caseStudyIndex';

const findings = (error = 0, warning = 0) => ({ error, warning, info: 0 });
const TABLE = renderIndexTable(
  buildIndexRows([
    {
      summary: { name: 'url-shortener', title: 'URL Shortener', completeness: 1, findings: findings() },
      relativeLink: 'url-shortener/requirements.md',
    },
  ]),
);

test('no markers: the block is appended after a blank line and the original text is kept byte for byte', () => {
  const original = '# Case studies\n\nOur designs.\n';
  const r = spliceIndex(original, TABLE);
  assert.ok(r.ok);
  assert.equal(r.appended, true);
  assert.ok(r.text.startsWith(original));
  assert.equal(r.text, `${original}\n${INDEX_START_MARKER}\n${INDEX_NOTE}\n${TABLE}\n${INDEX_END_MARKER}\n`);
  assert.deepEqual([r.edit.start, r.edit.end], [original.length, original.length]);
  // A file without a final newline gets one blank line before the block; an empty file gets none.
  assert.ok(
    spliceIndex('Intro', TABLE).ok &&
      (spliceIndex('Intro', TABLE) as { text: string }).text.startsWith(`Intro\n\n${INDEX_START_MARKER}\n`),
  );
  assert.ok((spliceIndex('', TABLE) as { text: string }).text.startsWith(INDEX_START_MARKER));
});

test('with markers: only the lines between them change; the text before and after is untouched', () => {
  const before = '# Index\r\n\r\nHand-written intro.\r\n';
  const after = '\r\n## Notes\r\n\r\nKeep me | and me.\r\n';
  const original = `${before}${INDEX_START_MARKER}\r\nold table\r\n| stale |\r\n${INDEX_END_MARKER}${after}`;
  const r = spliceIndex(original, TABLE);
  assert.ok(r.ok);
  assert.equal(r.appended, false);
  assert.equal(r.changed, true);
  assert.ok(r.text.startsWith(`${before}${INDEX_START_MARKER}\r\n`));
  assert.ok(r.text.endsWith(`${INDEX_END_MARKER}${after}`));
  // CRLF files stay CRLF inside the block too.
  assert.ok(!/[^\r]\n/.test(r.text), 'no bare LF introduced');
  assert.ok(!r.text.includes('stale'));
  // The edit covers exactly the inside of the markers.
  assert.equal(original.slice(0, r.edit.start), `${before}${INDEX_START_MARKER}\r\n`);
  assert.equal(original.slice(r.edit.end), `${INDEX_END_MARKER}${after}`);
});

test('splicing is idempotent: a second run reports no change and yields the same text', () => {
  for (const original of ['', 'Intro\n', `a\n${INDEX_START_MARKER}\n${INDEX_END_MARKER}\nz\n`]) {
    const once = spliceIndex(original, TABLE);
    assert.ok(once.ok);
    const twice = spliceIndex(once.text, TABLE);
    assert.ok(twice.ok);
    assert.equal(twice.text, once.text);
    assert.equal(twice.changed, false);
    assert.equal(twice.appended, false);
  }
});

test('property: text outside the markers is never touched, whatever it holds', () => {
  const line = fc.string({ maxLength: 30 }).map((s) =>
    s
      .replace(/[\r\n]/g, ' ')
      .replace(/design-notes:index/g, 'x')
      .replace(/^\s*(`{3}|~{3})/, ''),
  );
  const block = fc.array(line, { maxLength: 6 }).map((ls) => ls.join('\n'));
  fc.assert(
    fc.property(block, block, block, (before, inside, after) => {
      const head = `${before}\n${INDEX_START_MARKER}\n`;
      const tail = `${INDEX_END_MARKER}\n${after}`;
      const r = spliceIndex(`${head}${inside}\n${tail}`, TABLE);
      assert.ok(r.ok);
      assert.ok(r.text.startsWith(head));
      assert.ok(r.text.endsWith(tail));
      const again = spliceIndex(r.text, TABLE);
      assert.ok(again.ok && !again.changed);
    }),
  );
});

test('ambiguous markers are refused with a message instead of guessing', () => {
  const cases = [
    `${INDEX_START_MARKER}\nno end\n`,
    `no start\n${INDEX_END_MARKER}\n`,
    `${INDEX_END_MARKER}\n${INDEX_START_MARKER}\n`,
    `${INDEX_START_MARKER}\n${INDEX_END_MARKER}\n${INDEX_START_MARKER}\n${INDEX_END_MARKER}\n`,
  ];
  for (const text of cases) {
    const r = spliceIndex(text, TABLE);
    assert.equal(r.ok, false, text);
    assert.match((r as { error: string }).error, /marker/);
  }
});

test('markers inside fenced code blocks (documentation about the markers) are not treated as markers', () => {
  const doc = `How to use:\n\n\`\`\`markdown\n${INDEX_START_MARKER}\n${INDEX_END_MARKER}\n\`\`\`\n`;
  const r = spliceIndex(doc, TABLE);
  assert.ok(r.ok);
  assert.equal(r.appended, true);
  assert.ok(r.text.startsWith(doc));
});

test('markers on a line with other text are not markers; indented ones are', () => {
  const inline = `Use ${INDEX_START_MARKER} and ${INDEX_END_MARKER} in your README.\n`;
  assert.ok((spliceIndex(inline, TABLE) as { appended: boolean }).appended);
  const indented = `  ${INDEX_START_MARKER}\n  ${INDEX_END_MARKER}\n`;
  const r = spliceIndex(indented, TABLE);
  assert.ok(r.ok && !r.appended);
});

test('table: escaped cells, links encoded per segment, status from completeness and errors, sorted by title', () => {
  const rows = buildIndexRows([
    {
      summary: { name: 'b', title: 'Zeta | Pipes', completeness: 0.5, findings: findings() },
      relativeLink: 'b/requirements.md',
      meta: { focus: 'line one\nline two', tags: [] },
    },
    {
      summary: { name: '2026-01-05-chat', title: 'Chat [v2]', completeness: 1, findings: findings(1) },
      relativeLink: 'my designs/2026-01-05-chat (old)/requirements.md',
    },
    {
      summary: { name: 'done', title: 'Alpha', completeness: 1, findings: findings(0, 3) },
      meta: { tags: ['caching', 'queues'] },
      fallbackDate: '2025-12-31',
    },
  ]);
  assert.deepEqual(
    rows.map((r) => [r.title, r.status, r.date]),
    [
      ['Alpha', 'complete', '2025-12-31'],
      ['Chat [v2]', 'in progress', '2026-01-05'],
      ['Zeta | Pipes', 'in progress', undefined],
    ],
  );
  const table = renderIndexTable(rows).split('\n');
  assert.equal(table[0], '| Case study | Date | Status | Focus |');
  assert.equal(table[2], '| Alpha | 2025-12-31 | Complete | caching, queues |');
  assert.equal(
    table[3],
    '| [Chat \\[v2\\]](my%20designs/2026-01-05-chat%20%28old%29/requirements.md) | 2026-01-05 | In progress (100%) | — |',
  );
  assert.equal(table[4], '| [Zeta \\| Pipes](b/requirements.md) | — | In progress (50%) | line one line two |');
  assert.equal(renderIndexTable([]).split('\n').length, 3);
  assert.equal(tableCell('a|b\\c'), 'a\\|b\\\\c');
});

test('status: complete needs full completeness and no errors; warnings do not hold it back', () => {
  assert.equal(caseStudyStatus({ completeness: 1, findings: findings(0, 5) }), 'complete');
  assert.equal(caseStudyStatus({ completeness: 1, findings: findings(1) }), 'in progress');
  assert.equal(caseStudyStatus({ completeness: 0.99, findings: findings() }), 'in progress');
});

test('metadata: front matter wins; else the template status line and the first summary line', () => {
  const fm = readCaseStudyMetadata(
    '---\ndate: 2025-03-04T10:00:00Z\ntags: [caching, "rate limiting"]\nfocus: Global rate limits\n---\n# Rate Limiter\n\nSomething else.\n',
  );
  assert.deepEqual(fm, { date: '2025-03-04', tags: ['caching', 'rate limiting'], focus: 'Global rate limits' });
  const block = readCaseStudyMetadata('---\ntags:\n  - queues\n  - fan-out\n---\n# X\n');
  assert.deepEqual(block.tags, ['queues', 'fan-out']);
  const template = readCaseStudyMetadata(
    '# URL Shortener — Requirements\n\n> **Status:** draft · **Started:** 2026-11-23 · **Author:** Ann\n\n<!-- write here: the problem. -->\nShort links for **marketing** [campaigns](x.md).\n\n## Functional Requirements\n\n- a\n',
  );
  assert.deepEqual(template, { date: '2026-11-23', tags: [], focus: 'Short links for marketing campaigns.' });
  assert.equal(readCaseStudyMetadata('# T\n\n## Section\n\nBody.\n').focus, undefined);
  assert.equal(dateFromFolderName('2026-01-05-url-shortener'), '2026-01-05');
  assert.equal(dateFromFolderName('url-shortener'), undefined);
});
