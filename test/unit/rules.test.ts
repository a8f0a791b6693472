import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { DEFAULT_CONFIG, loadConfig } from '../../server/core/config';
import { Linter } from '../../server/core/engine';
import { findBuiltinTemplatesFolder, nodeFileSystem } from '../../server/core/node';
import { ZERO_RANGE, type Finding } from '../../server/core/types';
import { parseMarkdown } from '../../server/core/markdown';
import { quickFixesFor } from '../../server/core/rules';
import { loadBuiltinTemplateSets } from '../../server/core/scaffold';
import { checkWorkspace } from '../../server/core/workspace';
import { caseStudyFiles, CLEAN_CASE_STUDY, makeTree, memoryTree, removeTree } from '../support/tree';

// In memory: the rules read files through the core's FileSystem, and the disk is not what these tests are about.
async function lint(
  files: Record<string, string | Uint8Array>,
  configText?: string,
): Promise<{ root: string; findings: Finding[] }> {
  const { root, fs } = memoryTree(files);
  const linter = new Linter({ fs });
  const config = configText ? loadConfig(configText, linter.ruleIds).config : DEFAULT_CONFIG;
  const result = await checkWorkspace(root, config, linter, fs);
  return { root, findings: [...result.findings.values()].flat() };
}

function brief(root: string, findings: Finding[], ruleId?: string) {
  return findings
    .filter((f) => !ruleId || f.ruleId === ruleId)
    .map(
      (f) => `${path.relative(root, f.path)}:${f.range.start.line}:${f.range.start.character} ${f.ruleId} ${f.message}`,
    )
    .sort();
}

test('a complete case study has no findings', async () => {
  const { root, findings } = await lint(caseStudyFiles('notifications', CLEAN_CASE_STUDY));
  try {
    assert.deepEqual(brief(root, findings), []);
  } finally {
    removeTree(root);
  }
});

test('missing-file: reported on an existing file of the case study, naming the missing file', async () => {
  const { 'trade-offs.md': _drop, ...rest } = CLEAN_CASE_STUDY;
  const { root, findings } = await lint(caseStudyFiles('notifications', rest));
  try {
    assert.deepEqual(brief(root, findings), [
      "case-studies/notifications/requirements.md:0:2 missing-file Case study 'notifications' has no trade-offs.md (Trade-offs): create it, or add a 'Trade-offs' section to one of its files.",
    ]);
    const f = findings[0];
    assert.deepEqual(f.data, {
      kind: 'missing-file',
      caseStudy: path.join(root, 'case-studies/notifications'),
      fileKind: 'trade-offs',
      suggestedPath: path.join(root, 'case-studies/notifications/trade-offs.md'),
    });
  } finally {
    removeTree(root);
  }
});

test("missing-file: its fix creates only the part's own file in the case study's folder, whatever the data says", async () => {
  const caseStudy = path.resolve('/ws/case-studies/chat');
  const ctx = {
    doc: parseMarkdown('# Chat\n'),
    specs: DEFAULT_CONFIG.requiredFiles,
    lookup: { sets: (await loadBuiltinTemplateSets(nodeFileSystem, findBuiltinTemplatesFolder())).sets },
    exists: () => false,
  };
  const fixes = (suggestedPath: string, fileKind = 'trade-offs') =>
    quickFixesFor('missing-file', { kind: 'missing-file', caseStudy, fileKind, suggestedPath }, ZERO_RANGE, ctx).map(
      (f) => f.createFile?.path,
    );
  assert.deepEqual(fixes(path.join(caseStudy, 'trade-offs.md')), [path.join(caseStudy, 'trade-offs.md')]);
  assert.deepEqual(fixes(path.join(caseStudy, 'notes.md')), []);
  assert.deepEqual(fixes(path.resolve('/elsewhere/trade-offs.md')), []);
  assert.deepEqual(fixes(path.join(caseStudy, 'trade-offs.md'), 'requirements'), []);
});

test('missing-file: numbered prefixes, case, separators and aliases satisfy required files', async () => {
  const files = {
    '01_Requirements.md': CLEAN_CASE_STUDY['requirements.md'],
    'HLD.md': CLEAN_CASE_STUDY['high-level-design.md'],
    '03 - Trade Offs.md': CLEAN_CASE_STUDY['trade-offs.md'],
  };
  const { root, findings } = await lint(caseStudyFiles('Ünïcode case study', files, 'docs/07_case-studies'));
  try {
    assert.deepEqual(brief(root, findings), []);
  } finally {
    removeTree(root);
  }
});

test('missing-file: an empty case-study folder is reported on the folder', async () => {
  const { root, findings } = await lint({ 'case-studies/empty/': '', 'case-studies/ok/requirements.md': '# R' });
  try {
    const onFolder = findings.filter((f) => f.path === path.join(root, 'case-studies/empty'));
    assert.equal(onFolder.length, 1);
    assert.equal(
      onFolder[0].message,
      "Case study 'empty' is empty: create requirements.md, high-level-design.md, trade-offs.md.",
    );
  } finally {
    removeTree(root);
  }
});

test('missing-section and empty-section: aliases match, empty headings are flagged at the heading', async () => {
  const files = {
    ...CLEAN_CASE_STUDY,
    'requirements.md': '# Reqs\n\n## 1. ✨ FRs\n\n- send email\n\n## Quality Attributes\n\n<!-- write here -->\n',
    'high-level-design.md': '# HLD\n\n## Architecture\n\n```mermaid\ngraph TD\nA-->B\n```\n',
  };
  const { root, findings } = await lint(caseStudyFiles('cs', files));
  try {
    assert.deepEqual(brief(root, findings), [
      "case-studies/cs/high-level-design.md:0:2 missing-section Missing section 'Key Components': add a '## Key Components' heading.",
      "case-studies/cs/requirements.md:6:3 empty-section Section 'Quality Attributes' is empty: write it or remove the heading.",
    ]);
  } finally {
    removeTree(root);
  }
});

test('no-diagram: fires without a diagram; a linked Mermaid file or an image satisfies it', async () => {
  const noDiagram = {
    ...CLEAN_CASE_STUDY,
    'high-level-design.md': '# HLD\n\n## Architecture\n\nText only.\n\n## Key Components\n\n- API\n',
  };
  const linked = {
    ...noDiagram,
    'high-level-design.md': noDiagram['high-level-design.md'] + '\nSee [the diagram](diagrams/system.mmd).\n',
    'diagrams/system.mmd': 'graph TD\nA-->B\n',
  };
  const image = {
    ...noDiagram,
    'high-level-design.md': noDiagram['high-level-design.md'] + '\n![architecture](arch.png)\n',
  };
  const linkedEmpty = {
    ...noDiagram,
    'high-level-design.md': noDiagram['high-level-design.md'] + '\nSee [notes](notes.md).\n',
    'notes.md': '# Notes\n',
  };
  const { root, findings } = await lint({
    ...caseStudyFiles('a', noDiagram),
    ...caseStudyFiles('b', linked),
    ...caseStudyFiles('c', image),
    ...caseStudyFiles('d', linkedEmpty),
  });
  try {
    assert.deepEqual(brief(root, findings, 'no-diagram'), [
      'case-studies/a/high-level-design.md:2:3 no-diagram The high-level design has no diagram: add a ```mermaid flowchart of the main components (or link one).',
      'case-studies/d/high-level-design.md:2:3 no-diagram The high-level design has no diagram: add a ```mermaid flowchart of the main components (or link one).',
    ]);
  } finally {
    removeTree(root);
  }
});

test('unquantified-nfr: vague bullets fire with a topical example; numbers, pass/fail properties, questions, group labels and qualities with a target elsewhere do not', async () => {
  const req = `# R

## Functional Requirements

- Highly available (not an NFR section, so not checked)

## Non-Functional Requirements

- Highly available
- 99.9% monthly availability
- Low latency
- Five nines of durability
- No single point of failure
- What latency do users expect?
- Scalability:
  - 10k requests/s at peak
  - elastic

### Security

- Strong security
`;
  const { root, findings } = await lint(caseStudyFiles('cs', { ...CLEAN_CASE_STUDY, 'requirements.md': req }));
  try {
    assert.deepEqual(brief(root, findings), [
      // 'Highly available' and 'elastic' are covered: "99.9% monthly availability" and "10k requests/s at peak" state
      // the targets of their qualities in the same case study.
      "case-studies/cs/requirements.md:10:2 unquantified-nfr Non-functional requirement 'Low latency' has no measurable target: add one, e.g. 'p99 latency < 200 ms'.",
      "case-studies/cs/requirements.md:20:2 unquantified-nfr Non-functional requirement 'Strong security' has no measurable target: add one, e.g. 'keys rotated every 90 days'.",
    ]);
    const first = findings.find((f) => f.message.includes("'Low latency'"))!;
    assert.deepEqual(first.range, { start: { line: 10, character: 2 }, end: { line: 10, character: 13 } });
  } finally {
    removeTree(root);
  }
});

test('severity comes from the config; off silences a rule; custom required files replace defaults', async () => {
  const config = JSON.stringify({
    rules: { 'missing-file': 'warning', 'missing-section': 'off' },
    requiredFiles: { 'trade-offs': false, capacity: { fileName: 'capacity.md', sections: [{ name: 'Traffic' }] } },
  });
  const files = {
    ...caseStudyFiles('cs', {
      'requirements.md': '# R\n',
      'high-level-design.md': CLEAN_CASE_STUDY['high-level-design.md'],
    }),
    '.designnotes.json': config,
  };
  const { root, findings } = await lint(files, config);
  try {
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.severity, f.message]),
      [
        [
          'missing-file',
          'warning',
          "Case study 'cs' has no capacity.md (capacity): create it, or add a 'capacity' section to one of its files.",
        ],
        ['stub-file', 'warning', "'requirements.md' is not written yet: it holds only its title."],
      ],
    );
  } finally {
    removeTree(root);
  }
});

test('files too large or binary are skipped with one info note; the rest is still checked', async () => {
  const big = '# Big\n' + 'x'.repeat(200);
  const config = JSON.stringify({ maxFileSize: 100 });
  const { root, findings } = await lint(
    {
      ...caseStudyFiles('cs', { ...CLEAN_CASE_STUDY, 'notes.md': big }),
      'case-studies/cs/binary.md': new Uint8Array([0x23, 0x20, 0x00, 0x01, 0xff]) as unknown as string,
    },
    config,
  );
  try {
    const skipped = brief(root, findings, 'file-skipped');
    assert.equal(skipped.length, 5, 'every file over 100 bytes plus the binary one');
    assert.ok(
      skipped.some((s) =>
        s.includes('binary.md:0:0 file-skipped Not checked: it is not a text file (it contains NUL bytes).'),
      ),
    );
    assert.ok(
      skipped.some((s) =>
        s.includes('notes.md:0:0 file-skipped Not checked: the file is 206 bytes, over the 100 bytes limit'),
      ),
    );
  } finally {
    removeTree(root);
  }
});

test('discovery survives a symbolic-link loop and ignores excluded folders', async () => {
  const root = makeTree({
    ...caseStudyFiles('cs', CLEAN_CASE_STUDY),
    'node_modules/pkg/case-studies/x/requirements.md': '# x',
  });
  try {
    symlinkSync(root, path.join(root, 'loop'));
    // The case studies again through a linked folder inside the workspace: visited once, by real path (discovery
    // asks for real paths only below a link, and computes the rest from the root's).
    mkdirSync(path.join(root, 'docs'));
    symlinkSync(path.join(root, 'case-studies'), path.join(root, 'docs/case-studies'));
    const linter = new Linter({ fs: nodeFileSystem });
    const result = await checkWorkspace(root, DEFAULT_CONFIG, linter, nodeFileSystem);
    assert.deepEqual(
      result.caseStudies.map((c) => path.relative(root, c.path)),
      ['case-studies/cs'],
    );
  } finally {
    removeTree(root);
  }
});

test('no-alternatives: prompts name no alternative — a trade-offs file of template comments and empty decisions holds no trade-off', async () => {
  const template = readFileSync(path.join(__dirname, '../../templates/standard/trade-offs.md'), 'utf8').replace(
    '{{title}}',
    'Chat',
  );
  const { root, findings } = await lint(
    caseStudyFiles('chat', {
      ...CLEAN_CASE_STUDY,
      // The scaffold's comment says "instead of" and "Rejected"; the student added headings and an inline prompt only.
      'trade-offs.md': `${template}\n## Caching\n\n- <!-- e.g. Redis instead of Memcached -->\n\n## Storage\n`,
    }),
  );
  try {
    assert.deepEqual(brief(root, findings, 'no-alternatives'), [
      "case-studies/chat/trade-offs.md:0:2 no-alternatives 'trade-offs.md' holds no trade-off: name each decision, the alternatives you considered and why they lost.",
    ]);
    // The same file with the decision written passes: the alternative named in prose counts.
    const written = await lint(
      caseStudyFiles('chat', {
        ...CLEAN_CASE_STUDY,
        'trade-offs.md': `${template}\n## Caching\n\nRedis instead of Memcached: atomic counters.\n`,
      }),
    );
    try {
      assert.deepEqual(brief(written.root, written.findings, 'no-alternatives'), []);
    } finally {
      removeTree(written.root);
    }
  } finally {
    removeTree(root);
  }
});
