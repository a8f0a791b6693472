// Turns whatever mermaid throws into a message and a 0-based line of the diagram source. Pure, so unit-testable.
//
// The common mistakes (an unclosed `{{`, a `subgraph` without `end`, `->`, …) are found by the same scan the language
// server uses (server/core/mermaid/commonMistakes.ts, bundled here), so the preview names the same line and the
// same words as the Problems panel. Otherwise:
//
// Mermaid reports positions in its *preprocessed* text: front matter, %%{…}%% directives, %% comment lines and
// leading blank lines are gone. `survivingLines` rebuilds that mapping so the line points at the user's text.

import { findCommonMistake, withoutDiagramLines } from '../../server/core/mermaid/commonMistakes';

interface JisonHash {
  line?: number;
  loc?: { first_line?: number; last_line?: number };
}
interface LangiumError {
  token?: { startLine?: number };
  line?: number;
}

/** 0-based source lines that mermaid's preprocessing keeps, in order. */
export function survivingLines(source: string): number[] {
  const lines = source.split(/\r\n|\r|\n/);
  const kept: number[] = [];
  let i = 0;
  // YAML front matter.
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, k) => k > 0 && l.trim() === '---');
    if (end > 0) i = end + 1;
  }
  let inDirective = false;
  let started = false;
  for (; i < lines.length; i++) {
    const t = lines[i].trim();
    if (inDirective) {
      if (t.includes('}%%')) inDirective = false;
      continue;
    }
    if (t.startsWith('%%{')) {
      if (!t.includes('}%%')) inDirective = true;
      continue;
    }
    if (t.startsWith('%%')) continue;
    if (!started && t === '') continue;
    started = true;
    kept.push(i);
  }
  return kept;
}

/** Maps a 1-based line of mermaid's preprocessed text to a 0-based source line. */
function toSourceLine(source: string, preprocessedLine1: number): number {
  const kept = survivingLines(source);
  const at = kept[preprocessedLine1 - 1];
  const lines = source.split(/\r\n|\r|\n/);
  if (at !== undefined && lines[at].trim() !== '') return at;
  // Errors at end of input point past the text (or at a trailing blank line): blame the last line with text.
  const upTo = at ?? Number.MAX_SAFE_INTEGER;
  const withText = kept.filter((l) => l <= upTo && lines[l].trim() !== '');
  return withText.length ? withText[withText.length - 1] : (kept[0] ?? 0);
}

function firstLine(e: unknown): number | null {
  if (typeof e !== 'object' || e === null) return null;
  const err = e as { hash?: JisonHash; result?: { lexerErrors?: LangiumError[]; parserErrors?: LangiumError[] }; message?: string };
  const hash = err.hash;
  if (hash?.loc?.last_line !== undefined) return hash.loc.last_line;
  if (typeof hash?.line === 'number') return hash.line + 1;
  const langium = [...(err.result?.lexerErrors ?? []), ...(err.result?.parserErrors ?? [])];
  for (const l of langium) {
    const line = l.token?.startLine ?? l.line;
    if (typeof line === 'number' && line > 0) return line;
  }
  const m = /\bline (\d+)/i.exec(err.message ?? '');
  return m ? Number(m[1]) : null;
}

export function describeRenderError(e: unknown, source: string): { error: string; line: number | null } {
  const raw = e instanceof Error ? e.message : typeof e === 'string' ? e : 'Mermaid could not render this diagram';
  // Jison messages repeat the line in a caret excerpt; keep it, it shows the column. Cap very long messages.
  const capped = raw.length > 1500 ? raw.slice(0, 1500) + '…' : raw;
  // Mermaid's line numbers count its preprocessed text, not the file: the preview shows the file line instead.
  const error = withoutDiagramLines(capped);
  const line1 = firstLine(e);
  const line = line1 === null ? null : toSourceLine(source, line1);
  const mistake = findCommonMistake(source);
  if (mistake && (line === null || mistake.line <= line)) return { error: `${mistake.message}\n\nMermaid: ${error}`, line: mistake.line };
  return { error, line };
}
