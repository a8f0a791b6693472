// `design-notes new` through the built binary (dist/cli.js, made by `npm run build`), in temp folders.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { runNew } from '../../server/cli/new';

const repo = path.resolve(__dirname, '../..');
const cli = path.join(repo, 'dist', 'cli.js');
const tmp = mkdtempSync(path.join(tmpdir(), 'dn-cli-new-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const gitconfig = path.join(tmp, 'gitconfig');
writeFileSync(gitconfig, '[user]\n\tname = Test Author\n');

let n = 0;
function workspace(): string {
  const dir = path.join(tmp, `ws ${n++} ünï`);
  mkdirSync(dir);
  return dir;
}

function run(cwd: string, args: string[], gitName = true) {
  const env = {
    ...process.env,
    GIT_CONFIG_GLOBAL: gitName ? gitconfig : path.join(tmp, 'none'),
    GIT_CONFIG_NOSYSTEM: '1',
    NO_COLOR: '1',
  };
  const r = spawnSync(process.execPath, [cli, 'new', ...args], { cwd, env, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const skip = existsSync(cli) ? false : 'dist/cli.js not built (run npm run build)';

describe('design-notes new (built binary)', { skip }, () => {
  it('creates case-studies/<slug>/ with the three files, then refuses a second run without touching anything', () => {
    const ws = workspace();
    const first = run(ws, ['URL Shortener', '--author-from-git']);
    assert.equal(first.code, 0, first.stderr);
    const folder = path.join(ws, 'case-studies', 'url-shortener');
    assert.deepEqual(readdirSync(folder).sort(), ['high-level-design.md', 'requirements.md', 'trade-offs.md']);
    const requirements = readFileSync(path.join(folder, 'requirements.md'), 'utf8');
    assert.match(requirements, /^# URL Shortener — Requirements\n/);
    assert.match(requirements, /\*\*Author:\*\* Test Author/);
    assert.match(first.stdout, /Created case-studies\/url-shortener\/ from the "standard" template/);
    // The line after the first prompt (lines 5–6), where typing does not land in front of the hint.
    assert.match(first.stdout, /Start writing in case-studies\/url-shortener\/requirements\.md:7;/);

    writeFileSync(path.join(folder, 'requirements.md'), 'my own words');
    const second = run(ws, ['URL Shortener']);
    assert.equal(second.code, 1);
    assert.match(second.stderr, /A folder named "url-shortener" already exists .* Nothing was changed/);
    assert.equal(readFileSync(path.join(folder, 'requirements.md'), 'utf8'), 'my own words');
    assert.deepEqual(readdirSync(folder).sort(), ['high-level-design.md', 'requirements.md', 'trade-offs.md']);
  });

  it('a fresh case study is not taken for written: every required section is reported empty, and nothing else is wrong', () => {
    const ws = workspace();
    assert.equal(run(ws, ['Notification System', '--template', 'extended']).code, 0);
    const lint = spawnSync(process.execPath, [cli, 'lint', '.', '--format', 'json'], {
      cwd: ws,
      encoding: 'utf8',
      timeout: 60_000,
    });
    const findings = (
      JSON.parse(lint.stdout) as { findings: { ruleId: string; severity: string; message: string }[] }
    ).findings.filter((f) => f.ruleId === 'empty-section');
    assert.deepEqual(
      findings.map((f) => f.message.replace(/ is empty.*/, '')).sort(),
      [
        "Section 'Architecture'",
        "Section 'Functional Requirements'",
        "Section 'Key Components'",
        "Section 'Non-Functional Requirements'",
      ],
      lint.stdout,
    );
    assert.equal(lint.status, 0, 'warnings only: no Mermaid error in the skeleton diagrams');
  });

  it('leaves the author line to the student unless asked: --author, --author-from-git', () => {
    const ws = workspace();
    assert.equal(run(ws, ['A']).code, 0);
    assert.match(
      readFileSync(path.join(ws, 'case-studies', 'a', 'requirements.md'), 'utf8'),
      /\*\*Author:\*\* <!-- your name -->/,
    );
    assert.equal(run(ws, ['B', '--author', 'Grace Hopper']).code, 0);
    assert.match(
      readFileSync(path.join(ws, 'case-studies', 'b', 'requirements.md'), 'utf8'),
      /\*\*Author:\*\* Grace Hopper\n/,
    );
    assert.equal(run(ws, ['C', '--author', 'x', '--author-from-git']).code, 2);
  });

  it('uses the nearest case-studies folder, --date-prefix, and a prompt without a git user', () => {
    const ws = workspace();
    mkdirSync(path.join(ws, 'docs', 'case-studies'), { recursive: true });
    const r = run(ws, ['Rate Limiter', '--date-prefix', '--author-from-git'], false);
    assert.equal(r.code, 0, r.stderr);
    const [folder] = readdirSync(path.join(ws, 'docs', 'case-studies'));
    assert.match(folder, /^\d{4}-\d{2}-\d{2}-rate-limiter$/);
    assert.match(
      readFileSync(path.join(ws, 'docs', 'case-studies', folder, 'requirements.md'), 'utf8'),
      /\*\*Author:\*\* <!-- your name -->/,
    );
    assert.equal(existsSync(path.join(ws, 'case-studies')), false);
  });

  it('run inside a case-studies folder, creates a sibling there; --root wins', () => {
    const ws = workspace();
    const inner = path.join(ws, 'case-studies', 'existing');
    mkdirSync(inner, { recursive: true });
    assert.equal(run(inner, ['Chat']).code, 0);
    assert.ok(existsSync(path.join(ws, 'case-studies', 'chat', 'requirements.md')));
    assert.equal(run(ws, ['Chat', '--root', 'elsewhere']).code, 0);
    assert.ok(existsSync(path.join(ws, 'elsewhere', 'chat', 'trade-offs.md')));
  });

  it('bad usage exits 2 with the reason, and writes nothing', () => {
    const ws = workspace();
    const cases: [string[], RegExp][] = [
      [[], /give the case study a title/],
      [['..'], /parent folder/],
      [['a/b'], /cannot contain "\/"/],
      [['CON'], /reserved device name/],
      [['!!!'], /letter or digit/],
      [['X', '--template', 'nope'], /no template set "nope"\. Available: standard, extended/],
      [['X', '--bogus'], /Unknown option "--bogus"/],
      [['X', '--root'], /--root needs a value/],
    ];
    for (const [args, message] of cases) {
      const r = run(ws, args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message);
    }
    assert.deepEqual(readdirSync(ws), []);
  });

  it('user templates from .designnotes.json are offered; a missing template folder is a warning, built-ins still work', () => {
    const ws = workspace();
    mkdirSync(path.join(ws, 'tpl', 'lean'), { recursive: true });
    writeFileSync(
      path.join(ws, 'tpl', 'lean', 'requirements.md'),
      '# {{title}} ({{date}})\n\n## FRs\n\n- one\n\n## NFRs\n\n- 99% of the time\n',
    );
    writeFileSync(path.join(ws, '.designnotes.json'), JSON.stringify({ templates: 'tpl' }));
    const list = spawnSync(process.execPath, [cli, 'new', '--list-templates'], { cwd: ws, encoding: 'utf8' });
    assert.match(list.stdout, /^lean +lean \(yours\)/m);
    const r = run(ws, ['Search', '--template', 'lean']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(readdirSync(path.join(ws, 'case-studies', 'search')).sort(), [
      'high-level-design.md',
      'requirements.md',
      'trade-offs.md',
    ]);
    assert.match(
      readFileSync(path.join(ws, 'case-studies', 'search', 'requirements.md'), 'utf8'),
      /^# Search \(\d{4}-\d{2}-\d{2}\)\n/,
    );

    writeFileSync(path.join(ws, '.designnotes.json'), JSON.stringify({ templates: 'missing' }));
    const r2 = run(ws, ['Search Two']);
    assert.equal(r2.code, 0);
    assert.match(
      r2.stderr,
      /warning: .*"missing" \(the "templates" setting\) does not exist; only the built-in templates are offered/,
    );
  });
});

describe('runNew in process', () => {
  it('prints help with exit 0', async () => {
    let out = '';
    const code = await runNew(['--help'], { stdout: (t) => (out += t), stderr: () => undefined, cwd: tmp });
    assert.equal(code, 0);
    assert.match(out, /Usage: design-notes new "<title>"/);
  });

  it('joins unquoted words into one title and honours --pattern', async () => {
    const ws = workspace();
    let err = '';
    const code = await runNew(['Event', 'Bus', '--pattern', 'cs-{{slug}}'], {
      stdout: () => undefined,
      stderr: (t) => (err += t),
      cwd: ws,
    });
    assert.equal(code, 0, err);
    assert.ok(existsSync(path.join(ws, 'case-studies', 'cs-event-bus', 'requirements.md')));
    assert.equal(
      await runNew(['X', '--pattern', '{{date}}'], { stdout: () => undefined, stderr: () => undefined, cwd: ws }),
      2,
    );
  });
});
