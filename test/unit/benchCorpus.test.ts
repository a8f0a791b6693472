// The benchmark corpus must be reproducible (same seed, same bytes) so runs on different days compare, and must
// not depend on ../shared being there. The statistics the bench prints are checked on known values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadTextSource, markdownFiles, writeCorpus, writeLargeCaseStudy } from '../../bench/corpus';
import { makeTree, removeTree } from '../support/tree';

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(markdownFiles(dir).map((f) => [path.relative(dir, f), readFileSync(f, 'utf8')]));
}

test('bench corpus: same seed, same tree; another seed, another tree; built-in prose without ../shared', () => {
  const builtIn = loadTextSource(path.join(__dirname, 'no-such-corpus'));
  assert.match(builtIn.origin, /built-in/);
  const a = makeTree({});
  const b = makeTree({});
  const c = makeTree({});
  try {
    const infoA = writeCorpus(a, 40, 7, builtIn);
    writeCorpus(b, 40, 7, builtIn);
    writeCorpus(c, 40, 8, builtIn);
    assert.deepEqual(snapshot(a), snapshot(b));
    assert.notDeepEqual(snapshot(a), snapshot(c));
    assert.equal(Object.keys(snapshot(a)).length, infoA.files);
    const folders = new Set(Object.keys(snapshot(a)).map((f) => f.split(path.sep).slice(0, 2).join('/')));
    assert.equal(folders.size, 40, 'one folder per case study');
    // Realistic faults are present: broken or missing pieces, diagrams.
    assert.ok(infoA.files < 40 * 3 + 40, 'some case studies lack a file or have extras');
    assert.ok(infoA.diagrams > 20);
    const large = writeLargeCaseStudy(a, 1, builtIn);
    const lines = large.text.split('\n');
    assert.ok(lines.length >= 5000 && lines.length < 5100, `${lines.length} lines`);
    assert.equal(lines.filter((l) => l === '```mermaid').length, 20);
    assert.ok(
      large.diagramLines.every((l) => /^\s/.test(lines[l]) || lines[l] === ''),
      'edit lines inside diagrams are diagram statements',
    );
  } finally {
    [a, b, c].forEach(removeTree);
  }
});
