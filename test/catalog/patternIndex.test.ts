import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILT_IN_CATALOG, loadCatalog } from '../../server/core/catalog/catalog';
import { PatternIndex, isAcronym } from '../../server/core/catalog/patternIndex';

const index = new PatternIndex(loadCatalog().catalog);
const mentions = (line: string) => index.findMentions(line).map((m) => [line.slice(m.start, m.end), m.pattern.id]);

test('prefix lookup ignores case, spaces, hyphens and slashes, and returns one term per pattern', () => {
  assert.deepEqual(
    index.complete('pub-s').map((m) => m.term),
    ['pub/sub'],
  );
  assert.deepEqual(
    index.complete('PUB S').map((m) => m.term),
    ['pub/sub'],
  );
  assert.deepEqual(
    index.complete('circuit br').map((m) => [m.term, m.pattern.id]),
    [['Circuit Breaker', 'circuit-breaker']],
  );
  const ids = index.complete('ca').map((m) => m.pattern.id);
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(ids.includes('cache-aside') && ids.includes('cap-theorem') && ids.includes('canary-release'));
});

test('the name is preferred over an alias, and a start match over a later-word match', () => {
  const sw = index.complete('sliding w');
  assert.deepEqual(
    sw.map((m) => [m.term, m.matchOffset]),
    [['Sliding Window Rate Limiting', 0]],
  );
  const bucket = index.complete('bucket').map((m) => [m.term, m.matchOffset]);
  assert.deepEqual(bucket, [
    ['Leaky Bucket', 6],
    ['Token Bucket', 6],
  ]);
  // Later words need three characters: "bu" alone would offer every "... Bucket" and "... Budget".
  assert.deepEqual(
    index.complete('bu').map((m) => m.pattern.id),
    ['bulkhead'],
  );
});

test('acronyms are recognised as all capitals, optionally plural', () => {
  assert.equal(isAcronym('CAP'), true);
  assert.equal(isAcronym('SLOs'), true);
  assert.equal(isAcronym('2PC'), true);
  assert.equal(isAcronym('OAuth'), false);
  assert.equal(isAcronym('mTLS'), false);
});

test('mentions: case-insensitive names, word boundaries, plurals, separator variants, longest match first', () => {
  assert.deepEqual(mentions('Put a Load Balancer in front of two load balancers.'), [
    ['Load Balancer', 'load-balancer'],
    ['load balancers', 'load-balancer'],
  ]);
  assert.deepEqual(mentions('A write through cache, then write-behind and writethrough.'), [
    ['write through cache', 'write-through'],
    ['write-behind', 'write-behind'],
    ['writethrough', 'write-through'],
  ]);
  // "fan-out on write" is longer than any term inside it.
  assert.deepEqual(mentions('We use fan-out on write for feeds'), [['fan-out on write', 'fan-out-on-write']]);
  // No match inside a longer word.
  assert.deepEqual(mentions('overshard sharding'), [['sharding', 'sharding']]);
});

test('acronyms match only in capitals, so ordinary words are not mistaken for patterns', () => {
  assert.deepEqual(mentions('CAP says to cap the batch; RAG helps, a rag does not; BASE vs base.'), [
    ['CAP', 'cap-theorem'],
    ['RAG', 'rag'],
    ['BASE', 'eventual-consistency'],
  ]);
  assert.deepEqual(mentions('Our SLOs and the DLQ'), [
    ['SLOs', 'slo-error-budget'],
    ['DLQ', 'dead-letter-queue'],
  ]);
});

test('mentionAt finds the mention under a position, touching either end', () => {
  const line = 'Use a circuit breaker here';
  assert.equal(index.mentionAt(line, 6)?.pattern.id, 'circuit-breaker');
  assert.equal(index.mentionAt(line, 21)?.pattern.id, 'circuit-breaker');
  assert.equal(index.mentionAt(line, 3), undefined);
});

test('on long lines, mentionAt searches around the position and still respects word boundaries', () => {
  const filler = 'word '.repeat(100);
  const line = `${filler}a circuit breaker ${filler}xsharding ${filler}`;
  const at = line.indexOf('circuit') + 3;
  assert.deepEqual(
    [index.mentionAt(line, at)?.pattern.id, index.mentionAt(line, at)?.start],
    ['circuit-breaker', line.indexOf('circuit')],
  );
  assert.equal(index.mentionAt(line, line.indexOf('xsharding') + 4), undefined);
  // A window edge that falls inside a long word does not cut it into a match.
  const long = `${'a'.repeat(300)}sharding${'b'.repeat(300)}`;
  assert.equal(index.mentionAt(long, 304), undefined);
});

test('a user entry takes over a term it shares with a built-in entry', () => {
  const user =
    '{ "patterns": [ { "id": "our-gateway", "name": "Edge Router", "aliases": ["API Gateway"], "category": "api-networking", "summary": "Ours." } ] }';
  const custom = new PatternIndex(loadCatalog(BUILT_IN_CATALOG, user).catalog);
  assert.equal(custom.mentionAt('the API Gateway', 6)?.pattern.id, 'our-gateway');
  assert.equal(custom.lookup('edge router')?.pattern.id, 'our-gateway');
});

test('acronyms without a vowel are recognised in lower case too ("cqrs", "cdn"); English-word acronyms and URL schemes are not', () => {
  const idx = new PatternIndex(loadCatalog().catalog);
  const terms = (line: string) => idx.findMentions(line).map((m) => `${m.term}@${m.start}`);
  assert.deepEqual(terms('we use cqrs and a cdn, two dlqs'), ['CQRS@7', 'CDN@18', 'DLQ@27']);
  assert.deepEqual(terms('cap the rag at the base of https://x.example and s3://bucket'), []);
  assert.equal(idx.lookup('cqrs')?.pattern.name, idx.lookup('CQRS')?.pattern.name);
});
