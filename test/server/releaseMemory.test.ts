// server/releaseMemory.ts, run in a fresh Node process as the server runs (SERVER_NODE_FLAGS): after a burst of
// garbage, the heap V8 keeps must shrink to about what is live, which a plain full collection does not do (V8 keeps
// the old generation's pages for the next burst). Without --expose-gc it must do nothing and not throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { SERVER_NODE_FLAGS } from '../../common/serverProcess';

const root = path.resolve(__dirname, '../..');

/** Allocates ~200 MB of short-lived objects, then reports the heap V8 holds before and after `collect`. */
function heapAfterBurst(flags: string[], collect: string): { before: number; after: number; error?: string } {
  const script = `
    const v8 = require('node:v8');
    const { releaseMemory } = require('./server/releaseMemory.ts');
    let garbage = [];
    for (let i = 0; i < 2e6; i++) garbage.push({ i, s: 'x' + i });
    garbage = null;
    const size = () => v8.getHeapStatistics().total_heap_size;
    const before = size();
    ${collect};
    console.log(JSON.stringify({ before, after: size() }));`;
  const r = spawnSync(process.execPath, [...flags, '--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) return { before: NaN, after: NaN, error: r.stderr };
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

test('with the server flags, releaseMemory gives the garbage of a burst back: the heap falls to a fraction', () => {
  const { before, after, error } = heapAfterBurst([...SERVER_NODE_FLAGS], 'releaseMemory()');
  assert.equal(error, undefined);
  assert.ok(before > 100e6, `the burst grew the heap (${before} bytes)`);
  assert.ok(after < before / 4, `heap ${before} → ${after} bytes`);
});

test('a plain full collection keeps much more of that heap (what releaseMemory is for)', () => {
  const plain = heapAfterBurst([...SERVER_NODE_FLAGS], 'gc()');
  const released = heapAfterBurst([...SERVER_NODE_FLAGS], 'releaseMemory()');
  assert.equal(plain.error, undefined);
  assert.ok(released.after < plain.after / 2, `plain gc keeps ${plain.after} bytes, releaseMemory ${released.after}`);
});

test('without --expose-gc (another editor starting the server bare) releaseMemory does nothing and does not throw', () => {
  const flags = SERVER_NODE_FLAGS.filter((f) => f !== '--expose-gc');
  const { before, after, error } = heapAfterBurst(flags, 'releaseMemory()');
  assert.equal(error, undefined);
  assert.ok(after > before / 2, `heap ${before} → ${after} bytes: nothing was collected on purpose`);
});
