import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { DEFAULT_CONFIG, loadConfig } from '../../server/core/config';
import { nodeFileSystem, findBuiltinTemplatesFolder } from '../../server/core/node';
import {
  loadBuiltinTemplateSets,
  planCaseStudy,
  planMissingFiles,
  type ScaffoldPlan,
  type TemplateSet,
} from '../../server/core/scaffold';

let standard: TemplateSet;
let extended: TemplateSet;
before(async () => {
  [standard, extended] = (await loadBuiltinTemplateSets(nodeFileSystem, findBuiltinTemplatesFolder())).sets;
});

const root = path.resolve('/work/case-studies');
const rel = (plan: ScaffoldPlan) => plan.files.map((f) => f.relativePath);

function userSet(files: TemplateSet['files']): TemplateSet {
  return { id: 'mine', name: 'Mine', description: '', files, builtin: false };
}

describe('planCaseStudy', () => {
  it('plans the folder and the three required files, rendered', () => {
    const outcome = planCaseStudy({
      root,
      title: '  URL Shortener ',
      templateSet: standard,
      vars: { author: 'Ada' },
      date: '2026-01-05',
    });
    assert.ok(outcome.ok);
    const { plan } = outcome;
    assert.equal(plan.folder, path.join(root, 'url-shortener'));
    assert.equal(plan.mode, 'new');
    assert.deepEqual(rel(plan), ['requirements.md', 'high-level-design.md', 'trade-offs.md']);
    assert.deepEqual(
      plan.files.map((f) => f.kind),
      ['requirements', 'high-level-design', 'trade-offs'],
    );
    assert.equal(plan.files[0].path, path.join(root, 'url-shortener', 'requirements.md'));
    assert.ok(
      plan.files[0].content.startsWith(
        '# URL Shortener — Requirements\n\n> **Status:** draft · **Started:** 2026-01-05 · **Author:** Ada\n',
      ),
    );
    assert.deepEqual(plan.problems, []);
  });

  it('uses the folder-name pattern, and leaves the author line as a prompt when no author is given', () => {
    const outcome = planCaseStudy({
      root,
      title: 'Rate Limiter',
      templateSet: extended,
      folderNamePattern: '{{date}}-{{slug}}',
      date: '2026-01-05',
    });
    assert.ok(outcome.ok);
    assert.equal(path.basename(outcome.plan.folder), '2026-01-05-rate-limiter');
    assert.equal(outcome.plan.files.length, 6);
    assert.match(outcome.plan.files[0].content, /\*\*Author:\*\* <!-- your name -->/);
  });

  it('refuses invalid titles with the reason', () => {
    for (const title of ['', '..', 'a/b', 'CON', '!!!']) {
      const outcome = planCaseStudy({ root, title, templateSet: standard });
      assert.equal(outcome.ok, false, title);
      assert.ok(!outcome.ok && outcome.error.length > 10);
    }
  });

  it('fills required files a user set lacks from the fallback set, and renames kind files the linter would not accept', () => {
    const set = userSet([
      {
        path: 'problem.md',
        kind: 'requirements',
        text: '# {{title}}\n\n## Functional Requirements\n\n- a\n',
        source: 'mine/problem.md',
      },
      { path: '{{slug}}-notes.md', text: 'Notes on {{title}}', source: 'mine/notes.md' },
    ]);
    const outcome = planCaseStudy({
      root,
      title: 'Chat',
      templateSet: set,
      fallbackSets: [standard],
      date: '2026-01-05',
    });
    assert.ok(outcome.ok);
    const { plan } = outcome;
    assert.deepEqual(rel(plan), ['requirements.md', 'chat-notes.md', 'high-level-design.md', 'trade-offs.md']);
    assert.match(
      plan.files[0].content,
      /## Non-Functional Requirements\n\n<!-- write here: non-functional requirements\. -->/,
      'missing required section appended',
    );
    assert.equal(plan.files[1].content, 'Notes on Chat');
    assert.ok(plan.files[2].content.startsWith('# Chat — High-Level Design'));
  });

  it('without a fallback set, a missing kind gets a skeleton of its configured sections', () => {
    const outcome = planCaseStudy({
      root,
      title: 'Chat',
      templateSet: userSet([{ path: 'x.md', text: 'x', source: 's' }]),
    });
    assert.ok(outcome.ok);
    const hld = outcome.plan.files.find((f) => f.kind === 'high-level-design')!;
    assert.equal(hld.source, 'skeleton:high-level-design');
    assert.match(hld.content, /## Architecture\n\n<!-- write here: architecture\. -->\n\n## Key Components\n/);
  });

  it('skips template paths that would leave the folder or clash, with a problem', () => {
    const set = userSet([
      { path: '../escape.md', text: 'x', source: 's1' },
      { path: 'a/../../b.md', text: 'x', source: 's2' },
      { path: 'CON.md', text: 'x', source: 's3' },
      { path: 'notes.md', text: 'x', source: 's4' },
      { path: 'NOTES.md', text: 'y', source: 's5' },
      { path: 'diagrams/context.mmd', text: 'flowchart LR', source: 's6' },
    ]);
    const outcome = planCaseStudy({ root, title: 'Chat', templateSet: set, fallbackSets: [standard] });
    assert.ok(outcome.ok);
    assert.deepEqual(rel(outcome.plan), [
      'notes.md',
      'diagrams/context.mmd',
      'requirements.md',
      'high-level-design.md',
      'trade-offs.md',
    ]);
    assert.equal(outcome.plan.problems.length, 4);
    for (const f of outcome.plan.files) assert.ok(f.path.startsWith(outcome.plan.folder + path.sep));
  });

  it('follows a configured file name for a kind', () => {
    const { config } = loadConfig(
      JSON.stringify({ requiredFiles: { requirements: { fileName: 'goals.md', sections: [] } } }),
    );
    const outcome = planCaseStudy({ root, title: 'Chat', templateSet: standard, specs: config.requiredFiles });
    assert.ok(outcome.ok);
    // "requirements.md" still matches the kind by its id, so the template's own name is kept.
    assert.equal(outcome.plan.files[0].relativePath, 'requirements.md');
    const { config: strict } = loadConfig(
      JSON.stringify({ requiredFiles: { goals: { fileName: 'goals.md', sections: [] } } }),
    );
    const set = userSet([{ path: 'objectives.md', kind: 'goals', text: '# G', source: 's' }]);
    const o2 = planCaseStudy({
      root,
      title: 'Chat',
      templateSet: set,
      specs: strict.requiredFiles,
      fallbackSets: [standard],
    });
    assert.ok(o2.ok);
    assert.equal(o2.plan.files[0].relativePath, 'goals.md');
  });
});

describe('planMissingFiles', () => {
  const folder = path.join(root, '02-news-feed');
  const specs = DEFAULT_CONFIG.requiredFiles;

  it('plans only what is missing, matching numbered, cased and aliased names like the linter', () => {
    const plan = planMissingFiles(
      folder,
      ['01_Requirements.md', 'HLD.md', 'notes.md', 'diagrams/flow.mmd'],
      specs,
      standard,
      { date: '2026-01-05' },
    );
    assert.equal(plan.mode, 'existing');
    assert.deepEqual(rel(plan), ['trade-offs.md']);
    assert.ok(plan.files[0].content.startsWith('# News Feed — Trade-offs'), 'title derived from the folder name');
  });

  it('recognises aliases and separators for every kind', () => {
    assert.deepEqual(
      rel(planMissingFiles(folder, ['Reqs.MD', 'System Design.md', '3. Design Decisions.markdown'], specs, standard)),
      [],
    );
    assert.deepEqual(rel(planMissingFiles(folder, [], specs, standard)), [
      'requirements.md',
      'high-level-design.md',
      'trade-offs.md',
    ]);
  });

  it('a matching file in a subfolder does not count (the linter only looks at the folder itself)', () => {
    assert.deepEqual(
      rel(planMissingFiles(folder, ['old/requirements.md', 'high-level-design.md', 'trade-offs.md'], specs, standard)),
      ['requirements.md'],
    );
  });

  it('a non-Markdown file of the same name does not count', () => {
    assert.deepEqual(
      rel(planMissingFiles(folder, ['requirements.txt', 'high-level-design.md', 'trade-offs.md'], specs, standard)),
      ['requirements.md'],
    );
  });

  it('optional set files only on request, and not when present under another case', () => {
    const present = ['requirements.md', 'high-level-design.md', 'trade-offs.md'];
    assert.deepEqual(rel(planMissingFiles(folder, present, specs, extended)), []);
    assert.deepEqual(
      rel(planMissingFiles(folder, [...present, 'API.md'], specs, extended, { includeOptional: true })),
      ['data-model.md', 'capacity.md'],
    );
  });

  it('uses the given title when the caller knows it', () => {
    const plan = planMissingFiles(folder, [], specs, standard, { vars: { title: 'Twitter Feed' } });
    assert.ok(plan.files[0].content.startsWith('# Twitter Feed — Requirements'));
  });
});
