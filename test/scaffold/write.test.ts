// writePlan against the real disk (a temp folder), with faults injected by wrapping the real file system where a
// fault cannot be produced for real: a full disk cannot be made on demand, and these tests run as root in CI,
// where chmod 0555 does not stop writes (root bypasses permission bits). The chmod test runs when not root.
import assert from 'node:assert/strict';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { findBuiltinTemplatesFolder, nodeFileSystem, nodeScaffoldFileSystem } from '../../server/core/node';
import {
  loadBuiltinTemplateSets,
  planCaseStudy,
  planMissingFiles,
  writePlan,
  type ScaffoldFileSystem,
  type ScaffoldPlan,
  type TemplateSet,
} from '../../server/core/scaffold';
import { DEFAULT_CONFIG } from '../../server/core/config';

const tmp = mkdtempSync(path.join(tmpdir(), 'dn-write-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
let standard: TemplateSet;
let extended: TemplateSet;
before(async () => {
  [standard, extended] = (await loadBuiltinTemplateSets(nodeFileSystem, findBuiltinTemplatesFolder())).sets;
});

let n = 0;
function freshRoot(): string {
  return path.join(tmp, `ws${n++}`, 'case-studies');
}

function plan(root: string, title = 'URL Shortener', set = standard): ScaffoldPlan {
  const outcome = planCaseStudy({ root, title, templateSet: set, date: '2026-01-05', vars: { author: 'Ada' } });
  assert.ok(outcome.ok);
  return outcome.plan;
}

/** All paths under a folder, sorted, relative, folders with a trailing slash. */
function tree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string, prefix: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      out.push(prefix + e.name + (e.isDirectory() ? '/' : ''));
      if (e.isDirectory()) walk(path.join(d, e.name), `${prefix}${e.name}/`);
    }
  };
  walk(dir, '');
  return out.sort();
}

function errno(code: string): Error {
  return Object.assign(new Error(`${code}: injected`), { code });
}

/** The real file system, with `fail` deciding per call whether to throw instead. */
function faulty(
  fail: (op: keyof ScaffoldFileSystem, p: string, data?: string) => Error | undefined,
): ScaffoldFileSystem {
  const real = nodeScaffoldFileSystem;
  const check = (op: keyof ScaffoldFileSystem, p: string, data?: string) => {
    const e = fail(op, p, data);
    if (e) throw e;
  };
  return {
    mkdir: async (d) => (check('mkdir', d), real.mkdir(d)),
    writeFileExclusive: async (f, data) => (check('writeFileExclusive', f, data), real.writeFileExclusive(f, data)),
    rename: async (from, to) => (check('rename', from), real.rename(from, to)),
    unlink: async (f) => (check('unlink', f), real.unlink(f)),
    rmdir: async (d) => (check('rmdir', d), real.rmdir(d)),
    stat: async (p) => (check('stat', p), real.stat(p)),
  };
}

describe('writePlan', () => {
  it('creates the root, the folder and the files with exactly the planned content, and no temp files', async () => {
    const root = freshRoot();
    const p = plan(root);
    const result = await writePlan(p, nodeScaffoldFileSystem);
    assert.equal(result.ok, true);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.created,
      p.files.map((f) => f.path),
    );
    assert.deepEqual(result.createdFolders, [path.dirname(root), root, p.folder]);
    for (const f of p.files) assert.equal(readFileSync(f.path, 'utf8'), f.content);
    assert.deepEqual(tree(root), [
      'url-shortener/',
      'url-shortener/high-level-design.md',
      'url-shortener/requirements.md',
      'url-shortener/trade-offs.md',
    ]);
  });

  it('refuses an existing case-study folder and changes nothing in it', async () => {
    const root = freshRoot();
    const folder = path.join(root, 'url-shortener');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'notes.md'), 'mine');
    const result = await writePlan(plan(root), nodeScaffoldFileSystem);
    assert.equal(result.ok, false);
    assert.match(
      result.errors[0].message,
      /A folder named "url-shortener" already exists in ".*case-studies"\. Nothing was changed; open it or pick another title\./,
    );
    assert.deepEqual(tree(root), ['url-shortener/', 'url-shortener/notes.md']);
    assert.deepEqual(result.created, []);
  });

  it('refuses a file in the way of the folder', async () => {
    const root = freshRoot();
    mkdirSync(root, { recursive: true });
    writeFileSync(path.join(root, 'url-shortener'), 'a file');
    const result = await writePlan(plan(root), nodeScaffoldFileSystem);
    assert.match(result.errors[0].message, /A file named "url-shortener" already exists/);
    assert.equal(readFileSync(path.join(root, 'url-shortener'), 'utf8'), 'a file');
  });

  it('never overwrites: an existing file is left byte-for-byte and reported as skipped', async () => {
    const root = freshRoot();
    const folder = path.join(root, 'feed');
    mkdirSync(folder, { recursive: true });
    // Odd bytes on purpose (BOM, CRLF, invalid UTF-8): any rewrite would show.
    const original = Buffer.from([0xef, 0xbb, 0xbf, 0x23, 0x20, 0x52, 0x0d, 0x0a, 0xff, 0xfe, 0x0a]);
    writeFileSync(path.join(folder, 'trade-offs.md'), original);
    // Plan as if trade-offs.md were missing (e.g. it was created after the plan was made).
    const p = planMissingFiles(folder, [], DEFAULT_CONFIG.requiredFiles, standard);
    const result = await writePlan(p, nodeScaffoldFileSystem);
    assert.equal(result.ok, true);
    assert.deepEqual(result.skippedExisting, [path.join(folder, 'trade-offs.md')]);
    assert.deepEqual(result.created, [path.join(folder, 'requirements.md'), path.join(folder, 'high-level-design.md')]);
    assert.deepEqual(readFileSync(path.join(folder, 'trade-offs.md')), original);
    assert.deepEqual(tree(folder), ['high-level-design.md', 'requirements.md', 'trade-offs.md']);
  });

  it('adding files to a folder that no longer exists fails without creating it', async () => {
    const folder = path.join(freshRoot(), 'gone');
    const p = planMissingFiles(folder, [], DEFAULT_CONFIG.requiredFiles, standard);
    const result = await writePlan(p, nodeScaffoldFileSystem);
    assert.equal(result.ok, false);
    assert.match(result.errors[0].message, /does not exist/);
    assert.equal(existsSync(folder), false);
  });

  it("disk full in the middle of the plan: no partial file, this run's files and folders removed, nothing else", async () => {
    const root = freshRoot();
    mkdirSync(root, { recursive: true });
    writeFileSync(path.join(root, 'README.md'), 'index');
    const p = plan(root, 'Chat', extended);
    // The fourth file's content write fails with ENOSPC, after three files were completely written.
    const fs = faulty((op, file, data) =>
      op === 'writeFileExclusive' && data && path.basename(file).startsWith('.api.md.') ? errno('ENOSPC') : undefined,
    );
    const result = await writePlan(p, fs);
    assert.equal(result.ok, false);
    assert.equal(result.errors.length, 1);
    assert.equal(result.errors[0].code, 'ENOSPC');
    assert.match(
      result.errors[0].message,
      /Cannot create the file ".*api\.md": the disk is full\. Free some space and try again\./,
    );
    assert.deepEqual(result.created, []);
    assert.deepEqual(
      result.rolledBack.map((x) => path.relative(root, x)),
      ['chat/api.md', 'chat/trade-offs.md', 'chat/high-level-design.md', 'chat/requirements.md', 'chat'],
    );
    assert.deepEqual(tree(root), ['README.md'], 'only what was there before');
  });

  it('a failing rename leaves neither the temp file nor the claimed file', async () => {
    const root = freshRoot();
    const p = plan(root);
    const fs = faulty((op, file) =>
      op === 'rename' && file.includes('.high-level-design.md.') ? errno('EIO') : undefined,
    );
    const result = await writePlan(p, fs);
    assert.equal(result.ok, false);
    assert.match(result.errors[0].message, /Cannot create the file ".*high-level-design\.md": EIO: injected\./);
    assert.deepEqual(tree(path.dirname(root)), [], 'root and its parent were created by this run and removed again');
  });

  it('a read-only folder (permission denied) is a clear message and nothing is left', async () => {
    const root = freshRoot();
    mkdirSync(root, { recursive: true });
    const fs = faulty((op) => (op === 'mkdir' ? errno('EACCES') : undefined));
    const result = await writePlan(plan(root), fs);
    assert.equal(result.ok, false);
    assert.match(
      result.errors[0].message,
      /Cannot create the folder ".*url-shortener": permission denied\. Check that the folder is writable\./,
    );
    assert.deepEqual(tree(root), []);
  });

  it('a read-only file system while claiming a file rolls back the folder', async () => {
    const root = freshRoot();
    const fs = faulty((op, file, data) => (op === 'writeFileExclusive' && data === '' ? errno('EROFS') : undefined));
    const result = await writePlan(plan(root), fs);
    assert.match(result.errors[0].message, /the file system is read-only/);
    assert.equal(existsSync(path.dirname(root)), false);
  });

  it('keeps a folder someone else filled meanwhile (rollback only removes empty folders it created)', async () => {
    const root = freshRoot();
    const p = plan(root);
    const fs = faulty((op, file) => {
      if (op === 'rename' && file.includes('.trade-offs.md.')) {
        writeFileSync(path.join(p.folder, 'theirs.md'), 'theirs');
        return errno('ENOSPC');
      }
      return undefined;
    });
    const result = await writePlan(p, fs);
    assert.equal(result.ok, false);
    assert.deepEqual(tree(p.folder), ['theirs.md']);
  });

  it(
    'real chmod 0555: permission denied is reported (skipped as root, which bypasses permission bits)',
    {
      skip:
        process.getuid?.() === 0
          ? 'running as root: chmod does not stop writes; the injected-fault tests above cover it'
          : false,
    },
    async () => {
      const root = freshRoot();
      mkdirSync(root, { recursive: true });
      chmodSync(root, 0o555);
      try {
        const result = await writePlan(plan(root), nodeScaffoldFileSystem);
        assert.equal(result.ok, false);
        assert.match(result.errors[0].message, /permission denied/);
        assert.deepEqual(tree(root), []);
      } finally {
        chmodSync(root, 0o755);
      }
    },
  );

  it('property: whichever operation fails, with whatever error, the folder tree is exactly as before', async () => {
    const codes = ['ENOSPC', 'EACCES', 'EROFS', 'EIO', 'EDQUOT', 'EPERM'];
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 60 }),
        fc.constantFrom(...codes),
        fc.boolean(),
        async (failAt, code, preExisting) => {
          const root = freshRoot();
          if (preExisting) {
            mkdirSync(root, { recursive: true });
            writeFileSync(path.join(root, 'README.md'), 'index');
          }
          const before = tree(path.dirname(root));
          let calls = 0;
          // Count every mutating call; the failAt-th one fails (rollback's own unlink/rmdir are not counted as faults).
          let rollingBack = false;
          const fs = faulty((op) => {
            if (op === 'stat' || rollingBack) return undefined;
            if (calls++ === failAt) {
              rollingBack = true;
              return errno(code);
            }
            return undefined;
          });
          const result = await writePlan(plan(root, 'Chat', extended), fs);
          if (calls > failAt) {
            assert.equal(result.ok, false);
            assert.equal(result.errors[0].code, code);
            assert.deepEqual(tree(path.dirname(root)), before);
          } else {
            assert.equal(result.ok, true, 'fewer operations than failAt: everything written');
            assert.equal(result.created.length, 6);
          }
        },
      ),
      { seed: 42, numRuns: 60 },
    );
  });
});
