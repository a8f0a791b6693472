// One contract, two implementations: the in-memory FileSystem (tests, the browser build) must report what the Node
// adapter reports for the same tree, or a test run in memory would prove nothing about the disk. Symbolic links,
// FIFOs, permissions and /proc sizes exist only on the disk and are tested there (test/robustness, test/scaffold).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { FileSystem } from '../../server/core/fileSystem';
import { nodeFileSystem, nodeScaffoldFileSystem, syncNodeFileSystem } from '../../server/core/node';
import type { ScaffoldFileSystem } from '../../server/core/scaffold';
import { OverlayFileSystem } from '../../server/overlayFileSystem';
import { makeTree, memoryTree, removeTree } from '../support/tree';

const TREE: Record<string, string | Uint8Array> = {
  'a.md': '# A\n',
  'docs/b.md': 'héllo wörld\n',
  'docs/z.txt': 'zzz',
  'docs/nested/c.mmd': 'flowchart LR\n',
  'empty/': '',
  'bytes.bin': new Uint8Array([0, 1, 2, 255]),
};

interface Subject {
  name: string;
  root: string;
  fs: FileSystem;
  writer: ScaffoldFileSystem;
  done(): void;
}

function subjects(): Subject[] {
  const disk = makeTree(TREE, 'dn-fs-contract-');
  const syncDisk = makeTree(TREE, 'dn-fs-contract-');
  const memory = memoryTree(TREE);
  // The server's view: the disk with open editors over it. Its open files hold the tree's text while the disk holds
  // an older text (and another size): what it reports is the editor's text, as if saved.
  const overlaid = makeTree(
    { ...TREE, 'a.md': 'an older, longer text on disk\n', 'docs/b.md': 'older\n' },
    'dn-fs-contract-',
  );
  const overlay = new OverlayFileSystem(nodeFileSystem);
  for (const rel of ['a.md', 'docs/b.md']) overlay.setOpen(path.join(overlaid, rel), TREE[rel] as string);
  return [
    { name: 'node', root: disk, fs: nodeFileSystem, writer: nodeScaffoldFileSystem, done: () => removeTree(disk) },
    {
      name: 'node (sync)',
      root: syncDisk,
      fs: syncNodeFileSystem,
      writer: nodeScaffoldFileSystem,
      done: () => removeTree(syncDisk),
    },
    { name: 'memory', root: memory.root, fs: memory.fs, writer: memory.fs, done: () => undefined },
    {
      name: 'overlay (open editors over the disk)',
      root: overlaid,
      fs: overlay,
      writer: nodeScaffoldFileSystem,
      done: () => removeTree(overlaid),
    },
  ];
}

/** What an implementation reports about the tree, with the root taken out of the paths. */
async function observe(s: Subject): Promise<unknown> {
  const at = (rel: string) => path.join(s.root, rel);
  const decode = (b: Uint8Array | undefined) => (b === undefined ? undefined : [...b]);
  const stat = async (rel: string) => {
    const st = await s.fs.stat(at(rel));
    return (
      st && { size: st.size, isFile: st.isFile, isDirectory: st.isDirectory, hasMtime: typeof st.mtime === 'number' }
    );
  };
  const list = async (rel: string) => (await s.fs.readDirectory(at(rel))).sort((a, b) => a.name.localeCompare(b.name));
  const real = async (rel: string) => {
    const r = await s.fs.realpath(at(rel));
    return r === undefined ? undefined : path.relative(s.root, r);
  };
  return {
    stat: {
      file: await stat('docs/b.md'),
      folder: (await stat('docs'))?.isDirectory,
      emptyFolder: (await stat('empty'))?.isDirectory,
      missing: await stat('nope.md'),
      underAFile: await stat('a.md/x'),
    },
    read: {
      text: decode(await s.fs.readFile(at('docs/b.md'))),
      bytes: decode(await s.fs.readFile(at('bytes.bin'))),
      limited: decode(await s.fs.readFile(at('docs/b.md'), { maxBytes: 3 })),
      limitAboveSize: decode(await s.fs.readFile(at('a.md'), { maxBytes: 100 })),
      limitedOnDisk: decode(await s.fs.readFile(at('bytes.bin'), { maxBytes: 2 })),
      limitNone: decode(await s.fs.readFile(at('docs/b.md'), { maxBytes: 0 })),
      openFileSize: (await s.fs.stat(at('a.md')))?.size,
      folder: await s.fs.readFile(at('docs')),
      missing: await s.fs.readFile(at('nope.md')),
    },
    list: {
      root: await list(''),
      docs: await list('docs'),
      empty: await list('empty'),
      missing: await list('nope'),
      aFile: await list('a.md'),
    },
    realpath: {
      file: await real('docs/nested/c.mmd'),
      dotted: await real('docs/../a.md'),
      missing: await real('nope.md'),
    },
  };
}

describe("FileSystem contract: memory, disk and the server's overlay report the same", () => {
  it('stat, readFile (with and without a byte limit), readDirectory and realpath agree on one tree', async () => {
    const all = subjects();
    try {
      const [reference, ...others] = await Promise.all(all.map(observe));
      // The reference itself is what the interface promises, not just whatever the disk said.
      const r = reference as {
        stat: { file: unknown; missing: unknown };
        read: { limited: number[]; folder: unknown };
      };
      assert.deepEqual(r.stat.file, {
        size: Buffer.byteLength('héllo wörld\n'),
        isFile: true,
        isDirectory: false,
        hasMtime: true,
      });
      assert.equal(r.stat.missing, undefined);
      assert.deepEqual(r.read.limited, [...Buffer.from('héllo wörld\n').subarray(0, 3)]);
      assert.equal(r.read.folder, undefined);
      others.forEach((o, i) => assert.deepEqual(o, reference, all[i + 1].name));
    } finally {
      for (const s of all) s.done();
    }
  });

  it('the scaffold writer fails the same way: EEXIST, ENOENT, ENOTEMPTY; rename and remove work alike', async () => {
    const all = subjects().filter((s) => s.name === 'node' || s.name === 'memory');
    try {
      const outcomes = [];
      for (const s of all) {
        const at = (rel: string) => path.join(s.root, rel);
        const code = (p: Promise<unknown>) =>
          p.then(
            () => 'ok',
            (e: { code?: string }) => e.code,
          );
        outcomes.push({
          mkdirExisting: await code(s.writer.mkdir(at('docs'))),
          mkdirNoParent: await code(s.writer.mkdir(at('no/such'))),
          mkdirNew: await code(s.writer.mkdir(at('fresh'))),
          writeExisting: await code(s.writer.writeFileExclusive(at('a.md'), 'x')),
          writeNew: await code(s.writer.writeFileExclusive(at('fresh/new.md'), 'new')),
          writeNoParent: await code(s.writer.writeFileExclusive(at('no/such.md'), 'x')),
          rmdirNotEmpty: await code(s.writer.rmdir(at('docs'))),
          rename: await code(s.writer.rename(at('fresh/new.md'), at('fresh/renamed.md'))),
          renamedText: new TextDecoder().decode(await s.fs.readFile(at('fresh/renamed.md'))),
          oldName: await s.fs.stat(at('fresh/new.md')),
          unlinkMissing: await code(s.writer.unlink(at('fresh/new.md'))),
          unlink: await code(s.writer.unlink(at('fresh/renamed.md'))),
          rmdirEmpty: await code(s.writer.rmdir(at('fresh'))),
          statFolder: await s.writer.stat(at('docs')).then((st) => st?.isDirectory),
          statMissing: await s.writer.stat(at('fresh')),
        });
      }
      assert.deepEqual(outcomes[0], {
        mkdirExisting: 'EEXIST',
        mkdirNoParent: 'ENOENT',
        mkdirNew: 'ok',
        writeExisting: 'EEXIST',
        writeNew: 'ok',
        writeNoParent: 'ENOENT',
        rmdirNotEmpty: 'ENOTEMPTY',
        rename: 'ok',
        renamedText: 'new',
        oldName: undefined,
        unlinkMissing: 'ENOENT',
        unlink: 'ok',
        rmdirEmpty: 'ok',
        statFolder: true,
        statMissing: undefined,
      });
      assert.deepEqual(outcomes[1], outcomes[0], 'memory');
    } finally {
      for (const s of all) s.done();
    }
  });

  it('memory has no symbolic links: every entry says so, and realpath is the normalised path', async () => {
    const { root, fs } = memoryTree(TREE);
    assert.ok((await fs.readDirectory(root)).every((e) => !e.isSymbolicLink));
    assert.equal(
      await fs.realpath(path.join(root, 'docs', '.', 'nested', '..', 'b.md')),
      path.join(root, 'docs', 'b.md'),
    );
  });
});
