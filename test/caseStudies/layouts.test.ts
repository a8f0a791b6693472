// Fixtures for the layouts real case studies use (issue 12, classes 1 and 2), one test per class, named after it.
// Each tree is the shape seen in real repositories, cut down; the assertions are on the findings of the rules
// this model drives (missing-file, no-diagram) and on the model itself (kind, where each part is written).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { discoverCaseStudies } from '../../server/core/caseStudy';
import { analyzeCaseStudy } from '../../server/core/caseStudyModel';
import { DEFAULT_CONFIG, loadConfig, type ResolvedConfig } from '../../server/core/config';
import { Linter } from '../../server/core/engine';
import type { SourceFile } from '../../server/core/rule';
import type { Finding } from '../../server/core/types';
import { checkWorkspace } from '../../server/core/workspace';
import { CLEAN_CASE_STUDY, memoryTree, removeTree } from '../support/tree';

const REQUIREMENTS =
  '## Requirements\n\n### Functional Requirements\n\n- Shorten a URL.\n\n### Non-Functional Requirements\n\n- p99 redirect latency under 50 ms.\n';
const ARCHITECTURE =
  '## Architecture\n\nClients call the API; a cache sits in front of the key-value store.\n\n```mermaid\nflowchart LR\n  C[Client] --> A[API] --> K[(Store)]\n```\n';
const TRADE_OFFS =
  '## Trade-offs\n\n### Cache-aside over write-through\n\nWrites are rare; we chose cache-aside rather than write-through.\n';

// In memory: the layouts are about names and shapes, which the core reads through its FileSystem.
async function check(files: Record<string, string>, configText?: string) {
  const { root, fs } = memoryTree(files);
  const linter = new Linter({ fs });
  const config: ResolvedConfig = configText ? loadConfig(configText, linter.ruleIds).config : DEFAULT_CONFIG;
  const result = await checkWorkspace(root, config, linter, fs);
  const findings = [...result.findings.values()].flat();
  const models = new Map<string, ReturnType<typeof analyzeCaseStudy>>();
  for (const cs of result.caseStudies) {
    const parsed = new Map<string, SourceFile>();
    for (const f of cs.files) {
      const { file } = await linter.read(f.path, config, f.kind);
      if (file) parsed.set(f.path, file);
    }
    models.set(path.relative(root, cs.path).split(path.sep).join('/'), analyzeCaseStudy(cs, parsed, config));
  }
  return {
    root,
    findings,
    models,
    caseStudies: result.caseStudies.map((cs) => path.relative(root, cs.path).split(path.sep).join('/')),
  };
}

const of = (root: string, findings: Finding[], ...rules: string[]) =>
  findings
    .filter((f) => rules.includes(f.ruleId))
    .map(
      (f) => `${path.relative(root, f.path).split(path.sep).join('/')}:${f.range.start.line} ${f.ruleId} ${f.message}`,
    )
    .sort();

test('one-file case studies: a folder with one README.md holding every part, and a loose dated file, are complete', async () => {
  const { root, findings, models, caseStudies } = await check({
    'case-studies/url-shortener/README.md': `# URL Shortener\n\n${REQUIREMENTS}\n${ARCHITECTURE}\n${TRADE_OFFS}`,
    'case-studies/2026-03-02-rate-limiter.md': `# Rate Limiter\n\n${REQUIREMENTS}\n${ARCHITECTURE}\n${TRADE_OFFS}`,
    // The case-studies folder's own index is not a case study.
    'case-studies/README.md': '# Case studies\n\n- [URL Shortener](url-shortener/README.md)\n',
  });
  try {
    assert.deepEqual(caseStudies, ['case-studies/2026-03-02-rate-limiter.md', 'case-studies/url-shortener']);
    assert.deepEqual(of(root, findings, 'missing-file', 'no-diagram', 'missing-section'), []);
    assert.equal(models.get('case-studies/url-shortener')!.kind, 'design');
    assert.deepEqual([...models.get('case-studies/2026-03-02-rate-limiter.md')!.parts.keys()].sort(), [
      'high-level-design',
      'requirements',
      'trade-offs',
    ]);
  } finally {
    removeTree(root);
  }
});

test('one-file case studies: a loose design file without trade-offs gets one finding asking for a section, not a file', async () => {
  const { root, findings } = await check({
    'case-studies/2026-03-02-rate-limiter.md': `# Rate Limiter\n\n${REQUIREMENTS}\n${ARCHITECTURE}`,
  });
  try {
    assert.deepEqual(of(root, findings, 'missing-file'), [
      "case-studies/2026-03-02-rate-limiter.md:0 missing-file Case study '2026-03-02-rate-limiter' has no Trade-offs section: add a '## Trade-offs' section.",
    ]);
    // No create-file quick fix next to a one-file case study.
    assert.equal(findings.find((f) => f.ruleId === 'missing-file')!.data, undefined);
  } finally {
    removeTree(root);
  }
});

test('part as a section of another file: trade-offs written as section 7 of hld.md count', async () => {
  const { root, findings, models } = await check({
    'case-studies/url-shortener/requirements.md': CLEAN_CASE_STUDY['requirements.md'],
    'case-studies/url-shortener/hld.md': `${CLEAN_CASE_STUDY['high-level-design.md']}\n## 7. Trade-Offs & Decisions\n\n### Why cache?\n\nRedis rather than an in-process cache: several API nodes share it.\n`,
  });
  try {
    assert.deepEqual(of(root, findings, 'missing-file'), []);
    const tradeOffs = models.get('case-studies/url-shortener')!.parts.get('trade-offs')!;
    assert.equal(path.basename(tradeOffs[0].path), 'hld.md');
    assert.ok(tradeOffs[0].heading !== undefined, 'filled by a section, not by the file');
  } finally {
    removeTree(root);
  }
});

test('part as a section of another file: a title is not a section, so "# Trade-offs" alone in notes.md does not fill the part', async () => {
  const { root, findings } = await check({
    'case-studies/chat/requirements.md': CLEAN_CASE_STUDY['requirements.md'],
    'case-studies/chat/high-level-design.md': CLEAN_CASE_STUDY['high-level-design.md'],
    'case-studies/chat/notes.md': '# Trade-offs\n\nTo be written after the review.\n',
  });
  try {
    assert.deepEqual(of(root, findings, 'missing-file').length, 1);
    assert.match(of(root, findings, 'missing-file')[0], /has no trade-offs\.md \(Trade-offs\)/);
  } finally {
    removeTree(root);
  }
});

test('multi-part files: requirements, architecture and trade-offs spread over Part1-A and Part1-B make a complete design', async () => {
  const { root, findings, models } = await check({
    'case-studies/livestreaming/01_Live-Streaming-Design-Part1-A.md': `# Live Streaming – Part 1-A\n\n## 1. Problem Framing\n\nMillions watch one stream.\n\n## 2. Requirements\n\n### 2.1 Functional Requirements\n\n- Go live.\n\n### 2.2 Non-Functional Requirements\n\n- Glass-to-glass latency under 5 s.\n\n## 3. High-Level Architecture\n\nIngest, transcode, CDN, players.\n`,
    'case-studies/livestreaming/01_Live-Streaming-Design-Part1-B.md': `# Live Streaming – Part 1-B\n\n## 1. Capacity Planning\n\n10 M viewers.\n\n## 2. Latency vs Scalability Trade-offs\n\nLL-HLS over WebRTC: CDN-friendly at the cost of 2-5 s.\n`,
  });
  try {
    assert.equal(models.get('case-studies/livestreaming')!.kind, 'design');
    assert.deepEqual(of(root, findings, 'missing-file'), []);
    // The design has no diagram anywhere: one finding, on the heading of the section that writes the architecture.
    assert.deepEqual(of(root, findings, 'no-diagram'), [
      'case-studies/livestreaming/01_Live-Streaming-Design-Part1-A.md:16 no-diagram The high-level design has no diagram: add a ```mermaid flowchart of the main components (or link one).',
    ]);
  } finally {
    removeTree(root);
  }
});

test("diagrams folder: diagrams in the case's own diagrams/ folder, linked from its README, count for no-diagram", async () => {
  const files = {
    'case-studies/rate-limiter/README.md':
      '# Rate Limiter\n\n## Diagrams\n\nAll diagrams are in the [`diagrams/`](./diagrams/) folder:\n\n- [Container Diagram](./diagrams/02_container-diagram.md)\n',
    'case-studies/rate-limiter/01_requirements.md': CLEAN_CASE_STUDY['requirements.md'],
    'case-studies/rate-limiter/03_high-level-design.md':
      '# Rate Limiter — High-Level Design\n\n## Architecture\n\nA token bucket per client in Redis, checked by the gateway.\n\n## Key Components\n\n- Gateway\n- Redis\n',
    'case-studies/rate-limiter/08_trade-offs.md': CLEAN_CASE_STUDY['trade-offs.md'],
    'case-studies/rate-limiter/diagrams/02_container-diagram.md':
      '# Container Diagram\n\n```mermaid\nflowchart LR\n  G[Gateway] --> R[(Redis)]\n```\n',
  };
  const linked = await check(files);
  try {
    assert.deepEqual(of(linked.root, linked.findings, 'no-diagram'), []);
  } finally {
    removeTree(linked.root);
  }
  // The same case study whose README links nothing: the design really shows no diagram.
  const unlinked = await check({
    ...files,
    'case-studies/rate-limiter/README.md': '# Rate Limiter\n\nA rate limiter.\n',
  });
  try {
    assert.deepEqual(of(unlinked.root, unlinked.findings, 'no-diagram').length, 1);
  } finally {
    removeTree(unlinked.root);
  }
});

test('not a design: a post-mortem, an essay and an ADR among one-file case studies are not held to the design parts', async () => {
  const { root, findings, models } = await check({
    'case-studies/2026-03-02-retry-storm.md':
      '# Retry storm post-mortem\n\n## Summary\n\nClients retried in lockstep.\n\n## Timeline\n\n- 09:02 alerts\n\n## Root Cause\n\nNo jitter.\n\n## Action Items\n\n- Add jitter.\n',
    'case-studies/2026-02-10-on-boring-technology.md':
      '# On boring technology\n\nWhy we keep Postgres.\n\n## Architecture is a social thing\n\nTeams own services.\n',
    'case-studies/0007-use-kafka.md':
      '# Use Kafka for events\n\n## Context and Problem Statement\n\nWe need an event log.\n\n## Considered Options\n\n- Kafka\n- RabbitMQ\n\n## Decision Outcome\n\nKafka.\n',
    'case-studies/2026-01-05-url-shortener.md': `# URL Shortener\n\n${REQUIREMENTS}\n${ARCHITECTURE}`,
  });
  try {
    assert.equal(models.get('case-studies/2026-03-02-retry-storm.md')!.kind, 'postmortem');
    assert.equal(models.get('case-studies/2026-02-10-on-boring-technology.md')!.kind, 'notes');
    assert.equal(models.get('case-studies/0007-use-kafka.md')!.kind, 'adr');
    // Only the design among them is held to the parts (it lacks trade-offs).
    assert.deepEqual(
      of(root, findings, 'missing-file', 'no-diagram').map((l) => l.split(' ')[0]),
      ['case-studies/2026-01-05-url-shortener.md:0'],
    );
  } finally {
    removeTree(root);
  }
});

test('not a design: "kinds" in the config decides by glob, over detection', async () => {
  const files = {
    'case-studies/incidents/README.md':
      '# Outage of March 2\n\nWhat happened, in prose.\n\n## Architecture\n\nThe gateway.\n\n## Requirements\n\nNone.\n',
  };
  const detected = await check(files);
  const configured = await check(files, '{ "kinds": { "case-studies/incidents": "postmortem" } }');
  try {
    assert.equal(detected.models.get('case-studies/incidents')!.kind, 'postmortem', 'the title says outage');
    assert.equal(configured.models.get('case-studies/incidents')!.kind, 'postmortem');
    const asDesign = await check(files, '{ "kinds": { "case-studies/*": "design" } }');
    try {
      assert.equal(asDesign.models.get('case-studies/incidents')!.kind, 'design');
      assert.equal(
        of(asDesign.root, asDesign.findings, 'missing-file').length,
        1,
        'trade-offs missing once it is a design',
      );
    } finally {
      removeTree(asDesign.root);
    }
  } finally {
    removeTree(detected.root);
    removeTree(configured.root);
  }
});

test('requiredFiles config: an added alias keeps the built-in sections; aliases may be globs; one README may fill two parts', async () => {
  const { config, problems } = loadConfig(
    '{ "requiredFiles": { "requirements": { "aliases": ["README", "*_reqs*"] }, "high-level-design": { "aliases": ["README"] } } }',
  );
  assert.deepEqual(problems, []);
  const requirements = config.requiredFiles.find((s) => s.id === 'requirements')!;
  assert.deepEqual(
    requirements.sections.map((s) => s.id),
    ['functional-requirements', 'non-functional-requirements'],
    'built-in sections kept',
  );
  assert.ok(
    requirements.aliases.includes('reqs') && requirements.aliases.includes('README'),
    'aliases added to the built-in ones',
  );

  const { root, findings } = await check(
    {
      'case-studies/chat/README.md':
        '# Chat\n\n## Functional Requirements\n\n- Send messages.\n\n## Architecture\n\nA gateway.\n\n```mermaid\nflowchart LR\n  A --> B\n```\n',
      'case-studies/chat/trade-offs.md': CLEAN_CASE_STUDY['trade-offs.md'],
      'case-studies/feed/01_feed_reqs_v2.md': CLEAN_CASE_STUDY['requirements.md'],
      'case-studies/feed/high-level-design.md': CLEAN_CASE_STUDY['high-level-design.md'],
      'case-studies/feed/trade-offs.md': CLEAN_CASE_STUDY['trade-offs.md'],
    },
    '{ "requiredFiles": { "requirements": { "aliases": ["README", "*_reqs*"] }, "high-level-design": { "aliases": ["README"] } } }',
  );
  try {
    // README.md is requirements and design: both parts' sections are checked in it.
    assert.deepEqual(
      of(root, findings, 'missing-section').map((l) => l.replace(/:\d+ /, ' ')),
      [
        "case-studies/chat/README.md missing-section Missing section 'Key Components': add a '## Key Components' heading.",
        "case-studies/chat/README.md missing-section Missing section 'Non-Functional Requirements': add a '## Non-Functional Requirements' heading.",
      ],
    );
    assert.deepEqual(of(root, findings, 'missing-file'), [], 'the glob alias names 01_feed_reqs_v2.md as requirements');
  } finally {
    removeTree(root);
  }
  // "replace": true still replaces the built-in entry.
  const replaced = loadConfig(
    '{ "requiredFiles": { "requirements": { "replace": true, "fileName": "needs.md" } } }',
  ).config.requiredFiles.find((s) => s.id === 'requirements')!;
  assert.deepEqual(replaced.sections, []);
  assert.equal(replaced.fileName, 'needs.md');
});

test('implied root (discovery): a folder named *case-studies holding a case-studies folder is a container, not a root', async () => {
  const tree = {
    'system-design-case-studies/case-studies/chat/requirements.md': CLEAN_CASE_STUDY['requirements.md'],
    'system-design-case-studies/case-studies/chat/high-level-design.md': CLEAN_CASE_STUDY['high-level-design.md'],
    'system-design-case-studies/diagrams/overview.md': '# Overview\n',
    'system-design-case-studies/fundamentals/caching.md': '# Caching\n\nRead-through and write-through caches.\n',
  };
  const { root, fs } = memoryTree(tree);
  try {
    // Searched from the clone's parent (a workspace folder opened one level up), the real case study is found.
    const found = await discoverCaseStudies(root, DEFAULT_CONFIG, fs);
    assert.deepEqual(
      found.caseStudies.map((cs) => path.relative(root, cs.path).split(path.sep).join('/')),
      ['system-design-case-studies/case-studies/chat'],
    );
  } finally {
    removeTree(root);
  }
});

test('Case Studies view summary: parts written as sections count as present; a post-mortem is not measured against design parts', async () => {
  const { summarizeCaseStudy } = await import('../../server/core/caseStudySummary');
  const { root, fs } = memoryTree({
    'case-studies/url-shortener/README.md': `# URL Shortener\n\n${REQUIREMENTS}\n${ARCHITECTURE}\n${TRADE_OFFS}`,
    'case-studies/2026-03-02-retry-storm.md':
      '# Retry storm\n\n## Timeline\n\n- 09:02 alerts\n\n## Root Cause\n\nNo jitter.\n',
    'case-studies/chat/requirements.md': CLEAN_CASE_STUDY['requirements.md'],
  });
  try {
    const linter = new Linter({ fs });
    const { caseStudies } = await discoverCaseStudies(root, DEFAULT_CONFIG, fs);
    const summaries = new Map<string, ReturnType<typeof summarizeCaseStudy>>();
    for (const cs of caseStudies) {
      const files = new Map<string, SourceFile>();
      for (const f of cs.files) {
        const { file } = await linter.read(f.path, DEFAULT_CONFIG, f.kind);
        if (file) files.set(f.path, file);
      }
      summaries.set(
        cs.name,
        summarizeCaseStudy(cs, files, () => [], DEFAULT_CONFIG),
      );
    }
    const oneFile = summaries.get('url-shortener')!;
    assert.deepEqual(
      [oneFile.kind, oneFile.requiredFiles, oneFile.missingFiles, oneFile.completeness],
      ['design', { total: 3, present: 3 }, [], 1],
    );
    const postmortem = summaries.get('2026-03-02-retry-storm')!;
    assert.deepEqual(
      [postmortem.kind, postmortem.requiredFiles, postmortem.missingFiles],
      ['postmortem', { total: 0, present: 0 }, []],
    );
    const chat = summaries.get('chat')!;
    assert.deepEqual(
      [chat.requiredFiles, chat.missingFiles],
      [{ total: 3, present: 1 }, ['high-level-design.md', 'trade-offs.md']],
    );
  } finally {
    removeTree(root);
  }
});

test('part weighed in the text: trade-offs discussed in prose ("Instead of…", "An alternative to…") count; one passing "instead of" does not', async () => {
  const design = `# Pastebin\n\n## Step 1: Outline use cases and constraints\n\n- Paste text.\n\n## Step 2: Create a high level design\n\n![Imgur](http://i.imgur.com/x.png)\n\n## Step 3: Design core components\n\n`;
  const weighed = await check({
    'case-studies/pastebin/README.md': `${design}Instead of managing a file server, we could use an object store.\n\nAn alternative to a relational database is a key-value store.\n`,
  });
  const once = await check({
    'case-studies/pastebin/README.md': `${design}Assume most are new pastes instead of updates.\n`,
  });
  try {
    assert.deepEqual(of(weighed.root, weighed.findings, 'missing-file'), []);
    // Prose lines are not a trade-offs file: the README's steps are not trade-offs for no-alternatives to judge.
    assert.deepEqual(of(weighed.root, weighed.findings, 'no-alternatives'), []);
    assert.equal(weighed.models.get('case-studies/pastebin')!.parts.get('trade-offs')![0].line, 12);
    assert.equal(of(once.root, once.findings, 'missing-file').length, 1);
  } finally {
    removeTree(weighed.root);
    removeTree(once.root);
  }
});
