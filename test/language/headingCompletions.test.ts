import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../server/core/config';
import { headingCompletions, requiredFileSpecFor, sectionLevel } from '../../server/core/language/headingCompletions';
import { DOCUMENT_BUILDERS, type DocumentBuilder } from './documents';

const requirements = DEFAULT_CONFIG.requiredFiles.find((f) => f.id === 'requirements')!;
const hld = DEFAULT_CONFIG.requiredFiles.find((f) => f.id === 'high-level-design')!;

function suite(kind: string, build: DocumentBuilder): void {
  function at(textWithCursor: string, spec = requirements) {
    const offset = textWithCursor.indexOf('|');
    const text = textWithCursor.replace('|', '');
    const before = text.slice(0, offset).split('\n');
    const position = { line: before.length - 1, character: before[before.length - 1].length };
    return headingCompletions(build(text), position, spec);
  }

  test(kind + ': ' + 'the spec of a file is found by its name, as case-study discovery does', () => {
    assert.equal(
      requiredFileSpecFor('/x/case-studies/chat/requirements.md', DEFAULT_CONFIG.requiredFiles)?.id,
      'requirements',
    );
    assert.equal(
      requiredFileSpecFor('/x/case-studies/chat/02_HLD.md', DEFAULT_CONFIG.requiredFiles)?.id,
      'high-level-design',
    );
    assert.equal(requiredFileSpecFor('/x/notes.md', DEFAULT_CONFIG.requiredFiles), undefined);
  });

  test(
    kind +
      ': ' +
      'on a "#" line, the missing required sections are offered at level 2 below a title, replacing the line',
    () => {
      const items = at('# Chat\n\n#|\n');
      assert.deepEqual(
        items.map((i) => i.label),
        ['## Functional Requirements', '## Non-Functional Requirements'],
      );
      assert.deepEqual(items[0].textEdit, {
        range: { start: { line: 2, character: 0 }, end: { line: 2, character: 1 } },
        newText: '## Functional Requirements',
      });
      assert.equal(items[0].filterText, '###### Functional Requirements');
      assert.equal(items[0].kind, 15);
      assert.equal(items[0].detail, 'Required section of Requirements');
    },
  );

  test(kind + ': ' + 'sections already present (by name or alias, any numbering) are not offered', () => {
    const items = at('# Chat\n\n## 1. FRs\n\n- send messages\n\n## |\n');
    assert.deepEqual(
      items.map((i) => i.label),
      ['## Non-Functional Requirements'],
    );
    // The heading being typed does not count as present even if it already reads like a section.
    assert.deepEqual(
      at('# Chat\n\n## Functional Req|\n').map((i) => i.label),
      ['## Functional Requirements', '## Non-Functional Requirements'],
    );
  });

  test(kind + ': ' + 'the level follows the level of required sections already present', () => {
    const items = at('# Chat\n\n### Functional Requirements\n\ntext\n\n#|\n');
    assert.deepEqual(
      items.map((i) => i.textEdit!.newText),
      ['### Non-Functional Requirements'],
    );
    const doc = build('## Overview\n\n## Scope\n');
    assert.equal(sectionLevel(doc, hld), 2);
    assert.equal(sectionLevel(build(''), hld), 2);
    assert.equal(sectionLevel(build('# A\n\n# B\n\n### c\n'), hld), 1);
  });

  test(
    kind +
      ': ' +
      'nothing when every section is present, outside heading lines, before the hashes, in code, or without a spec',
    () => {
      assert.deepEqual(at('## Functional Requirements\n\n## NFRs\n\n#|'), []);
      assert.deepEqual(at('Some text|'), []);
      assert.deepEqual(at('|## x'), []);
      assert.deepEqual(at('```\n#|\n```\n'), []);
      assert.deepEqual(
        at(
          '#|',
          DEFAULT_CONFIG.requiredFiles.find((f) => f.id === 'trade-offs')!,
        ),
        [],
      );
    },
  );

  test(kind + ': ' + 'a section template from the configuration is inserted under the heading', () => {
    const spec = { ...hld, sections: [{ ...hld.sections[0], template: 'Describe the architecture.\n' }] };
    assert.deepEqual(
      at('#|', spec).map((i) => i.textEdit!.newText),
      ['## Architecture\n\nDescribe the architecture.'],
    );
  });
}

for (const [kind, build] of DOCUMENT_BUILDERS) suite(kind, build);
