import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { DEFAULT_CONFIG, loadConfig } from '../../server/core/config';
import { parseMarkdown } from '../../server/core/markdown';
import { MemoryFileSystem } from '../../server/core/memoryFileSystem';
import { findSection } from '../../server/core/sections';
import { findBuiltinTemplatesFolder, nodeFileSystem } from '../../server/core/node';
import {
  checkTemplatesSetting,
  ensureRequiredSections,
  findTemplateSet,
  loadBuiltinTemplateSets,
  loadTemplateLibrary,
  loadTemplateSet,
  renderTemplate,
  TemplateLibraries,
  templateBodyForSection,
  templateForFile,
  validateTemplateManifest,
  WRITE_HERE_MARKER,
} from '../../server/core/scaffold';

const repo = path.resolve(__dirname, '../..');
const tmp = mkdtempSync(path.join(tmpdir(), 'dn-templates-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const VARS = { title: 'URL Shortener', slug: 'url-shortener', date: '2026-01-05', author: 'Ada' };

describe('template manifests', () => {
  it('every built-in template.json validates against schemas/template.schema.json', () => {
    const folder = path.join(repo, 'templates');
    const sets = readdirSync(folder, { withFileTypes: true }).filter((e) => e.isDirectory());
    assert.ok(sets.length >= 2);
    for (const set of sets) {
      const manifest = JSON.parse(readFileSync(path.join(folder, set.name, 'template.json'), 'utf8')) as unknown;
      assert.deepEqual(validateTemplateManifest(manifest), [], set.name);
    }
  });

  it('refuses manifests that escape the case-study folder or are malformed', () => {
    assert.match(validateTemplateManifest({ files: [{ path: '../evil.md' }] }).join(), /relative path inside/);
    assert.match(validateTemplateManifest({ files: [{ path: '/etc/passwd' }] }).join(), /relative path inside/);
    assert.match(validateTemplateManifest({ files: [{ path: 'a/./b.md' }] }).join(), /relative path inside/);
    assert.match(validateTemplateManifest({ files: [{ path: 'a\\b.md' }] }).join(), /relative path inside/);
    assert.match(validateTemplateManifest({ files: [] }).join(), /fewer than 1/);
    assert.match(validateTemplateManifest({ files: [{ path: 'a.md' }], extra: 1 }).join(), /unknown key "extra"/);
    assert.deepEqual(validateTemplateManifest({ files: [{ path: 'docs/api.md', source: '../standard/api.md' }] }), []);
  });
});

describe('built-in templates', () => {
  it('are found from the sources (and, by the same upward search, from dist/)', () => {
    assert.equal(findBuiltinTemplatesFolder(), path.join(repo, 'templates'));
    assert.equal(findBuiltinTemplatesFolder(path.join(repo, 'dist')), path.join(repo, 'templates'));
  });

  it('load without problems, standard first, extended sharing its required files', async () => {
    const { sets, problems } = await loadBuiltinTemplateSets(nodeFileSystem, findBuiltinTemplatesFolder());
    assert.deepEqual(problems, []);
    assert.deepEqual(
      sets.map((s) => s.id),
      ['standard', 'extended'],
    );
    const [standard, extended] = sets;
    assert.deepEqual(
      standard.files.map((f) => f.kind),
      ['requirements', 'high-level-design', 'trade-offs'],
    );
    assert.deepEqual(
      extended.files.map((f) => f.path),
      ['requirements.md', 'high-level-design.md', 'trade-offs.md', 'api.md', 'data-model.md', 'capacity.md'],
    );
    assert.equal(extended.files[0].text, standard.files[0].text);
  });

  it('rendered, are prompts and skeletons: every required section present, each with a write-here prompt and nothing written', async () => {
    const { sets } = await loadBuiltinTemplateSets(nodeFileSystem, findBuiltinTemplatesFolder());
    for (const set of sets) {
      for (const file of set.files) {
        const text = renderTemplate(file.text, VARS);
        assert.doesNotMatch(text, /\{\{/, `${set.id}/${file.path}: unrendered variable`);
        assert.doesNotMatch(
          text,
          /\b(TODO|TBD|FIXME|XXX)\b|lorem ipsum/i,
          `${set.id}/${file.path}: placeholder marker`,
        );
        assert.ok(text.includes(WRITE_HERE_MARKER), `${set.id}/${file.path}: says where to write`);
        const doc = parseMarkdown(text);
        assert.equal(doc.headings[0]?.level, 1);
        assert.ok(doc.headings[0].text.startsWith('URL Shortener'));
        // Nothing below the title is written: every section is empty for the rules and the completeness count.
        for (const heading of doc.headings.slice(1))
          assert.equal(heading.hasContent, false, `${set.id}/${file.path}: '${heading.text}' holds template text`);
        if (file.kind !== 'requirements')
          assert.equal(doc.hasContent, false, `${set.id}/${file.path}: written content`);
        const spec = DEFAULT_CONFIG.requiredFiles.find((s) => s.id === file.kind);
        for (const section of spec?.sections ?? []) {
          const at = findSection(doc, section);
          assert.ok(at >= 0, `${set.id}/${file.path}: missing section ${section.name}`);
          const body = doc.lines.slice(doc.headings[at].line + 1, doc.headings[at].sectionEndLine).join('\n');
          assert.ok(body.includes(WRITE_HERE_MARKER), `${set.id}/${file.path}: ${section.name} has a prompt`);
        }
        if (file.kind === 'high-level-design')
          assert.ok(
            doc.fences.some((f) => f.lang === 'mermaid' && /^flowchart /.test(f.content)),
            'a diagram skeleton to type into',
          );
      }
    }
  });

  it('the only text outside comments in a rendered requirements file is the status line (the author is a prompt unless given)', async () => {
    const { sets } = await loadBuiltinTemplateSets(nodeFileSystem, findBuiltinTemplatesFolder());
    const text = renderTemplate(sets[0].files[0].text, { ...VARS, author: '' });
    const outside = text
      .replace(/<!--[\s\S]*?-->/g, '')
      .split('\n')
      .filter((l) => l.trim() && !/^#|^-\s*$/.test(l));
    assert.deepEqual(outside, ['> **Status:** draft · **Started:** 2026-01-05 · **Author:** ']);
  });
});

describe('built-in templates and odd titles', () => {
  it('keep variables out of HTML comments and diagrams, so a title like "A --> B" cannot break either', async () => {
    const { sets } = await loadBuiltinTemplateSets(nodeFileSystem, findBuiltinTemplatesFolder());
    for (const set of sets) {
      for (const file of set.files) {
        for (const comment of file.text.match(/<!--[\s\S]*?-->/g) ?? [])
          assert.doesNotMatch(comment, /\{\{/, `${set.id}/${file.path}`);
        for (const fence of parseMarkdown(file.text).fences)
          assert.doesNotMatch(fence.content, /\{\{/, `${set.id}/${file.path}`);
      }
    }
  });
});

/**
 * A workspace in memory holding `files` beside a copy of the shipped templates (at their real path), so a library
 * loads the built-in sets and the user's through one FileSystem without a temp folder.
 */
function memoryWorkspace(files: Record<string, string>): { ws: string; fs: MemoryFileSystem; builtinFolder: string } {
  const builtinFolder = findBuiltinTemplatesFolder()!;
  const copy: Record<string, string> = {};
  for (const e of readdirSync(builtinFolder, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) copy[path.join(e.parentPath, e.name)] = readFileSync(path.join(e.parentPath, e.name), 'utf8');
  }
  const ws = path.resolve('/dn-memory/templates-ws');
  const fs = new MemoryFileSystem({
    ...copy,
    ...Object.fromEntries(Object.entries(files).map(([rel, text]) => [path.join(ws, rel), text])),
  });
  fs.addFolder(ws);
  return { ws, fs, builtinFolder };
}

describe('user templates', () => {
  it('a missing template folder is a clear problem, and the built-in sets are still offered', async () => {
    const { ws, fs, builtinFolder } = memoryWorkspace({});
    const lib = await loadTemplateLibrary({
      fs,
      builtinFolder,
      workspaceFolder: ws,
      templatesSetting: 'no-such-templates',
    });
    assert.deepEqual(
      lib.sets.map((s) => s.id),
      ['standard', 'extended'],
    );
    assert.equal(lib.problems.length, 1);
    assert.match(
      lib.problems[0].message,
      /"no-such-templates" \(the "templates" setting\) does not exist; only the built-in templates are offered/,
    );
  });

  it('a folder without template.json makes every Markdown file a template, kinds inferred from the names', async () => {
    const { ws, fs, builtinFolder } = memoryWorkspace({
      'tpl1/README.md': '# About our templates\n',
      'tpl1/team/01_Requirements.md': '# {{title}}\n\n## FRs\n\n- x\n',
      'tpl1/team/HLD.md': '# {{title}} design\n',
      'tpl1/team/diagrams/context.mmd': 'flowchart LR\n  a --> b\n',
      'tpl1/team/notes.txt': 'not a template',
    });
    const lib = await loadTemplateLibrary({ fs, builtinFolder, workspaceFolder: ws, templatesSetting: 'tpl1' });
    assert.deepEqual(lib.problems, []);
    assert.deepEqual(
      lib.sets.map((s) => s.id),
      ['standard', 'extended', 'team'],
      'README.md beside set folders is not a set',
    );
    const team = lib.sets[2];
    assert.equal(team.builtin, false);
    assert.deepEqual(
      team.files.map((f) => f.path),
      ['01_Requirements.md', 'diagrams/context.mmd', 'HLD.md'],
    );
  });

  it('a user set with a built-in id replaces it; bad manifests and escaping sources are reported, good sets kept', async () => {
    const { ws, fs, builtinFolder } = memoryWorkspace({
      'tpl2/standard/requirements.md': '# Ours\n',
      'tpl2/broken/template.json': '{ "files": [ { "path": "a.md" ',
      'secret.md': 'secret',
      'tpl2/escape/template.json': JSON.stringify({ files: [{ path: 'a.md', source: '../../secret.md' }] }),
    });
    const lib = await loadTemplateLibrary({ fs, builtinFolder, workspaceFolder: ws, templatesSetting: 'tpl2' });
    assert.deepEqual(
      lib.sets.map((s) => `${s.id}:${s.builtin}`),
      ['standard:false', 'extended:true'],
    );
    assert.equal(lib.builtinStandard?.builtin, true, 'the shipped standard set stays available as the fallback');
    const messages = lib.problems.map((p) => p.message).join('\n');
    assert.match(messages, /Invalid JSON in template\.json/);
    assert.match(messages, /points outside the template folder/);
    assert.doesNotMatch(JSON.stringify(lib.sets), /secret/);
  });

  it('a source that is a symbolic link leaving the template folder is refused; /proc files are read with a byte limit', async () => {
    // A link named like a template, pointing at the process environment, copied the environment into a case study.
    const root = path.join(tmp, 'tpl-links');
    const evil = path.join(root, 'evil');
    mkdirSync(path.join(evil, 'sub'), { recursive: true });
    writeFileSync(path.join(tmp, 'outside.md'), 'OUTSIDE SECRET');
    symlinkSync('/proc/self/environ', path.join(evil, 'link.md'));
    symlinkSync(path.join(tmp, 'outside.md'), path.join(evil, 'plain.md'));
    symlinkSync(tmp, path.join(evil, 'sub', 'up'));
    writeFileSync(path.join(evil, 'ok.md'), '# Fine\n');
    symlinkSync(path.join(evil, 'ok.md'), path.join(evil, 'inside.md'));
    writeFileSync(
      path.join(evil, 'template.json'),
      JSON.stringify({
        id: 'evil',
        files: [
          { path: 'leak.md', source: 'link.md' },
          { path: 'a.md', source: 'plain.md' },
          { path: 'b.md', source: 'sub/up/outside.md' },
          { path: 'c.md', source: 'inside.md' },
        ],
      }),
    );
    const { set, problems } = await loadTemplateSet(nodeFileSystem, evil, { root });
    assert.deepEqual(
      set?.files.map((f) => [f.path, f.text]),
      [['c.md', '# Fine\n']],
      'only the link that stays inside is read',
    );
    assert.equal(
      problems.filter((p) => /points outside the template folder/.test(p.message)).length,
      3,
      problems.map((p) => p.message).join('\n'),
    );
    assert.doesNotMatch(JSON.stringify(set), /OUTSIDE SECRET|PATH=/);
    // A /proc file inside the folder (a bind mount, say) reports size 0: read with a limit, not by stat's size.
    const big = path.join(tmp, 'tpl-big', 'big');
    mkdirSync(big, { recursive: true });
    writeFileSync(path.join(big, 'huge.md'), Buffer.alloc(1_000_001, 0x61));
    writeFileSync(path.join(big, 'template.json'), JSON.stringify({ id: 'big', files: [{ path: 'huge.md' }] }));
    const loaded = await loadTemplateSet(nodeFileSystem, big);
    assert.match(loaded.problems.map((p) => p.message).join('\n'), /larger than 1000000 bytes/);
  });

  it('a listed template file that does not exist is reported and skipped', async () => {
    const folder = path.resolve('/dn-memory/tpl3/partial');
    const fs = new MemoryFileSystem({
      [path.join(folder, 'a.md')]: '# A\n',
      [path.join(folder, 'template.json')]: JSON.stringify({
        id: 'partial',
        files: [{ path: 'a.md' }, { path: 'b.md' }],
      }),
    });
    const { set, problems } = await loadTemplateSet(fs, folder);
    assert.deepEqual(
      set?.files.map((f) => f.path),
      ['a.md'],
    );
    assert.match(problems[0].message, /"b\.md" of set "partial" does not exist/);
  });
});

describe('templates for quick fixes', () => {
  it('templateForFile gives the rendered template, and a skeleton for kinds no template covers', async () => {
    const { sets } = await loadBuiltinTemplateSets(nodeFileSystem, findBuiltinTemplatesFolder());
    const text = templateForFile('trade-offs', { sets, vars: VARS })!;
    assert.ok(text.startsWith('# URL Shortener — Trade-offs\n'));
    const { config } = loadConfig(
      JSON.stringify({
        requiredFiles: {
          api: {
            title: 'API',
            fileName: 'api.md',
            sections: [{ name: 'Endpoints' }, { name: 'Errors', template: 'List error codes for {{title}}.' }],
          },
        },
      }),
    );
    const skeleton = templateForFile('api', { sets: sets.slice(0, 1), specs: config.requiredFiles, vars: VARS })!;
    assert.equal(
      skeleton,
      '# URL Shortener — API\n\n<!-- write here: api. -->\n\n## Endpoints\n\n<!-- write here: endpoints. -->\n\n## Errors\n\nList error codes for URL Shortener.\n',
    );
    assert.equal(templateForFile('nope', { sets }), undefined);
  });

  it('templateBodyForSection cuts the section body out of the template; config templates win', async () => {
    const { sets } = await loadBuiltinTemplateSets(nodeFileSystem, findBuiltinTemplatesFolder());
    const body = templateBodyForSection('requirements', 'non-functional-requirements', { sets, vars: VARS })!;
    assert.ok(body.startsWith('<!-- write here: measurable targets'));
    assert.ok(body.endsWith('-->\n- \n'), 'a prompt and one empty bullet, nothing that passes as written');
    assert.doesNotMatch(body, /^#/m, 'no heading, and nothing of the next section');
    assert.equal(parseMarkdown(`## NFRs\n\n${body}`).headings[0].hasContent, false);
    const arch = templateBodyForSection('high-level-design', 'architecture', { sets, vars: VARS })!;
    assert.match(arch, /```mermaid\nflowchart LR\n\s*%%/);
    const { config } = loadConfig(
      JSON.stringify({
        requiredFiles: {
          requirements: {
            fileName: 'requirements.md',
            sections: [
              { id: 'functional-requirements', name: 'Functional Requirements', template: '- {{title}} does X.' },
            ],
          },
        },
      }),
    );
    assert.equal(
      templateBodyForSection('requirements', 'functional-requirements', {
        sets,
        specs: config.requiredFiles,
        vars: VARS,
      }),
      '- URL Shortener does X.\n',
    );
    assert.equal(templateBodyForSection('requirements', 'nope', { sets }), undefined);
  });

  it('ensureRequiredSections appends configured sections a template lacks, keeping CRLF', () => {
    const { config } = loadConfig(
      JSON.stringify({
        requiredFiles: {
          'trade-offs': {
            fileName: 'trade-offs.md',
            sections: [{ name: 'Decisions', aliases: ['Key Decisions'] }, { name: 'Risks' }],
          },
        },
      }),
    );
    const spec = config.requiredFiles.find((s) => s.id === 'trade-offs')!;
    assert.equal(
      ensureRequiredSections('# T\r\n\r\n## Key decisions\r\n\r\n- a vs b\r\n', spec),
      '# T\r\n\r\n## Key decisions\r\n\r\n- a vs b\r\n\r\n## Risks\r\n\r\n<!-- write here: risks. -->\r\n',
    );
  });
});

describe('checkTemplatesSetting', () => {
  it('reports a missing template folder on the setting value, and nothing when it exists or is unset', async () => {
    const ws = path.resolve('/dn-memory/settings-ws');
    const fs = new MemoryFileSystem({ [path.join(ws, 'here') + '/']: '', [path.join(ws, 'afile')]: '' });
    const text = '{\n  // ours\n  "templates": "no/such/dir",\n}\n';
    const problem = await checkTemplatesSetting(text, ws, fs);
    assert.deepEqual(problem, {
      message: 'The template folder "no/such/dir" does not exist; only the built-in templates are offered.',
      range: { start: { line: 2, character: 15 }, end: { line: 2, character: 28 } },
      severity: 'warning',
    });
    assert.equal(await checkTemplatesSetting('{ "templates": "here" }', ws, fs), undefined);
    assert.equal(await checkTemplatesSetting('{ "rules": {} }', ws, fs), undefined);
    assert.match((await checkTemplatesSetting('{ "templates": "afile" }', ws, fs))!.message, /is not a folder/);
  });
});

describe('built-in template prompts', () => {
  // An HTML comment ends at the first `-->`: a prompt quoting a Mermaid arrow ("client --> api") ended early, and the
  // rest of the prompt was shown as text in every rendered preview and counted as written content by the checks.
  it('close where they are meant to: every `<!--` has exactly one `-->`, and no `-->` stands outside a comment', () => {
    for (const set of ['standard', 'extended']) {
      const dir = path.join(repo, 'templates', set);
      for (const name of readdirSync(dir).filter((n) => n.endsWith('.md'))) {
        const text = readFileSync(path.join(dir, name), 'utf8').replace(/```[\s\S]*?```/g, '');
        let at = 0;
        for (;;) {
          const open = text.indexOf('<!--', at);
          const close = text.indexOf('-->', at);
          if (open < 0) {
            assert.equal(close, -1, `${set}/${name}: '-->' outside a comment at offset ${close}`);
            break;
          }
          assert.ok(close < 0 || close > open, `${set}/${name}: '-->' outside a comment at offset ${close}`);
          const end = text.indexOf('-->', open + 4);
          assert.ok(end > open, `${set}/${name}: unclosed comment at offset ${open}`);
          const next = text.indexOf('<!--', open + 4);
          assert.ok(next < 0 || next > end, `${set}/${name}: comment at offset ${open} holds another '<!--'`);
          at = end + 3;
        }
      }
    }
  });
});

describe('TemplateLibraries: the one cache of loaded template sets', () => {
  it('loads once per folder and setting, reloads after a change in the template folder or a full invalidation', async () => {
    const { ws, fs, builtinFolder } = memoryWorkspace({
      'team/lean/requirements.md': '# Lean v1\n',
      'notes/x.md': '# x\n',
    });
    const libraries = new TemplateLibraries(fs, builtinFolder);
    const text = async () => (await libraries.library(ws, 'team')).sets.find((s) => s.id === 'lean')?.files[0].text;
    assert.equal(await text(), '# Lean v1\n');
    fs.addFile(path.join(ws, 'team/lean/requirements.md'), '# Lean v2\n');
    assert.equal(await text(), '# Lean v1\n', 'kept until told');
    libraries.invalidate([path.join(ws, 'notes/x.md')]);
    assert.equal(await text(), '# Lean v1\n', 'a change elsewhere keeps it');
    libraries.invalidate([path.join(ws, 'team/lean/requirements.md')]);
    assert.equal(await text(), '# Lean v2\n', 'a change inside the template folder reloads it');
    fs.addFile(path.join(ws, 'team/lean/requirements.md'), '# Lean v3\n');
    libraries.invalidate([ws]);
    assert.equal(await text(), '# Lean v3\n', 'a change of a folder holding it (a rename, a delete) reloads it');
    fs.addFile(path.join(ws, 'team/lean/requirements.md'), '# Lean v4\n');
    libraries.invalidate();
    assert.equal(await text(), '# Lean v4\n');
    // Built-in only (no setting, or Restricted Mode) is its own entry: the user's sets never leak into it.
    assert.deepEqual(
      (await libraries.library(ws, undefined)).sets.map((s) => s.id),
      ['standard', 'extended'],
    );
  });

  it('findTemplateSet: the set, else the ids there are', async () => {
    const { sets } = await loadBuiltinTemplateSets(nodeFileSystem, findBuiltinTemplatesFolder());
    const found = findTemplateSet(sets, 'extended');
    assert.equal(found.ok && found.set.id, 'extended');
    assert.deepEqual(findTemplateSet(sets, 'lean'), { ok: false, available: ['standard', 'extended'] });
  });
});
