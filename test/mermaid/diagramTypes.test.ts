// One valid and one broken sample per diagram type mermaid 12.3 registers: the valid one gives no problem, the
// broken one gives problems at exactly the offending token (block-relative: line, start, end character).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DIAGRAM_KEYWORDS } from '../../server/core/mermaid/diagramTypes';
import { createMermaidValidator, type DisposableMermaidValidator } from '../../server/core/node/mermaidValidator';
import { fixtures, loadWorkerModule, readFixture, requireBundle, type WorkerModule } from './support';

type Expected = [line: number, start: number, end: number, message: string];

/** Per fixture name: the diagram type mermaid detects and the problems of the broken sample. */
const CASES: Record<string, { type: string; broken: Expected[] }> = {
  flowchart: {
    type: 'flowchart-v2',
    broken: [
      [3, 8, 11, "'end' is a reserved word in flowcharts and cannot be a node id: write 'End' or another name."],
    ],
  },
  graph: {
    type: 'flowchart-v2',
    broken: [[2, 12, 14, "Unclosed '[(': the shape opened here is never closed with ')]'."]],
  },
  'flowchart-elk': {
    type: 'flowchart-elk',
    broken: [
      [1, 14, 17, "'end' is a reserved word in flowcharts and cannot be a node id: write 'End' or another name."],
    ],
  },
  sequence: {
    type: 'sequence',
    broken: [[2, 6, 18, "Expected a participant, 'link', '+', … but found ': GET /items'"]],
  },
  class: {
    type: 'classDiagram',
    broken: [[5, 8, 9, "Expected a line break, the end of the diagram, '[', … but found '='"]],
  },
  state: { type: 'stateDiagram', broken: [[3, 11, 14, "Expected a name or edge state but found '-->'"]] },
  'state-v2': {
    type: 'stateDiagram',
    broken: [[3, 12, 19, "Expected a line break, '}', a name, … but found the end of the diagram"]],
  },
  er: { type: 'er', broken: [[2, 15, 16, "Expected a number, an entity name, entity one, … but found ':'"]] },
  c4: {
    type: 'c4',
    broken: [
      [3, 17, 23, 'Expected a line break, the end of the diagram, a quoted string, … but found the end of the diagram'],
    ],
  },
  gantt: { type: 'gantt', broken: [[5, 2, 15, "Expected task details (': …') but found the end of the line"]] },
  journey: { type: 'journey', broken: [[3, 4, 23, "Expected task details (': …') but found the end of the line"]] },
  pie: { type: 'pie', broken: [[2, 11, 13, "Expected ':' but found '20'"]] },
  mindmap: {
    type: 'mindmap',
    broken: [[3, 4, 13, 'Expected the closing bracket of the node but found the end of the diagram']],
  },
  timeline: {
    type: 'timeline',
    broken: [[2, 12, 13, "Expected the end of the diagram, a line break, 'title', … but found ':'"]],
  },
  quadrant: { type: 'quadrantChart', broken: [[3, 19, 23, "Unrecognized text '0.6]'"]] },
  sankey: { type: 'sankey', broken: [[2, 5, 6, `Expected '"' but found an unfinished token`]] },
  xychart: { type: 'xychart', broken: [[3, 15, 17, "Expected ']', ',' or a quoted string but found '30'"]] },
  block: { type: 'block', broken: [[2, 24, 31, `Unrecognized text 'c["DB"]'`]] },
  packet: { type: 'packet', broken: [[2, 8, 26, `Expected ':' but found '"Destination Port"'`]] },
  architecture: { type: 'architecture', broken: [[3, 10, 11, "Expected ':' but found the end of the line"]] },
  gitgraph: {
    type: 'gitGraph',
    broken: [[3, 2, 10, 'Expected a name or a quoted string but found the end of the line']],
  },
  requirement: {
    type: 'requirement',
    broken: [[4, 10, 17, "Expected low risk, med risk or high risk but found 'extreme'"]],
  },
  kanban: {
    type: 'kanban',
    broken: [[2, 4, 23, 'Expected the closing bracket of the node but found the end of the diagram']],
  },
  radar: { type: 'radar', broken: [[2, 27, 28, "Expected '}' but found '3'"]] },
  treemap: { type: 'treemap', broken: [[2, 10, 12, "Expected a quoted string or class def but found '40'"]] },
  info: {
    type: 'info',
    broken: [
      [1, 2, 10, "Unexpected text 'nonsense'"],
      [1, 11, 15, "Unexpected text 'here'"],
    ],
  },
  ishikawa: {
    type: 'ishikawa',
    broken: [[0, 0, 13, 'Expected a blank line or an indented line but found the end of the diagram']],
  },
  treeview: { type: 'treeView', broken: [[2, 4, 5, `Unexpected character '"'`]] },
  eventmodeling: {
    type: 'eventmodeling',
    broken: [
      [2, 8, 16, "Expected 'rmo', 'readmodel', 'ui', … but found 'nonsense'"],
      [2, 17, 24, "Expected the end of the diagram but found 'AddItem'"],
    ],
  },
  venn: { type: 'venn', broken: [[3, 2, 7, 'Expected a name or a quoted string but found the end of the line']] },
  wardley: { type: 'wardley', broken: [[2, 22, 26, "Expected ',' but found '0.55'"]] },
  cynefin: { type: 'cynefin', broken: [[3, 10, 13, "Expected the end of the diagram but found '-->'"]] },
  railroad: { type: 'railroad', broken: [[1, 32, 35, `Expected 'sequence', 'choice', 'optional', … but found '"1"'`]] },
  'railroad-ebnf': {
    type: 'railroadEbnf',
    broken: [[1, 16, 17, "Expected ebnf string, ebnf special sequence, ebnf id, … but found ';'"]],
  },
  'railroad-abnf': {
    type: 'railroadAbnf',
    broken: [[1, 14, 15, 'Expected abnf repeat, abnf exact repeat, abnf string, … but found the end of the diagram']],
  },
  'railroad-peg': {
    type: 'railroadPeg',
    broken: [[1, 15, 16, "Expected '&', '!', peg string, … but found the end of the diagram"]],
  },
  usecase: {
    type: 'usecase',
    broken: [[2, 7, 10, 'Expected a name, a quoted string or markdown string but found the end of the line']],
  },
  swimlane: { type: 'swimlane', broken: [[2, 4, 15, "Expected ']', ')))', ')', … but found the end of the diagram"]] },
  agentflow: { type: 'agentflow', broken: [[1, 10, 13, 'Expected a node but found the end of the diagram']] },
};

describe('mermaid-syntax: every diagram type', () => {
  let validator: DisposableMermaidValidator;
  let mermaid: WorkerModule;
  before(async () => {
    validator = createMermaidValidator({ workerPath: requireBundle() });
    mermaid = await loadWorkerModule();
  });
  after(() => validator.dispose());

  it('has a valid and a broken fixture for each case, and nothing else', () => {
    const names = readdirSync(path.join(fixtures, 'types')).sort();
    const expected = Object.keys(CASES)
      .flatMap((n) => [`${n}.broken.mmd`, `${n}.valid.mmd`])
      .sort();
    assert.deepEqual(names, expected);
  });

  it('covers every diagram type mermaid registers', () => {
    const covered = new Set(Object.values(CASES).map((c) => c.type));
    // "error" and "---" are mermaid's internal pseudo-diagrams (error display, mis-typed front matter).
    const missing = mermaid.registeredDiagramTypes().filter((t) => !covered.has(t) && t !== 'error' && t !== '---');
    assert.deepEqual(missing, []);
  });

  it('suggests only keywords mermaid recognises', async () => {
    const unknown: string[] = [];
    for (const keyword of DIAGRAM_KEYWORDS) {
      const result = await mermaid.referenceParse(`${keyword}\n`);
      if (!result.ok && (result.error as Error).name === 'UnknownDiagramError') unknown.push(keyword);
    }
    assert.deepEqual(unknown, []);
  });

  for (const [name, { type, broken }] of Object.entries(CASES)) {
    it(`${name}: valid sample passes, broken sample is marked at the offending token`, async () => {
      const valid = readFixture('types', `${name}.valid.mmd`);
      const reference = await mermaid.referenceParse(valid);
      assert.ok(reference.ok, `mermaid itself rejects ${name}.valid.mmd`);
      assert.equal(reference.diagramType, type);
      assert.deepEqual(await validator.validate(valid), []);

      const text = readFixture('types', `${name}.broken.mmd`);
      assert.equal((await mermaid.referenceParse(text)).ok, false, `mermaid itself accepts ${name}.broken.mmd`);
      const problems = await validator.validate(text);
      assert.deepEqual(
        problems.map((p) => [p.range.start.line, p.range.start.character, p.range.end.character, p.message]),
        broken,
      );
      for (const p of problems) {
        assert.equal(p.kind, 'syntax');
        assert.equal(p.range.start.line, p.range.end.line);
        assert.ok(p.detail && p.detail.length >= p.message.length / 2, 'mermaid text kept in detail');
      }
    });
  }
});
