// `design-notes lint --cache`: results reused only while everything they came from is unchanged; a bad cache file
// is reported and never trusted; a file that is not ours is never overwritten.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { lintPaths } from '../../server/cli/lint';
import { cacheFilePath, LintCache } from '../../server/cli/cache';
import { caseStudyFiles, CLEAN_CASE_STUDY, makeTree, removeTree } from '../support/tree';

const CLI = path.resolve(__dirname, '../../dist/cli.js');

const workspace = () =>
  makeTree({
    ...caseStudyFiles('clean', CLEAN_CASE_STUDY),
    ...caseStudyFiles('draft', {
      'requirements.md':
        '# Draft\n\n## Functional Requirements\n\n- Post messages\n\n## Non-Functional Requirements\n\n- Low latency\n',
      'high-level-design.md':
        '# Draft — HLD\n\n## Architecture\n\nSee [the diagram](../../diagrams/draft.md).\n\n## Key Components\n\n- API\n\n## Data Flow\n\nClient to API.\n',
      'trade-offs.md': CLEAN_CASE_STUDY['trade-offs.md'],
    }),
    'diagrams/draft.md': '# Diagram\n\n```mermaid\nflowchart LR\n  a --> b\n```\n',
    'notes.md': '# Loose notes\n',
  });

/** One `lint --cache` run in this process: its findings, notes and the cache's hit/miss counts. */
async function cachedRun(root: string, location?: string) {
  const notes: string[] = [];
  const cache = await LintCache.open(location, root, false, (n) => notes.push(n));
  const run = await lintPaths(['.'], root, {}, { cache });
  await cache.save((n) => notes.push(n));
  const show = run.findings.map((f) => `${path.relative(root, f.path)}:${f.range.start.line + 1} ${f.ruleId}`);
  return { show, notes, hits: cache.hits, misses: cache.misses, file: cache.file };
}

test('a warm run reuses every result and reports exactly what a run without the cache does', async () => {
  const root = workspace();
  try {
    mkdirSync(path.join(root, 'node_modules'));
    const plain = (await lintPaths(['.'], root)).findings.map(
      (f) => `${path.relative(root, f.path)}:${f.range.start.line + 1} ${f.ruleId}`,
    );
    const cold = await cachedRun(root);
    assert.equal(cold.file, path.join(root, 'node_modules/.cache/design-notes/lint-cache.json'));
    assert.deepEqual([cold.hits, cold.misses], [0, 4], 'two case studies and two loose files checked');
    const written = statSync(cold.file).ino;
    const warm = await cachedRun(root);
    assert.deepEqual([warm.hits, warm.misses], [4, 0]);
    // Nothing changed, so the file is not written again (a new file would be renamed over it: another inode).
    assert.equal(statSync(warm.file).ino, written, 'an unchanged run leaves the cache file alone');
    writeFileSync(path.join(root, 'notes.md'), '# Loose notes\n\nMore.\n');
    const changed = await cachedRun(root);
    assert.deepEqual([changed.hits, changed.misses], [3, 1]);
    assert.notEqual(statSync(changed.file).ino, written, 'a run that checked something writes the cache');
    assert.deepEqual(cold.show, plain);
    assert.deepEqual(warm.show, plain);
    assert.deepEqual(warm.notes, []);
  } finally {
    removeTree(root);
  }
});

test('a changed file, a file the rules followed a link to, a new file and a changed config each invalidate what they touch', async () => {
  const root = workspace();
  try {
    const loc = path.join(root, '.cache/');
    await cachedRun(root, loc);
    // The draft's requirements get a number: only the draft is checked again, and its finding goes.
    writeFileSync(
      path.join(root, 'case-studies/draft/requirements.md'),
      '# Draft\n\n## Functional Requirements\n\n- Post messages\n\n## Non-Functional Requirements\n\n- p99 latency under 200 ms\n',
    );
    let r = await cachedRun(root, loc);
    assert.deepEqual([r.hits, r.misses], [3, 1]);
    assert.ok(!r.show.some((s) => s.includes('unquantified-nfr')), r.show.join('\n'));
    // The linked diagram loses its Mermaid block: the draft (whose no-diagram check read it) is checked again.
    writeFileSync(path.join(root, 'diagrams/draft.md'), '# Diagram\n\nTo do.\n');
    r = await cachedRun(root, loc);
    assert.ok(r.show.includes('case-studies/draft/high-level-design.md:3 no-diagram'), r.show.join('\n'));
    assert.ok(r.misses >= 2, `draft and the loose diagram file: ${r.misses}`);
    // A new file in a case study changes its file list.
    writeFileSync(path.join(root, 'case-studies/clean/api.md'), '# API\n');
    r = await cachedRun(root, loc);
    assert.equal(r.misses, 1);
    // A config file: every result was computed with another configuration.
    writeFileSync(path.join(root, '.designnotes.json'), '{ "rules": { "unquantified-nfr": "off" } }');
    r = await cachedRun(root, loc);
    assert.equal(r.hits, 0);
  } finally {
    removeTree(root);
  }
});

test('a corrupt cache file is reported, ignored and rewritten', async () => {
  const root = workspace();
  try {
    const loc = path.join(root, 'cache.json');
    const cold = await cachedRun(root, loc);
    writeFileSync(loc, readFileSync(loc, 'utf8').slice(0, 200));
    const r = await cachedRun(root, loc);
    assert.deepEqual(r.notes, [`the cache file ${loc} is corrupt; it is ignored and rewritten.`]);
    assert.deepEqual(r.show, cold.show);
    assert.equal(r.hits, 0);
    assert.deepEqual((await cachedRun(root, loc)).notes, [], 'rewritten whole');
  } finally {
    removeTree(root);
  }
});

test('a tampered entry (a finding for a file outside its case study, a bad position) makes the whole cache untrusted', async () => {
  const root = workspace();
  try {
    const loc = path.join(root, 'cache.json');
    const cold = await cachedRun(root, loc);
    for (const tamper of [
      (f: { path: string }) => (f.path = '/etc/passwd'),
      (f: { range: { start: { line: number } } }) => (f.range.start.line = -1),
      (f: { severity: string }) => (f.severity = 'fatal'),
    ]) {
      const data = JSON.parse(readFileSync(loc, 'utf8'));
      const entry = data.entries[path.join(root, 'case-studies/draft')];
      tamper(entry.findings[0]);
      writeFileSync(loc, JSON.stringify(data).replace(/^\{"designNotesCache":1,/, '{"designNotesCache":1,'));
      const r = await cachedRun(root, loc);
      assert.deepEqual(r.notes, [
        `the cache file ${loc} holds an entry that is out of shape; the whole cache is ignored and rewritten.`,
      ]);
      assert.deepEqual(r.show, cold.show);
      assert.equal(r.hits, 0);
    }
  } finally {
    removeTree(root);
  }
});

test('a file at the cache location that is not a Design Notes cache is never overwritten', async () => {
  const root = workspace();
  try {
    const loc = path.join(root, 'notes.md');
    const before = readFileSync(loc, 'utf8');
    const r = await cachedRun(root, loc);
    assert.deepEqual(r.notes, [`${loc} is not a Design Notes cache file; it is left as it is and no cache is used.`]);
    assert.equal(readFileSync(loc, 'utf8'), before);
  } finally {
    removeTree(root);
  }
});

test('default location: node_modules/.cache/design-notes when there is a node_modules, else the user cache folder', () => {
  const root = makeTree({ 'a.md': '# A\n' });
  try {
    const saved = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = path.join(root, 'xdg');
    try {
      if (process.platform === 'linux')
        assert.match(
          cacheFilePath(undefined, root),
          new RegExp(`^${path.join(root, 'xdg', 'design-notes')}/lint-[\\w-]{16}\\.json$`),
        );
    } finally {
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
    }
    mkdirSync(path.join(root, 'node_modules'));
    assert.equal(cacheFilePath(undefined, root), path.join(root, 'node_modules/.cache/design-notes/lint-cache.json'));
    assert.equal(cacheFilePath('build/', root), path.join(root, 'build/.designnotes-cache.json'));
    assert.equal(cacheFilePath('c.json', root), path.join(root, 'c.json'));
  } finally {
    removeTree(root);
  }
});

test('CLI: lint --cache prints the same cold and warm, with --cache-location', () => {
  const root = workspace();
  try {
    assert.ok(existsSync(CLI), `${CLI} is missing: run "npm run build" first`);
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [CLI, 'lint', ...args], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
    const plain = run();
    const cold = run('--cache', '--cache-location', 'tmp/cache.json');
    const warm = run('--cache', '--cache-location', 'tmp/cache.json');
    assert.ok(existsSync(path.join(root, 'tmp/cache.json')));
    assert.equal(cold.stdout, plain.stdout);
    assert.equal(warm.stdout, plain.stdout);
    assert.equal(warm.status, plain.status);
    assert.equal(warm.stderr, '');
  } finally {
    removeTree(root);
  }
});

test(
  'Mermaid verdicts are kept in the cache: a changed file does not re-validate its unchanged diagrams; tampered verdicts are not trusted',
  { skip: existsSync(path.resolve(__dirname, '../../dist/mermaidWorker.mjs')) ? false : 'needs npm run build' },
  async () => {
    const { createMermaidValidator } = await import('../../server/core/node/mermaidValidator');
    const root = workspace();
    const real = createMermaidValidator({
      workerPath: path.resolve(__dirname, '../../dist/mermaidWorker.mjs'),
      timeoutMs: 20_000,
    });
    let calls = 0;
    const counting = { validate: (text: string) => (calls++, real.validate(text)) };
    const run = async (loc: string) => {
      const notes: string[] = [];
      const cache = await LintCache.open(loc, root, true, (n) => notes.push(n));
      const result = await lintPaths(['.'], root, { mermaid: counting }, { cache });
      await cache.save((n) => notes.push(n));
      return {
        show: result.findings.map(
          (f) =>
            `${path.relative(root, f.path)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId} ${f.message}`,
        ),
        notes,
      };
    };
    try {
      const loc = path.join(root, 'cache.json');
      const diagramFile = path.join(root, 'diagrams/draft.md');
      writeFileSync(diagramFile, '# Diagram\n\n```mermaid\nflowchart LR\n  a --> end\n```\n');
      const cold = await run(loc);
      assert.ok(calls > 0 && cold.show.some((s) => s.includes('mermaid-syntax')), 'the broken diagram is reported');
      // Prose added above the diagram: the file is checked again, its diagram (same text) comes from the cache file.
      writeFileSync(diagramFile, '# Diagram\n\nA new paragraph.\n\n```mermaid\nflowchart LR\n  a --> end\n```\n');
      calls = 0;
      const changed = await run(loc);
      assert.equal(calls, 0, 'no diagram validated again');
      const plain = await lintPaths(['.'], root, { mermaid: real });
      assert.deepEqual(
        changed.show,
        plain.findings.map(
          (f) =>
            `${path.relative(root, f.path)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId} ${f.message}`,
        ),
      );
      // A verdict tampered with (a kind the rule would misreport) makes the cached verdicts untrusted, not the results.
      const data = JSON.parse(readFileSync(loc, 'utf8'));
      for (const list of Object.values(data.mermaid) as { kind: string }[][]) for (const p of list) p.kind = 'timeout';
      writeFileSync(loc, JSON.stringify(data));
      writeFileSync(diagramFile, '# Diagram\n\nAnother paragraph.\n\n```mermaid\nflowchart LR\n  a --> end\n```\n');
      calls = 0;
      const tampered = await run(loc);
      assert.deepEqual(tampered.notes, [
        `the cache file ${loc} holds Mermaid results that are out of shape; they are ignored and rewritten.`,
      ]);
      assert.ok(calls > 0, 'validated again');
      assert.ok(tampered.show.some((s) => s.includes("mermaid-syntax 'end' is a reserved word")));
    } finally {
      real.dispose();
      removeTree(root);
    }
  },
);
