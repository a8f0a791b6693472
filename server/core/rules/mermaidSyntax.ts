// Reports Mermaid syntax errors inside ```mermaid fences (and standalone .mmd/.mermaid files) at the offending
// token. Parsing itself happens in the injected MermaidValidator (a worker thread); this rule only maps the
// block-relative ranges onto the Markdown source.
import type { MermaidProblem, MermaidValidator, Report, Rule } from '../rule';
import type { Position, Range } from '../types';
import type { FencedBlock } from '../markdown';
import type { SkippedData } from './fileSkipped';

/** The data of a Mermaid finding: a misspelt diagram type, a common mistake with its clear fix, or a block not checked. */
export type MermaidSyntaxData =
  | { kind: 'mermaid-unknown-type'; found: string; suggestions: string[] }
  | { kind: 'mermaid-fix'; title: string; range: Range; newText: string }
  | SkippedData;

const changeTitle = (type: string) => `Change to '${type}'`;

/**
 * A misspelt diagram type is corrected without asking only when the correction is clear: one candidate, or a
 * candidate that differs from what was written in letter case alone.
 */
function clearDiagramType(found: string, suggestions: readonly string[]): boolean {
  return suggestions.length === 1 || suggestions[0]?.toLowerCase() === found.toLowerCase();
}

function toSource(fence: FencedBlock, position: Position): Position {
  const lines = fence.contentLines;
  if (lines.length === 0) return { ...fence.openRange.end };
  const start = lines[Math.max(0, Math.min(position.line, lines.length - 1))];
  return { line: start.line, character: start.character + position.character };
}

function toSourceRange(fence: FencedBlock, range: Range): Range {
  // An empty block has no content line to point into (the line after the fence may not even exist): mark the fence.
  if (fence.contentLines.length === 0) return fence.openRange;
  return { start: toSource(fence, range.start), end: toSource(fence, range.end) };
}

/** The text a block-relative single-line range covers (the unknown diagram keyword). */
function textAt(content: string, range: Range): string {
  const line = content.split('\n')[range.start.line] ?? '';
  return line
    .slice(range.start.character, range.start.line === range.end.line ? range.end.character : undefined)
    .trim();
}

/**
 * One Mermaid block's findings, in document coordinates. The rule reports them (Problems) and the diagram preview
 * shows them (designNotes/documentDiagrams), so both name the same line. A failure of the validator itself
 * (crashed worker) must not hide the file's other findings: the block is reported as not checked.
 */
export async function fenceFindings(
  fence: FencedBlock,
  validator: MermaidValidator,
): Promise<Report<MermaidSyntaxData>[]> {
  let problems: MermaidProblem[];
  try {
    problems = await validator.validate(fence.content);
  } catch (error) {
    return [
      {
        message: `Diagram not checked: ${error instanceof Error ? error.message : String(error)}`,
        range: fence.openRange,
        severity: 'info',
        data: { kind: 'skipped', reason: 'validator-error' },
      },
    ];
  }
  return problems.map((problem): Report<MermaidSyntaxData> => {
    const range = toSourceRange(fence, problem.range);
    if (problem.kind === 'timeout' || problem.kind === 'too-large') {
      return {
        message: problem.message,
        range,
        detail: problem.detail,
        severity: 'info',
        data: { kind: 'skipped', reason: problem.kind },
      };
    }
    if (problem.kind === 'unknown-diagram') {
      return {
        message: problem.message,
        range,
        detail: problem.detail,
        data: {
          kind: 'mermaid-unknown-type',
          found: textAt(fence.content, problem.range),
          suggestions: problem.suggestions ?? [],
        },
      };
    }
    const fix = problem.fix && {
      kind: 'mermaid-fix' as const,
      title: problem.fix.title,
      range: toSourceRange(fence, problem.fix.range),
      newText: problem.fix.newText,
    };
    return { message: problem.message, range, detail: problem.detail, ...(fix ? { data: fix } : {}) };
  });
}

export const mermaidSyntax: Rule<MermaidSyntaxData> = {
  meta: {
    id: 'mermaid-syntax',
    description: 'Mermaid diagrams must parse.',
    defaultSeverity: 'error',
    scope: 'anywhere',
    docs: [
      'A Mermaid block that does not parse renders as an error box instead of a diagram, in the preview and on GitHub',
      "alike. Each block is parsed with Mermaid's own parser (off the editor's main thread) and the problem is marked",
      "on the offending token, e.g. `Unknown diagram type 'sequenceDiagarm'; did you mean 'sequenceDiagram'?`.",
      'The common mistakes are marked at the culprit and said in plain words: an unclosed `{{`, `[`, `(` or `"` on the line',
      'it opens (not where the parser noticed), a `subgraph` without `end`, `->` for `-->`, `end` as a node id, and',
      'parentheses inside an unquoted `[...]` label, with a quick fix where it is clear (quote the label, `-->`).',
      "Mermaid's own message is in the details, without its diagram-relative line numbers.",
      'Blocks over 200,000 characters or 5,000 lines, or that Mermaid needs more than 2 s to parse, are',
      'reported as not checked (information). Fix the syntax, or give the fence another language (e.g. `text`) if',
      'the block is not meant to be a diagram.',
    ].join('\n'),
    example: '```mermaid\nflowchart TD\n  A --> B\n  B --> end\n```',
  },

  async checkFile(ctx) {
    const validator = ctx.services.mermaid;
    if (!validator) return;
    // Blocks are independent; the validator serialises the parsing work itself.
    const fences = ctx.file.doc.fences.filter((fence) => fence.lang === 'mermaid');
    const results = await Promise.all(fences.map((fence) => fenceFindings(fence, validator)));
    for (const findings of results) for (const finding of findings) ctx.report(finding);
  },
  fixes: {
    docs: [
      {
        when: 'unknown diagram type',
        title: changeTitle('sequenceDiagram'),
        does: 'one action per close match; `lint --fix` applies it when there is one clear candidate.',
      },
      {
        when: 'common mistake',
        title: "Quote the label · Change '->' to '-->' · Rename the node to 'End'",
        does: 'the clear fix of a common mistake, at the culprit.',
      },
    ],
    build({ data, range }) {
      switch (data.kind) {
        case 'mermaid-unknown-type':
          return data.suggestions.map((s, i) => ({
            title: changeTitle(s),
            edits: [{ range, newText: s }],
            isPreferred: i === 0,
          }));
        case 'mermaid-fix':
          return [{ title: data.title, edits: [{ range: data.range, newText: data.newText }], isPreferred: true }];
        default:
          return [];
      }
    },
    // Only the diagram type, only when the correction is clear, and it may replace only that misspelt word.
    unattended({ data }) {
      return data.kind === 'mermaid-unknown-type' && clearDiagramType(data.found, data.suggestions)
        ? { replaces: data.found }
        : undefined;
    },
  },
};
