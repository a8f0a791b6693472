import type { Rule } from '../rule';

/**
 * Markers of unfinished text. Upper-case markers are matched case-sensitively so prose such as "a todo list" is
 * not flagged; "lorem ipsum" is matched in any case.
 */
const MARKERS = /\b(TODO|TBD|FIXME|XXX)\b|\blorem ipsum\b|\[(?:insert|describe|placeholder|your)\b[^\]]{0,60}\](?![(\[:])/gi;
const CASE_SENSITIVE = new Set(['TODO', 'TBD', 'FIXME', 'XXX']);

/** Character ranges of inline code spans on a line, where markers are quoted rather than left behind. */
function codeSpans(line: string): [number, number][] {
  const spans: [number, number][] = [];
  const re = /(`+)[\s\S]*?\1/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

export const placeholder: Rule = {
  meta: {
    id: 'placeholder',
    description: 'Placeholder text (TODO, TBD, FIXME, XXX, lorem ipsum, [insert …]) is left in a case-study file.',
    defaultSeverity: 'warning',
    docs: 'Finish or remove placeholders before calling a case study done. Markers inside code blocks, inline code and HTML comments are ignored.',
    example: "Placeholder 'TBD' left in the text: replace it with the real content.",
  },
  checkFile(ctx) {
    const { file } = ctx;
    // Only case studies: elsewhere in a repository (READMEs, docs) TODOs are the owners' business, not ours.
    if (!ctx.caseStudy || file.isMermaidFile) return;
    const lines = file.doc.lines;
    for (const lineNo of [...file.doc.proseLines].sort((a, b) => a - b)) {
      const line = lines[lineNo] ?? '';
      if (!/todo|tbd|fixme|xxx|lorem|\[/i.test(line)) continue;
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
