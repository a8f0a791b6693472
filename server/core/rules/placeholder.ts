import type { Rule } from '../rule';
import { blankHtmlComments } from '../markdown';
import { findSection } from '../sections';
import { isStub } from '../stubs';

/**
 * Markers of unfinished text. Upper-case markers are matched case-sensitively so prose such as "a todo list" is
 * not flagged; "lorem ipsum" is matched in any case. The bracket form is bounded, so the scan is linear.
 */
const MARKERS =
  /\b(TODO|TBD|TBA|FIXME|XXX)\b|\blorem ipsum\b|\[(?:insert|describe|placeholder|your)\b[^\]]{0,60}\](?![([:])/gi;
const CASE_SENSITIVE = new Set(['TODO', 'TBD', 'TBA', 'FIXME', 'XXX']);

/**
 * Character ranges of inline code spans on a line, where markers are quoted rather than left behind. A run of
 * backticks opens a span that the next run of the same length closes (CommonMark). Found in one pass over the runs:
 * the regex this replaces, `(`+)[\s\S]*?\1`, rescanned the rest of the line for each opener and took minutes on a
 * 1 MB line of shrinking backtick runs.
 */
function codeSpans(line: string): [number, number][] {
  const runs: [number, number][] = [];
  for (let i = line.indexOf('`'); i >= 0; i = line.indexOf('`', i)) {
    let j = i;
    while (line[j] === '`') j++;
    runs.push([i, j - i]);
    i = j;
  }
  // For each run, the index of the next run of the same length (or -1), computed right to left.
  const next = new Array<number>(runs.length);
  const lastOfLength = new Map<number, number>();
  for (let r = runs.length - 1; r >= 0; r--) {
    next[r] = lastOfLength.get(runs[r][1]) ?? -1;
    lastOfLength.set(runs[r][1], r);
  }
  const spans: [number, number][] = [];
  for (let r = 0; r < runs.length; r++) {
    const close = next[r];
    if (close < 0) continue;
    spans.push([runs[r][0], runs[close][0] + runs[close][1]]);
    r = close;
  }
  return spans;
}

export const placeholder: Rule = {
  meta: {
    id: 'placeholder',
    description:
      'Placeholder text (TODO, TBD, TBA, FIXME, "Coming soon", "WIP", lorem ipsum, [insert …]) is left in a case-study file.',
    defaultSeverity: 'warning',
    docs:
      'Finish or remove placeholders before calling a case study done. A paragraph that is only a placeholder ("*Content coming soon…*", ' +
      '"WIP", "To be added", "Under construction") is one; so is a table whose rows are all the example rows of a table snippet (dn-capacity, dn-api, dn-datamodel) ' +
      'left as inserted; so are the markers TODO, TBD, TBA, FIXME, XXX anywhere in the text. Markers inside ' +
      'code blocks, inline code and HTML comments are ignored. A file that holds nothing else is reported once, as `stub-file`.',
    example: "Placeholder 'TBD' left in the text: replace it with the real content.",
  },
  checkFile(ctx) {
    const { file } = ctx;
    // Only case studies: elsewhere in a repository (READMEs, docs) TODOs are the owners' business, not ours.
    // A stub file is reported once by stub-file.
    if (!ctx.caseStudy || file.isMermaidFile || isStub(file.doc)) return;
    const lines = file.doc.lines;
    const whole = new Set<number>();
    // A required section holding only a placeholder is reported once, by empty-section.
    const emptyRequired = (ctx.spec?.sections ?? [])
      .map((s) => file.doc.headings[findSection(file.doc, s)])
      .filter((h) => h !== undefined && !h.hasContent);
    for (const p of file.doc.placeholders) {
      whole.add(p.line);
      if (emptyRequired.some((h) => p.line > h.line && p.line < h.sectionEndLine)) continue;
      const line = lines[p.line] ?? '';
      const start = line.length - line.trimStart().length;
      ctx.report({
        range: { start: { line: p.line, character: start }, end: { line: p.line, character: line.trimEnd().length } },
        message: `Placeholder '${p.text.replace(/^[*_\s]+|[*_\s]+$/g, '')}' left in the text: write the content it stands for.`,
      });
    }
    for (const lineNo of [...file.doc.proseLines].sort((a, b) => a - b)) {
      if (whole.has(lineNo)) continue;
      const line = blankHtmlComments(lines[lineNo] ?? '');
      if (!/todo|tbd|tba|fixme|xxx|lorem|\[/i.test(line)) continue;
      const spans = codeSpans(line);
      MARKERS.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = MARKERS.exec(line))) {
        const word = m[0];
        if (m[1] && !CASE_SENSITIVE.has(m[1])) continue;
        const at = m.index;
        if (spans.some(([s, e]) => at >= s && at < e)) continue;
        ctx.report({
          range: { start: { line: lineNo, character: at }, end: { line: lineNo, character: at + word.length } },
          message: `Placeholder '${word}' left in the text: replace it with the real content.`,
        });
      }
    }
  },
};
