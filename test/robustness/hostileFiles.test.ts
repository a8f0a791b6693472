// Hostile files in one workspace, checked by the CLI (dist/cli.js), the language server (dist/server.js) and the
// core: a 20 MB note, a 1 MB single line, 10,000 headings, 5,000-deep nesting, a 20,000-line Mermaid block, binary
// bytes, invalid UTF-8, a BOM, late NUL bytes, a FIFO and a folder named like notes, symbolic-link loops, and an
// unreadable file. Each must end in bounded time (the per-test timeout), with a file-skipped note where the file is
// not checked, while every other case study is still checked (a control case study keeps its known finding).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { TestLspClient, type Diagnostic } from '../support/lspClient';
import { CLEAN_CASE_STUDY, makeTree, removeTree } from '../support/tree';
import { Linter } from '../../server/core/engine';
import type { FileSystem } from '../../server/core/fileSystem';
import { nodeFileSystem } from '../../server/core/node';
import { DEFAULT_CONFIG } from '../../server/core/config';
import { checkWorkspace } from '../../server/core/workspace';
import { parseMarkdown } from '../../server/core/markdown';
import { linesOf, rangeProblem, REPO } from './support';

const CLI = path.join(REPO, 'dist/cli.js');
const canMkfifo = process.platform !== 'win32';

/** A clean case study with some files replaced (or one left out), as tree entries. */
function cs(
  name: string,
  overrides: Record<string, string | Uint8Array> = {},
  without?: string,
): Record<string, string | Uint8Array> {
  const files: Record<string, string | Uint8Array> = { ...CLEAN_CASE_STUDY, ...overrides };
  if (without) delete files[without];
  return Object.fromEntries(Object.entries(files).map(([f, content]) => [`case-studies/${name}/${f}`, content]));
}

const TEN_THOUSAND_HEADINGS =
  '# Trade-offs\n\n' + Array.from({ length: 10_000 }, (_, i) => `## Choice ${i}\n\nWe cache results.\n`).join('\n');
const DEEP_NESTING = [
  '# Requirements',
  '',
  '- '.repeat(5000) + 'deep list',
  '',
  '> '.repeat(5000) + 'deep quote',
  '',
  '> - '.repeat(2500) + 'mixed',
  '',
  '['.repeat(5000) + 'x' + ']'.repeat(5000),
  '',
  '*'.repeat(20_000),
].join('\n');
const MERMAID_20K =
  '# Design\n\n## Architecture\n\n```mermaid\nflowchart TD\n' +
  Array.from({ length: 20_000 }, (_, i) => `  n${i} --> n${i + 1}`).join('\n') +
  '\n```\n';
const BINARY = Uint8Array.from([
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
  0,
  0,
  0,
  0x0d,
  0x49,
  0x48,
  0x44,
  0x52,
  ...Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256),
]);
const enc = new TextEncoder();
const INVALID_UTF8 = Buffer.concat([
  Buffer.from(CLEAN_CASE_STUDY['requirements.md']),
  Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0x0a]),
  Buffer.from('- TODO finish\n'),
  Buffer.from([0xe2, 0x82]),
]);
const BOM = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CLEAN_CASE_STUDY['requirements.md'])]);

let root: string;
const at = (rel: string) => path.join(root, rel);

before(() => {
  root = makeTree({
    ...cs('control', { 'requirements.md': CLEAN_CASE_STUDY['requirements.md'] + '\n- TODO define retention.\n' }),
    ...cs('huge', { 'requirements.md': Buffer.alloc(20_000_000, '- lots of text\n') }),
    ...cs('long-line', { 'trade-offs.md': CLEAN_CASE_STUDY['trade-offs.md'] + '\n' + 'x'.repeat(999_000) + ' TODO\n' }),
    ...cs('headings', { 'trade-offs.md': TEN_THOUSAND_HEADINGS }),
    ...cs('nesting', { 'requirements.md': DEEP_NESTING }),
    ...cs('mermaid', { 'high-level-design.md': MERMAID_20K }),
    ...cs('binary', { 'requirements.md': BINARY }),
    ...cs('bad-utf8', { 'requirements.md': INVALID_UTF8 }),
    ...cs('bom', { 'requirements.md': BOM }),
    ...cs('late-nul', {
      'requirements.md':
        CLEAN_CASE_STUDY['requirements.md'] + '\n' + 'text '.repeat(2000) + '\0 after the sniffed bytes\n',
    }),
    ...cs(
      'folder-named-md',
      { 'requirements.md/notes.md': '# Inside a folder called requirements.md\n' },
      'requirements.md',
    ),
    ...cs('loop'),
    ...cs('fifo'),
  });
  // A FIFO named like a note: opening it for reading would block until a writer comes; it must be skipped instead.
  const fifo = at('case-studies/fifo/requirements.md');
  removeTree(fifo);
  if (canMkfifo) execFileSync('mkfifo', [fifo]);
  // Symbolic-link loops: inside a case study, and one from the workspace back to itself.
  symlinkSync('..', at('case-studies/loop/diagrams-loop'));
  mkdirSync(at('deep/a/b'), { recursive: true });
  symlinkSync(root, at('deep/a/b/back-to-root'));
  symlinkSync('self.md', at('case-studies/loop/self.md'));
});

after(() => {
  if (root) removeTree(root);
});

interface JsonFinding {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  ruleId: string;
  message: string;
}

test(
  'CLI lint: every hostile file ends in bounded time with a clear note, and the rest of the workspace is checked',
  { timeout: 240_000 },
  () => {
    const run = spawnSync(process.execPath, [CLI, 'lint', root, '--format', 'json'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 230_000,
      maxBuffer: 256 * 1024 * 1024,
    });
    assert.equal(run.signal, null, `the CLI was killed (${run.signal}): ${run.stderr}`);
    assert.equal(run.status, 1, `exit 1 (errors found, nothing broken): ${run.stderr.slice(0, 2000)}`);
    const findings = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
    const of = (rel: string) => findings.filter((f) => f.path === rel);
    const skipped = (rel: string) => of(rel).filter((f) => f.ruleId === 'file-skipped');

    // The control case study keeps its finding: nothing hostile elsewhere stopped the run.
    assert.ok(of('case-studies/control/requirements.md').some((f) => f.ruleId === 'placeholder'));

    assert.match(
      skipped('case-studies/huge/requirements.md')[0]?.message ?? '',
      /^Not checked: the file is 20\.0 MB, over the 1\.0 MB limit/,
    );
    assert.equal(skipped('case-studies/huge/requirements.md')[0].severity, 'info');
    assert.match(skipped('case-studies/binary/requirements.md')[0]?.message ?? '', /not a text file/);
    if (canMkfifo) assert.match(skipped('case-studies/fifo/requirements.md')[0]?.message ?? '', /not a regular file/);

    // Large but legal files are checked: the placeholder at the end of a 1 MB line, one finding per heading.
    assert.ok(
      of('case-studies/long-line/trade-offs.md').some((f) => f.ruleId === 'placeholder' && f.column === 999_002),
      'TODO found at the end of the long line',
    );
    assert.equal(
      of('case-studies/headings/trade-offs.md').filter((f) => f.ruleId === 'no-alternatives').length,
      10_000,
    );
    assert.equal(skipped('case-studies/nesting/requirements.md').length, 0, 'deep nesting is checked, not skipped');
    // Invalid UTF-8 is decoded with replacement characters and still checked; a BOM does not hide the first heading.
    assert.ok(of('case-studies/bad-utf8/requirements.md').some((f) => f.ruleId === 'placeholder'));
    assert.deepEqual(of('case-studies/bom/requirements.md'), []);
    assert.equal(
      skipped('case-studies/late-nul/requirements.md').length,
      0,
      'a NUL past the sniffed prefix does not make a note binary',
    );
    // A folder called requirements.md is not a requirements file: the case study reports it missing.
    assert.ok(
      findings.some(
        (f) =>
          f.path.startsWith('case-studies/folder-named-md/') &&
          f.ruleId === 'missing-file' &&
          /no requirements\.md/.test(f.message),
      ),
    );
    // The 20,000-line diagram is not parsed (too large) and says so, as information.
    const diagram = of('case-studies/mermaid/high-level-design.md').filter((f) => f.ruleId === 'mermaid-syntax');
    assert.ok(
      diagram.every((f) => f.severity === 'info' && /not checked/i.test(f.message)),
      JSON.stringify(diagram),
    );

    // Every finding's range is inside its file (files re-read as the CLI decoded them).
    for (const f of findings) {
      assert.ok(
        f.line >= 1 && f.column >= 1 && (f.endLine > f.line || (f.endLine === f.line && f.endColumn >= f.column)),
        JSON.stringify(f),
      );
    }
  },
);

test(
  'language server: hostile files give file-skipped information diagnostics; other case studies are published',
  { timeout: 240_000 },
  async () => {
    const client = new TestLspClient();
    try {
      await client.initialize([root]);
      await client.waitFor(
        () => client.diagnosticsFor(at('case-studies/huge/requirements.md')).length > 0,
        'file-skipped on the 20 MB note',
        200_000,
      );
      await client.idle();
      const skippedNote = (rel: string): Diagnostic | undefined =>
        client.diagnosticsFor(at(rel)).find((d) => d.code === 'file-skipped');
      assert.equal(skippedNote('case-studies/huge/requirements.md')?.severity, 3, 'information');
      assert.match(skippedNote('case-studies/binary/requirements.md')?.message ?? '', /not a text file/);
      if (canMkfifo)
        assert.match(skippedNote('case-studies/fifo/requirements.md')?.message ?? '', /not a regular file/);
      assert.ok(
        client.diagnosticsFor(at('case-studies/control/requirements.md')).some((d) => d.code === 'placeholder'),
      );
      assert.equal(client.diagnosticsFor(at('case-studies/headings/trade-offs.md')).length, 10_000);
      // The server validates Mermaid: the 20,000-line block is not parsed, and says so as information.
      const diagram = client
        .diagnosticsFor(at('case-studies/mermaid/high-level-design.md'))
        .filter((d) => d.code === 'mermaid-syntax');
      assert.deepEqual(
        diagram.map((d) => [d.severity, d.message]),
        [[3, 'Diagram not checked: it is larger than the limit (200,000 characters / 5,000 lines)']],
      );
      // Opening the 20 MB note in the editor: still skipped (the buffer is over the limit), and the server answers.
      await client.open(at('case-studies/huge/requirements.md'), '- lots of text\n'.repeat(1_400_000));
      await client.idle();
      assert.match(skippedNote('case-studies/huge/requirements.md')?.message ?? '', /over the 1\.0 MB limit/);
      assert.equal(client.process.exitCode, null);
    } finally {
      await client.stop();
    }
  },
);

test(
  'an unreadable note (permission denied) is reported as not checked, and its case study is still checked',
  { timeout: 60_000 },
  async () => {
    // Tests usually run as root, for whom chmod 000 changes nothing; the denial is simulated at the FileSystem seam
    // (exactly where EACCES surfaces: readFile answers undefined while stat still sees a file). As a normal user the
    // real permission bits are exercised too.
    const denied = at('case-studies/control/trade-offs.md');
    const fs: FileSystem = {
      ...nodeFileSystem,
      readFile: async (p) => (p === denied ? undefined : nodeFileSystem.readFile(p)),
    };
    const result = await checkWorkspace(root, DEFAULT_CONFIG, new Linter({ fs }), fs, at('case-studies/control'));
    const notes = result.findings.get(denied) ?? [];
    assert.deepEqual(
      notes.map((f) => [f.ruleId, f.severity, f.message]),
      [['file-skipped', 'info', 'Not checked: the file cannot be read (check its permissions).']],
    );
    assert.ok(
      (result.findings.get(at('case-studies/control/requirements.md')) ?? []).some((f) => f.ruleId === 'placeholder'),
    );
    assert.ok(
      !(result.findings.get(at('case-studies/control/requirements.md')) ?? []).some((f) => f.ruleId === 'missing-file'),
      'an unreadable file is not "missing"',
    );

    if (process.getuid?.() !== 0 && process.platform !== 'win32') {
      chmodSync(denied, 0o000);
      try {
        const real = await checkWorkspace(
          root,
          DEFAULT_CONFIG,
          new Linter({ fs: nodeFileSystem }),
          nodeFileSystem,
          at('case-studies/control'),
        );
        assert.equal(real.findings.get(denied)?.[0]?.ruleId, 'file-skipped');
      } finally {
        chmodSync(denied, 0o644);
      }
    }
  },
);

test(
  'core: pathological Markdown parses without a stack overflow and with positions inside the document',
  { timeout: 120_000 },
  () => {
    const samples = [
      DEEP_NESTING,
      Array.from({ length: 5000 }, (_, i) => '  '.repeat(i % 400) + '- item').join('\n'),
      Array.from({ length: 5000 }, (_, i) => '>'.repeat(i + 1) + ' quote').join('\n'),
      '<div>'.repeat(20_000),
      '<!--'.repeat(20_000),
      '`'.repeat(50_000),
      '[a]('.repeat(50_000),
      '|'.repeat(100_000) + '\n|---|\n',
      '\r'.repeat(100_000),
      '#'.repeat(100_000),
      '```\n'.repeat(50_000),
    ];
    for (const text of samples) {
      const doc = parseMarkdown(text);
      const lines = linesOf(text);
      for (const h of doc.headings) assert.equal(rangeProblem(h.range, lines), undefined);
      for (const item of doc.listItems) assert.equal(rangeProblem(item.range, lines), undefined);
    }
  },
);

test('UTF-8 edge cases decode to text and keep positions in UTF-16 units', { timeout: 30_000 }, async () => {
  const linter = new Linter({ fs: nodeFileSystem });
  // Astral characters (two UTF-16 units each) before a marker move its column by two per character. (Text follows the
  // marker: a bullet that is only "TODO" is a placeholder paragraph, and a file of nothing else is a stub.)
  const text = '# R\n\n## Functional Requirements\n\n- 😀😀 TODO list the channels\n';
  const file = linter.parse('/ws/case-studies/x/requirements.md', text, 'requirements');
  const findings = await linter.lintFile(file, DEFAULT_CONFIG, {
    root: '/ws',
    path: '/ws/case-studies/x',
    name: 'x',
    files: [],
  });
  const todo = findings.find((f) => f.ruleId === 'placeholder');
  assert.deepEqual(todo?.range, { start: { line: 4, character: 7 }, end: { line: 4, character: 11 } });
  assert.equal(enc.encode(text).length > text.length, true);
});
