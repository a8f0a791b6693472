// common/path.ts's styledPath against node's own path.posix and path.win32, on the kinds of absolute paths the server sends
// (normalized by path.resolve: no doubled separators, where node keeps one of the two in dirname('/a//b')).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { styledPath } from '../../common/path';

const { basename, dirname, join } = styledPath;

const posix = ['/', '/a', '/a/', '/a/b', '/a/b/', '/home/me/we\\ird/case-studies', '/home/me/notes/.x.md.1.tmp'];
const win32 = [
  'C:\\',
  'C:\\a',
  'C:\\a\\',
  'C:\\a\\b',
  'c:/a/b',
  'C:\\a/b\\c',
  'C:',
  '\\\\server\\share',
  '\\\\server\\share\\',
  '\\\\server\\share\\a\\b',
  '\\a\\b',
];

test('dirname and basename agree with node on POSIX and Windows absolute paths', () => {
  for (const p of posix) {
    assert.equal(dirname(p), path.posix.dirname(p), `dirname(${p})`);
    assert.equal(basename(p), path.posix.basename(p), `basename(${p})`);
  }
  for (const p of win32) {
    assert.equal(dirname(p), path.win32.dirname(p), `dirname(${p})`);
    // A UNC share root has no base name here; node calls it the share's name. writePlan never asks for a root's.
    if (dirname(p) !== p) assert.equal(basename(p), path.win32.basename(p), `basename(${p})`);
  }
});

test('walking up with dirname ends at the root', () => {
  for (const start of ['/a/b/c', 'C:\\a\\b', '\\\\server\\share\\a\\b']) {
    let p = start;
    for (let i = 0; i < 10 && dirname(p) !== p; i++) p = dirname(p);
    assert.equal(dirname(p), p, `${start} reaches a root`);
  }
});

test("join puts one separator of the folder's style between folder and name", () => {
  assert.equal(join('/a/b', 'c.md'), path.posix.join('/a/b', 'c.md'));
  assert.equal(join('/', 'c.md'), '/c.md');
  assert.equal(join('C:\\a', 'c.md'), path.win32.join('C:\\a', 'c.md'));
  assert.equal(join('C:\\', 'c.md'), 'C:\\c.md');
  assert.equal(join('/we\\ird', 'x'), '/we\\ird/x');
});
