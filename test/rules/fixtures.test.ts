// Rule fixtures, markdownlint-style: each folder test/rules/<rule-id>/<fixture>/ is a small workspace (case studies
// written the way real ones are) with the expected findings written in its files. The runner checks each folder
// with the engine the CLI uses (lintPaths, with the folder's .designnotes.json if it has one, Mermaid validated by
// the worker) and asserts that what is found is exactly what is expected, both ways. Syntax: test/rules/README.md.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { lintPaths } from '../../server/cli/lint';
import type { FileSystem } from '../../server/core/fileSystem';
import { syncNodeFileSystem } from '../../server/core/node';
import { createMermaidValidator } from '../../server/core/node/mermaidValidator';
import { ALL_RULES } from '../../server/core/rules';
import type { Finding } from '../../server/core/types';
import { requireBundle } from '../mermaid/support';

const HERE = __dirname;
const CONFIG = '.designnotes.json';
const EXPECT_FILE = 'expect.txt';
/** `<!-- expect: rule-id 'fragment' -->`, or `<!-- expect@12: … -->` for a finding on line 12 (inside a code fence). */
const EXPECT_COMMENT = /<!--\s*expect(?:@(\d+))?:\s*(.*?)\s*-->/g;
const EXPECTATION = /^([a-z][a-z0-9-]*)\s+(?:'(.*)'|"(.*)")$/;
const TEXT_FILE = /\.(md|markdown|mdx|mmd|mermaid)$/i;

interface Expectation {
  file: string;
  /** 1-based. */
  line: number;
  ruleId: string;
  fragment: string;
  /** Where it is written, for messages. */
  source: string;
}

interface Found {
  file: string;
  line: number;
  ruleId: string;
  message: string;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) walk(abs, out);
    else if (e.isFile()) out.push(abs);
  }
  return out;
}

function parseExpectation(body: string, at: Omit<Expectation, 'ruleId' | 'fragment'>): Expectation {
  const m = EXPECTATION.exec(body.trim());
  if (!m) throw new Error(`${at.source}: cannot read the expectation "${body}" (write: rule-id 'message fragment')`);
  return { ...at, ruleId: m[1], fragment: m[2] ?? m[3] };
}

/** Whether a line holds nothing but expect comments (then they describe the next line). */
function onlyExpectations(line: string): boolean {
  const rest = line.replace(EXPECT_COMMENT, '');
  return rest !== line && rest.trim() === '';
}

/** The expectations written in a fixture: comments in its text files, and its expect.txt (file- and folder-level). */
function expectationsOf(root: string): Expectation[] {
  const out: Expectation[] = [];
  for (const abs of walk(root)) {
    const file = path.relative(root, abs);
    if (file === EXPECT_FILE) {
      readFileSync(abs, 'utf8')
        .split('\n')
        .forEach((raw, i) => {
          const line = raw.trim();
          if (!line || line.startsWith('#')) return;
          const m = /^(\S+?)(?::(\d+))?\s+(.*)$/.exec(line);
          if (!m)
            throw new Error(`${file}:${i + 1}: cannot read "${line}" (write: path[:line] rule-id 'message fragment')`);
          out.push(
            parseExpectation(m[3], {
              file: path.normalize(m[1]),
              line: m[2] ? Number(m[2]) : 1,
              source: `${file}:${i + 1}`,
            }),
          );
        });
      continue;
    }
    if (!TEXT_FILE.test(abs)) continue;
    const lines = readFileSync(abs, 'utf8').split(/\r?\n/);
    lines.forEach((text, i) => {
      // A line of expect comments only describes the next line that is not one.
      let target = i;
      if (onlyExpectations(text)) while (target < lines.length - 1 && onlyExpectations(lines[target])) target++;
      for (const m of text.matchAll(EXPECT_COMMENT)) {
        out.push(parseExpectation(m[2], { file, line: m[1] ? Number(m[1]) : target + 1, source: `${file}:${i + 1}` }));
      }
    });
  }
  return out;
}

/**
 * The disk as the engine sees it, with the fixture's expect comments taken out (a line holding only expect comments
 * is removed), so that a run on it shows whether the comments themselves change any finding. `lineOf` maps a line of
 * the stripped text back to the file's own line. Config files above the fixture are hidden: a fixture is its own
 * workspace.
 */
function strippedFileSystem(root: string): { fs: FileSystem; lineOf(file: string, line: number): number } {
  const maps = new Map<string, number[]>();
  const texts = new Map<string, string>();
  const stripped = (filePath: string): string | undefined => {
    if (!TEXT_FILE.test(filePath) || !existsSync(filePath) || !statSync(filePath).isFile()) return undefined;
    let text = texts.get(filePath);
    if (text === undefined) {
      const lines = readFileSync(filePath, 'utf8').split('\n');
      const kept: string[] = [];
      const map: number[] = [];
      lines.forEach((line, i) => {
        if (onlyExpectations(line.replace(/\r$/, ''))) return;
        kept.push(line.replace(EXPECT_COMMENT, '').replace(/[ \t]+(\r?)$/, '$1'));
        map.push(i);
      });
      text = kept.join('\n');
      texts.set(filePath, text);
      maps.set(filePath, map);
    }
    return text;
  };
  const outside = (p: string) => path.relative(root, p).startsWith('..');
  const fs: FileSystem = {
    ...syncNodeFileSystem,
    async readFile(p) {
      const text = stripped(p);
      return text === undefined ? syncNodeFileSystem.readFile(p) : new TextEncoder().encode(text);
    },
    async stat(p) {
      if (path.basename(p) === CONFIG && outside(p)) return undefined;
      const text = stripped(p);
      const st = await syncNodeFileSystem.stat(p);
      return st && text !== undefined ? { ...st, size: Buffer.byteLength(text) } : st;
    },
    readText: undefined,
  };
  return { fs, lineOf: (file, line) => maps.get(path.join(root, file))?.[line] ?? line };
}

/** A fixture's own disk: only config files above it are hidden. */
function fixtureFileSystem(root: string): FileSystem {
  return {
    ...syncNodeFileSystem,
    async stat(p) {
      if (path.basename(p) === CONFIG && path.relative(root, p).startsWith('..')) return undefined;
      return syncNodeFileSystem.stat(p);
    },
  };
}

function foundOf(
  root: string,
  findings: Finding[],
  lineOf: (file: string, line: number) => number = (_f, l) => l,
): Found[] {
  return findings.map((f) => {
    const file = path.relative(root, f.path) || '.';
    return { file, line: lineOf(file, f.range.start.line) + 1, ruleId: f.ruleId, message: f.message };
  });
}

const show = (f: Found) => `${f.file}:${f.line} ${f.ruleId} ${f.message}`;

/** Pairs expectations with findings (same file, line and rule; the message holds the fragment). */
function compare(expected: Expectation[], found: Found[]): { missing: Expectation[]; unexpected: Found[] } {
  const left = [...found];
  const missing: Expectation[] = [];
  for (const e of expected) {
    const i = left.findIndex(
      (f) => f.file === e.file && f.line === e.line && f.ruleId === e.ruleId && f.message.includes(e.fragment),
    );
    if (i < 0) missing.push(e);
    else left.splice(i, 1);
  }
  return { missing, unexpected: left };
}

const mermaid = createMermaidValidator({ workerPath: requireBundle() });
after(() => mermaid.dispose());

const ruleIds = ALL_RULES.map((r) => r.meta.id);
const ruleFolders = readdirSync(HERE, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);
/** For each rule, its fixtures where it fires and where it must not. */
const coverage = new Map<string, { fires: string[]; silent: string[] }>();

for (const ruleId of ruleFolders) {
  const fixtures = readdirSync(path.join(HERE, ruleId), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  for (const name of fixtures) {
    const root = path.join(HERE, ruleId, name);
    test(`${ruleId}/${name}`, async () => {
      assert.ok(ruleIds.includes(ruleId), `test/rules/${ruleId} is not a rule: ${ruleIds.join(', ')}`);
      const expected = expectationsOf(root);
      for (const e of expected)
        assert.ok(ruleIds.includes(e.ruleId) || e.ruleId === 'config', `${e.source}: no rule '${e.ruleId}'`);
      const entry = coverage.get(ruleId) ?? { fires: [], silent: [] };
      (expected.some((e) => e.ruleId === ruleId) ? entry.fires : entry.silent).push(name);
      coverage.set(ruleId, entry);

      const run = await lintPaths(['.'], root, { mermaid }, { fs: fixtureFileSystem(root) });
      const found = foundOf(root, run.findings);
      const { missing, unexpected } = compare(expected, found);
      assert.deepEqual(
        {
          missing: missing.map((e) => `${e.file}:${e.line} ${e.ruleId} '${e.fragment}' (written at ${e.source})`),
          unexpected: unexpected.map(show),
        },
        { missing: [], unexpected: [] },
        `findings of ${ruleId}/${name} differ from its expectations; found:\n${found.map(show).join('\n')}`,
      );

      // The expect comments are HTML comments, which are not written text: without them the findings are the same.
      const bare = strippedFileSystem(root);
      const without = await lintPaths(['.'], root, { mermaid }, { fs: bare.fs });
      assert.deepEqual(
        foundOf(root, without.findings, bare.lineOf).map(show).sort(),
        found.map(show).sort(),
        'the expect comments change the findings',
      );
    });
  }
}

test('every rule has a fixture where it fires and one where it must not', () => {
  for (const id of ruleIds) {
    const entry = coverage.get(id);
    assert.ok(entry?.fires.length, `rule ${id} has no fixture under test/rules/${id}/ where it fires`);
    assert.ok(entry?.silent.length, `rule ${id} has no fixture under test/rules/${id}/ where it must not fire`);
  }
});
