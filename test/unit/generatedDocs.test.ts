// The README's rules table and quick-fix table and the config schema are generated from the rule modules
// (scripts/generate-docs.ts); `--check` fails when any of them drifts from the rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../../server/core/rules';
import { makeTree, removeTree } from '../support/tree';

const REPO = path.resolve(__dirname, '../..');
const SCRIPT = path.join(REPO, 'scripts/generate-docs.ts');

function check(root: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, '--check', '--root', root], {
    cwd: REPO,
    encoding: 'utf8',
  });
}

test('generate-docs --check passes on the repository and fails when the quick-fix or rules table drifts', () => {
  const root = makeTree({});
  try {
    cpSync(path.join(REPO, 'README.md'), path.join(root, 'README.md'));
    cpSync(path.join(REPO, 'schemas'), path.join(root, 'schemas'), { recursive: true });
    const clean = check(root);
    assert.equal(clean.status, 0, clean.stderr);

    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const [from, to] of [
      ['**Change the result to 2,500 GB**', '**Change the result**'],
      ['| `missing-file` | error |', '| `missing-file` | warning |'],
    ]) {
      assert.ok(readme.includes(from), from);
      writeFileSync(path.join(root, 'README.md'), readme.replace(from, to));
      const drifted = check(root);
      assert.equal(drifted.status, 1, `an edited README passes: ${from}`);
      assert.match(drifted.stderr, /Out of date \(run `npm run generate`\): README\.md/);
    }
  } finally {
    removeTree(root);
  }
});

test('the quick-fix table lists every fix each rule documents, and every rule with fixes documents one', () => {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('<!-- quick-fixes:start -->'), readme.indexOf('<!-- quick-fixes:end -->'));
  for (const rule of ALL_RULES) {
    if (!rule.fixes) continue;
    assert.ok(rule.fixes.docs.length > 0, `${rule.meta.id} builds fixes but documents none`);
    for (const fix of rule.fixes.docs)
      assert.ok(
        table.includes(`| \`${rule.meta.id}\``) && table.includes(`**${fix.title}**`),
        `${rule.meta.id}: ${fix.title}`,
      );
  }
});
