// The core's paths (common/path.ts) follow the platform the Node adapter installs: Windows paths on Windows, as when
// the core imported node:path; POSIX where there is no Node (a web worker), resolving from "/" without a `process`.
import assert from 'node:assert/strict';
import * as nodePath from 'node:path';
import { test } from 'node:test';
import { path, pathsIgnoreCase, posixPath, usePathFlavour } from '../../common/path';
import { nodeFileSystem } from '../../server/core/node';

test('with the Node adapter loaded, the core paths are node:path; a win32 flavour gives Windows paths and case-insensitive names', () => {
  assert.ok(nodeFileSystem, 'the adapter is loaded');
  assert.equal(path.sep, nodePath.sep);
  assert.equal(path.resolve('a', '../b'), nodePath.resolve('a', '../b'));
  try {
    usePathFlavour(nodePath.win32);
    assert.equal(path.join('C:\\work', 'case-studies', 'x.md'), 'C:\\work\\case-studies\\x.md');
    assert.equal(path.dirname('C:\\work\\x.md'), 'C:\\work');
    assert.equal(path.isAbsolute('C:\\work'), true);
    assert.equal(pathsIgnoreCase(), true);
    assert.equal(posixPath.join('a', 'b'), 'a/b', 'POSIX paths stay POSIX whatever the platform');
  } finally {
    usePathFlavour(nodePath);
  }
  assert.equal(pathsIgnoreCase(), nodePath.sep === '\\');
});

test('without a process (a web worker), POSIX paths resolve from the root', () => {
  const saved = globalThis.process;
  try {
    // @ts-expect-error: simulating a runtime without `process`
    delete globalThis.process;
    assert.equal(posixPath.resolve('a', 'b'), '/a/b');
  } finally {
    globalThis.process = saved;
  }
});
