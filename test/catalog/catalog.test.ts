import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import builtInJson from '../../server/core/data/patterns.json';
import {
  BUILT_IN_CATALOG,
  loadCatalog,
  PATTERN_CATEGORIES,
  validateCatalogObject,
  type RawPattern,
} from '../../server/core/catalog/catalog';
import { compactKey } from '../../server/core/catalog/patternIndex';
import { DIAGRAM_KEYWORDS } from '../../server/core/mermaid/diagramTypes';

const raw = builtInJson as unknown as { patterns: RawPattern[] };

test('the built-in catalog validates against schemas/patterns.schema.json', () => {
  assert.deepEqual(validateCatalogObject(BUILT_IN_CATALOG), []);
});

test('the built-in catalog has at least 60 complete entries', () => {
  assert.ok(raw.patterns.length >= 60, `only ${raw.patterns.length} patterns`);
  for (const p of raw.patterns) {
    for (const field of ['whenToUse', 'costs', 'mermaid', 'reference'] as const) {
      assert.ok(p[field] && p[field]!.trim().length > 10, `${p.id} lacks ${field}`);
    }
    assert.ok(p.summary.length > 80, `${p.id} summary is too short to be a paragraph`);
    assert.ok((p.related ?? []).length > 0, `${p.id} has no related patterns`);
  }
});

test('ids are unique, and names and aliases are unique across the catalog (ignoring case and separators)', () => {
  const ids = new Set<string>();
  for (const p of raw.patterns) {
    assert.ok(!ids.has(p.id), `duplicate id ${p.id}`);
    ids.add(p.id);
  }
  const owner = new Map<string, string>();
  for (const p of raw.patterns) {
    for (const term of [p.name, ...(p.aliases ?? [])]) {
      const key = compactKey(term);
      const prev = owner.get(key);
      assert.ok(prev === undefined || prev === p.id, `"${term}" of ${p.id} collides with ${prev}`);
      owner.set(key, p.id);
    }
  }
});

test('every related id exists and no pattern relates to itself', () => {
  const ids = new Set(raw.patterns.map((p) => p.id));
  for (const p of raw.patterns) {
    for (const r of p.related ?? []) {
      assert.ok(ids.has(r), `${p.id} relates to unknown ${r}`);
      assert.notEqual(r, p.id);
    }
  }
});

test('every category is used', () => {
  const used = new Set(raw.patterns.map((p) => p.category));
  for (const c of PATTERN_CATEGORIES) assert.ok(used.has(c), `no pattern in ${c}`);
});

test('the patterns the issue asks for are present', () => {
  const ids = new Set(raw.patterns.map((p) => p.id));
  for (const id of [
    'load-balancer',
    'cache-aside',
    'write-through',
    'write-behind',
    'cqrs',
    'event-sourcing',
    'transactional-outbox',
    'saga',
    'circuit-breaker',
    'bulkhead',
    'rate-limiting',
    'token-bucket',
    'leaky-bucket',
    'sliding-window-rate-limiting',
    'sharding',
    'consistent-hashing',
    'leader-follower-replication',
    'multi-leader-replication',
    'quorum',
    'fan-out-on-write',
    'fan-out-on-read',
    'publish-subscribe',
    'dead-letter-queue',
    'idempotency-key',
    'backpressure',
    'cdn',
    'api-gateway',
    'service-discovery',
    'blue-green-deployment',
    'canary-release',
    'cap-theorem',
    'pacelc',
    'semantic-caching',
    'rag',
    'model-tiering',
    'retry-with-backoff',
    'timeouts',
    'health-check',
    'read-replicas',
    'denormalization',
    'materialized-view',
    'bloom-filter',
    'geohash',
    'quadtree',
    'websockets',
    'long-polling',
    'backend-for-frontend',
    'oauth2',
    'jwt',
    'encryption-at-rest',
    'encryption-in-transit',
    'feature-flags',
    'distributed-tracing',
    'slo-error-budget',
    'structured-logging',
    'two-phase-commit',
    'vector-clock',
    'crdt',
    'leader-election',
    'write-ahead-log',
    'lsm-tree',
    'presigned-url',
    'message-queue',
    'stream-processing',
  ]) {
    assert.ok(ids.has(id), `missing ${id}`);
  }
});

test('every Mermaid example starts with a diagram keyword mermaid knows', () => {
  for (const p of raw.patterns) {
    const first = p.mermaid!.trim().split(/\s+/)[0];
    assert.ok(DIAGRAM_KEYWORDS.includes(first), `${p.id}: "${first}" is not a diagram keyword`);
  }
});

const workerPath = path.resolve(__dirname, '../../dist/mermaidWorker.mjs');
test(
  'every Mermaid example parses with mermaid itself',
  { skip: existsSync(workerPath) ? false : 'dist/mermaidWorker.mjs not built (npm run build)' },
  async () => {
    const { createMermaidValidator } = await import('../../server/core/node/mermaidValidator');
    const validator = createMermaidValidator({ workerPath, timeoutMs: 20_000 });
    try {
      for (const p of raw.patterns) {
        const problems = await validator.validate(p.mermaid!);
        assert.deepEqual(
          problems.map((x) => x.message),
          [],
          `${p.id}: ${problems.map((x) => x.detail ?? x.message).join('\n')}`,
        );
      }
    } finally {
      validator.dispose();
    }
  },
);

test('loadCatalog without a user catalog returns the built-in entries, marked built-in', () => {
  const { catalog, problems } = loadCatalog();
  assert.deepEqual(problems, []);
  assert.equal(catalog.patterns.length, raw.patterns.length);
  assert.equal(catalog.byId.get('cqrs')?.source, 'built-in');
});

test('a user catalog extends the built-in catalog and overrides entries by id', () => {
  const user = `{
  // comments and trailing commas are fine
  "patterns": [
    { "id": "cqrs", "name": "CQRS", "aliases": ["our CQRS"], "category": "messaging-events", "summary": "Team-specific wording.", "related": ["event-sourcing"] },
    { "id": "cell-architecture", "name": "Cell-Based Architecture", "aliases": ["cells"], "category": "reliability", "summary": "Independent cells.", "related": ["bulkhead", "cqrs"] },
  ],
}`;
  const { catalog, problems } = loadCatalog(BUILT_IN_CATALOG, user);
  assert.deepEqual(problems, []);
  assert.equal(catalog.patterns.length, raw.patterns.length + 1);
  const cqrs = catalog.byId.get('cqrs')!;
  assert.equal(cqrs.summary, 'Team-specific wording.');
  assert.equal(cqrs.source, 'user');
  // Overrides keep the built-in position; new entries come last.
  assert.equal(
    catalog.patterns.findIndex((p) => p.id === 'cqrs'),
    raw.patterns.findIndex((p) => p.id === 'cqrs'),
  );
  assert.equal(catalog.patterns.at(-1)!.id, 'cell-architecture');
  assert.deepEqual(catalog.byId.get('cell-architecture')!.related, ['bulkhead', 'cqrs']);
});

test('invalid JSON in a user catalog is reported with its position; the built-in catalog stays in force', () => {
  const { catalog, problems } = loadCatalog(BUILT_IN_CATALOG, '{\n  "patterns": [\n    { "id": "x" \n  ]\n}');
  assert.equal(catalog.patterns.length, raw.patterns.length);
  assert.ok(problems.length >= 1);
  assert.match(problems[0].message, /^Invalid JSON in pattern catalog: .*Only the built-in catalog is used\.$/);
  assert.equal(problems[0].severity, 'error');
  assert.equal(problems[0].range.start.line, 3);
});

test('a user catalog without a patterns array is reported and ignored', () => {
  const { catalog, problems } = loadCatalog(BUILT_IN_CATALOG, '[1, 2]');
  assert.equal(catalog.patterns.length, raw.patterns.length);
  assert.deepEqual(
    problems.map((p) => [p.message, p.range]),
    [
      [
        'A pattern catalog must be an object with a "patterns" array. Only the built-in catalog is used.',
        { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } },
      ],
    ],
  );
});

test('invalid user entries are reported at the offending value and skipped; valid entries still apply', () => {
  const text = [
    '{ "patterns": [',
    '  { "id": "Bad Id", "name": "Bad", "category": "caching", "summary": "s" },',
    '  { "id": "ok-one", "name": "Okay One", "category": "nope", "summary": "s" },',
    '  { "id": "ok-two", "name": "Okay Two", "category": "caching", "summary": "s", "related": ["cache-aside", "no-such-pattern"] },',
    '  { "id": "ok-three", "name": "Okay Three", "category": "caching" }',
    '] }',
  ].join('\n');
  const { catalog, problems } = loadCatalog(BUILT_IN_CATALOG, text);
  const lines = text.split('\n');
  const simple = problems.map((p) => [p.message, p.severity, p.range.start.line, p.range.start.character]);
  assert.deepEqual(simple, [
    [
      '"patterns.0.id" must be a kebab-case id (lower-case letters, digits and hyphens). This entry is ignored.',
      'error',
      1,
      10,
    ],
    [
      '"patterns.1.category" must be one of "scalability", "caching", "data-storage", "messaging-events", "reliability", "consistency", "api-networking", "security", "deployment", "observability", "ai-llm". This entry is ignored.',
      'error',
      2,
      lines[2].indexOf('"nope"'),
    ],
    ['"patterns.3" needs "summary". This entry is ignored.', 'error', 4, 2],
    [
      'Pattern "ok-two" is related to unknown pattern id "no-such-pattern"; the link is ignored.',
      'warning',
      3,
      lines[3].indexOf('"no-such-pattern"'),
    ],
  ]);
  assert.equal(catalog.byId.has('ok-one'), false);
  assert.deepEqual(catalog.byId.get('ok-two')!.related, ['cache-aside']);
  assert.equal(catalog.patterns.length, raw.patterns.length + 1);
});

test('a duplicate id inside a user catalog is reported; the later entry wins', () => {
  const text =
    '{ "patterns": [\n  { "id": "dup", "name": "First", "category": "caching", "summary": "a" },\n  { "id": "dup", "name": "Second", "category": "caching", "summary": "b" }\n] }';
  const { catalog, problems } = loadCatalog(BUILT_IN_CATALOG, text);
  assert.deepEqual(
    problems.map((p) => [p.message, p.range.start.line, p.range.start.character]),
    [['Duplicate pattern id "dup" in the catalog; this later entry wins.', 2, 10]],
  );
  assert.equal(catalog.byId.get('dup')!.name, 'Second');
});

test('an invalid built-in catalog is a programming error and throws', () => {
  assert.throws(() => loadCatalog({ patterns: [{ id: 'x' }] }), /Built-in pattern catalog is invalid/);
});
