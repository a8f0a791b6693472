// The preview's "Line N" is the line in Problems, on every sample of the Mermaid test set: the real language server
// (over LSP) checks a document holding every broken sample, the preview's data comes from the server's
// designNotes/documentDiagrams answer, and the real webview renders it in Chromium. One position mapper (the
// server's) places both. Run `npm run build` first.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DocumentDiagramsRequest, type DocumentDiagramsResult } from '../../common/protocol/preview';
import { fileUri, TestLspClient, type Diagnostic } from '../support/lspClient';
import { makeTree, removeTree } from '../support/tree';
import { closeBrowser, launchBrowser, openHarness } from './harness';

const TYPES = path.resolve(__dirname, '../fixtures/mermaid/types');

/** Blocks whose lines Mermaid's preprocessing shifts; the first is the case that once put the preview three lines off. */
const SHIFTED: Record<string, string> = {
  'front matter, a blank line and a %% comment before a sequence message':
    '---\ntitle: Checkout\n---\n\n%% the happy path\nsequenceDiagram\n  participant C as Client\n  C->>: GET /items\n',
  'comments and blanks between the lines':
    '%% header\n\nflowchart TD\n  %% a comment\n\n  A --> B\n  %% another\n  B --> end\n',
  'init directive over several lines': '%%{\n  init: {"theme": "dark"}\n}%%\nflowchart TD\n  A --> B\n  B --> end\n',
  'directive on the header line': '%%{init: {"theme": "forest"}}%% flowchart TD\n  A --> B\n  B --> end\n',
  'unclosed {{ noticed a line later': 'flowchart LR\n  gw --> limiter{{Rate Limiter}\n  limiter --> api\n',
  'front matter with an error in a pie': '---\ntitle: Share\n---\n%% slices\npie\n  "a" : 1\n  "b" 2\n',
};

function samples(): { name: string; source: string }[] {
  const broken = fs
    .readdirSync(TYPES)
    .filter((f) => f.endsWith('.broken.mmd'))
    .sort()
    .map((f) => ({ name: f, source: fs.readFileSync(path.join(TYPES, f), 'utf8') }));
  return [...broken, ...Object.entries(SHIFTED).map(([name, source]) => ({ name, source }))];
}

/** A Markdown note with every sample in its own fence under its own heading; some in a list or a blockquote. */
function noteOf(list: { name: string; source: string }[]): string {
  const parts = ['# Mermaid samples', ''];
  list.forEach(({ name, source }, i) => {
    const body = source.endsWith('\n') ? source : source + '\n';
    parts.push(`## ${name}`, '', 'Some prose before the diagram.', '');
    if (i % 5 === 3)
      parts.push('- In a list:', '', ...('```mermaid\n' + body + '```').split('\n').map((l) => (l ? '  ' + l : l)), '');
    else if (i % 5 === 4) parts.push(...('```mermaid\n' + body + '```').split('\n').map((l) => '> ' + l), '');
    else parts.push('```mermaid', ...body.replace(/\n$/, '').split('\n'), '```', '');
  });
  return parts.join('\n');
}

describe('preview and Problems agree on Mermaid error lines', () => {
  let root: string;
  let client: TestLspClient;
  before(async () => {
    await launchBrowser();
    root = makeTree({ 'notes/.keep': '' });
    client = new TestLspClient();
    await client.initialize([root]);
  });
  after(async () => {
    await client.stop();
    removeTree(root);
    await closeBrowser();
  });

  /** Opens the text in the server, asks for its diagrams, renders them in the preview; per diagram, Problems' and the preview's lines. */
  async function compare(file: string, text: string, languageId = 'markdown') {
    await client.open(file, text, languageId);
    const answer = await client.request<DocumentDiagramsResult>(DocumentDiagramsRequest.method, {
      uri: fileUri(file),
      version: 1,
    });
    await client.idle();
    assert.equal(answer.version, 1);
    const diagnostics: Diagnostic[] = client
      .diagnosticsFor(file)
      .filter((d) => d.code === 'mermaid-syntax' && d.severity === 1);
    // Tall enough that every diagram is near the viewport and renders (the preview renders lazily).
    const h = await openHarness('light', { width: 900, height: 40_000 });
    try {
      await h.update(answer.diagrams, 1, fileUri(file));
      const shown = await h.page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.diagram')].map((el) => {
          const error = el.querySelector<HTMLElement>('.diagram-error')!;
          return {
            index: Number(el.dataset.index),
            hidden: error.hidden,
            dataLine: error.dataset.line ?? '',
            text: error.innerText,
          };
        }),
      );
      assert.deepEqual(h.consoleErrors, []);
      return answer.diagrams.map((d) => {
        const inProblems = diagnostics
          .filter((x) => x.range.start.line >= d.line && x.range.start.line <= d.endLine)
          .map((x) => x.range.start.line + 1);
        const s = shown[d.index];
        const inPreview = s.hidden ? [] : [...s.text.matchAll(/^Line (\d+): /gm)].map((m) => Number(m[1]));
        return {
          index: d.index,
          inProblems: inProblems.sort((a, b) => a - b),
          inPreview: [...inPreview].sort((a, b) => a - b),
          dataLine: s.dataLine,
          firstShown: inPreview[0],
          errorShown: !s.hidden,
          text: s.text,
        };
      });
    } finally {
      await h.close();
    }
  }

  test('every broken sample of the Mermaid test set, and blocks whose preprocessing shifts lines, in a Markdown note', async () => {
    const list = samples();
    const results = await compare(path.join(root, 'notes/samples.md'), noteOf(list));
    assert.equal(results.length, list.length);
    const disagreements = results
      .filter(
        (r) =>
          JSON.stringify(r.inProblems) !== JSON.stringify(r.inPreview) ||
          (r.firstShown !== undefined && r.dataLine !== String(r.firstShown - 1)),
      )
      .map(
        (r) =>
          `${list[r.index].name}: Problems ${JSON.stringify(r.inProblems)}, preview ${JSON.stringify(r.inPreview)} (${r.text.split('\n')[0]})`,
      );
    assert.deepEqual(disagreements, []);
    // Not vacuous: (nearly) every broken sample has an error line in both, and the error box shows.
    const withLines = results.filter((r) => r.inProblems.length > 0 && r.errorShown);
    assert.ok(withLines.length >= list.length - 2, `${withLines.length} of ${list.length} samples show an error line`);
    const issueCase = results[list.findIndex((s) => s.name.startsWith('front matter, a blank line'))];
    const noteLines = noteOf(list).split('\n');
    assert.match(noteLines[issueCase.inPreview[0] - 1], /C->>: GET \/items/, 'the line named is the broken message');
  });

  test('a standalone .mmd file with front matter, a blank line and a %% comment', async () => {
    const [r] = await compare(
      path.join(root, 'notes/checkout.mmd'),
      SHIFTED['front matter, a blank line and a %% comment before a sequence message'],
      'mermaid',
    );
    assert.deepEqual(r.inPreview, r.inProblems);
    assert.deepEqual(r.inPreview, [8]);
  });

  test("the example case study's unclosed {{: on the line that opens it, in Problems and the preview alike", async () => {
    const text = fs.readFileSync(
      path.resolve(__dirname, '../../examples/case-studies/notification-system/high-level-design.md'),
      'utf8',
    );
    const opener = text.split('\n').findIndex((l) => l.includes('{{Channel queues}')) + 1;
    const results = await compare(path.join(root, 'notes/high-level-design.md'), text);
    const broken = results.filter((r) => r.errorShown);
    assert.equal(broken.length, 1);
    assert.deepEqual(broken[0].inProblems, [opener]);
    assert.deepEqual(broken[0].inPreview, [opener]);
    assert.match(
      broken[0].text,
      new RegExp(`^Line ${opener}: Unclosed '\\{\\{': the shape opened here is never closed with '\\}\\}'\\.`, 'm'),
    );
    assert.match(broken[0].text, /Mermaid: /);
    assert.doesNotMatch(broken[0].text, /on line \d/, "no diagram-relative line from Mermaid beside the file's");
  });
});
