// The Mermaid mistakes learners make most, found in the block as written and said in plain words. Mermaid's parser
// notices an unclosed `{{` only where the text stops making sense (often a line or more later) and speaks in
// grammar tokens; this scan points at the culprit itself: the unclosed bracket or quote, the `subgraph` without
// `end`, `->` for `-->`, `end` used as a node id, parentheses inside an unquoted `[...]` label.
// Used by describeError.ts only: the preview shows what the server found (designNotes/documentDiagrams), so
// Problems and the preview name the same line and the same words.

/** A culprit on one line of the block (0-based line, character range), with a fix when the fix is clear. */
export interface CommonMistake {
  line: number;
  start: number;
  end: number;
  message: string;
  fix?: { title: string; newText: string };
}

/** Lines of the block that hold no diagram content: blank, `%%` comments and directives, front matter. */
export function firstContentLine(lines: readonly string[]): number {
  let i = 0;
  if (lines.length > 1 && lines[0].trim() === '---') {
    for (let j = 1; j < lines.length; j++) {
      if (lines[j].trim() === '---') {
        i = j + 1;
        break;
      }
    }
  }
  let inDirective = false;
  for (; i < lines.length; i++) {
    const t = lines[i].trim();
    if (inDirective) {
      if (t.includes('}%%')) inDirective = false;
      continue;
    }
    if (!t) continue;
    if (t.startsWith('%%{') && !t.includes('}%%')) {
      inDirective = true;
      continue;
    }
    if (t.startsWith('%%')) continue;
    return i;
  }
  return Math.max(0, Math.min(i, lines.length - 1));
}

const OPENERS: Record<string, string> = { '[': ']', '(': ')', '{': '}' };
const CLOSERS: Record<string, string> = { ']': '[', ')': '(', '}': '{' };

/** The closing text for an opening run such as `{{`, `[(` or `([`: `}}`, `)]`, `])`. */
function closerOf(run: string): string {
  return [...run]
    .reverse()
    .map((c) => OPENERS[c] ?? c)
    .join('');
}

/**
 * One line's unclosed quote or bracket, scanning as Mermaid reads a node: a quoted string hides brackets, a
 * closer pops its opener. Unmatched closers are ignored (the flag shape `id>text]` has one).
 */
function unclosedOn(line: string): Omit<CommonMistake, 'line'> | undefined {
  const stack: number[] = [];
  let quote = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote >= 0) {
      if (c === '"') quote = -1;
      continue;
    }
    if (c === '"') quote = i;
    else if (OPENERS[c]) stack.push(i);
    else if (CLOSERS[c] && stack.length && line[stack[stack.length - 1]] === CLOSERS[c]) stack.pop();
  }
  if (quote >= 0)
    return {
      start: quote,
      end: quote + 1,
      message: "Unclosed quote '\"': the text started here has no closing '\"' on this line.",
    };
  if (!stack.length) return undefined;
  // The whole opening run (`{{`, `[(`, `([`), even when a single closer matched its inner half: `{{Rate Limiter}`.
  const at = stack[0];
  let end = at;
  while (end < line.length && end - at < 3 && OPENERS[line[end]]) end++;
  const run = line.slice(at, end);
  return {
    start: at,
    end,
    message: `Unclosed '${run}': the shape opened here is never closed with '${closerOf(run)}'.`,
  };
}

/** The line with quoted strings, `[...]`/`(...)`/`{...}` label texts and `|...|` edge texts blanked (columns kept). */
function codeOf(line: string): string {
  return line
    .replace(/"[^"]*"/g, (m) => ' '.repeat(m.length))
    .replace(/\|[^|]*\|/g, (m) => ' '.repeat(m.length))
    .replace(/([[({])([^\])}]*)/g, (_m, open: string, inner: string) => open + ' '.repeat(inner.length));
}

const FLOWCHART = /^(flowchart|graph|flowchart-elk)\b/;

/**
 * The first common mistake in a flowchart block (`text` as written, block-relative lines), or undefined (also for
 * other diagram types). Callers use it only when Mermaid rejected the block, so a clean diagram is never second-guessed.
 */
export function findCommonMistake(text: string): CommonMistake | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  // The declaration may share its line with an init directive: `%%{init: …}%% flowchart TD`.
  const last = firstContentLine(lines);
  const header = lines.findIndex((l, i) => i <= last && FLOWCHART.test(l.replace(/%%\{.*?\}%%/g, '').trim()));
  if (header < 0) return undefined;
  const subgraphs: number[] = [];
  for (let l = header + 1; l < lines.length; l++) {
    const line = lines[l];
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('%%')) continue;
    if (/^subgraph\b/.test(trimmed)) subgraphs.push(l);
    else if (/^end\s*;?$/.test(trimmed)) {
      if (subgraphs.length) subgraphs.pop();
      else {
        const at = line.indexOf('end');
        return {
          line: l,
          start: at,
          end: at + 3,
          message:
            "'end' closes a subgraph, but no subgraph is open here; as a node id, 'end' is reserved: write 'End' or another name.",
        };
      }
      continue;
    }
    const unclosed = unclosedOn(line);
    if (unclosed) return { line: l, ...unclosed };
    // Parentheses inside an unquoted [...] label: Mermaid reads "(" as the start of a shape.
    const label = /[A-Za-z_][\w-]*\[(?![([/\\"])([^\]"]*[()][^\]"]*)\]/.exec(line);
    if (label) {
      const start = label.index + label[0].indexOf('[');
      const end = label.index + label[0].length;
      return {
        line: l,
        start,
        end,
        message: `Parentheses inside an unquoted label: Mermaid reads '(' as a shape. Quote the label: ["${label[1]}"].`,
        fix: { title: 'Quote the label', newText: `["${label[1]}"]` },
      };
    }
    const code = codeOf(line);
    const arrow = /(?<![-=.])->(?![>-])/.exec(code);
    if (arrow) {
      return {
        line: l,
        start: arrow.index,
        end: arrow.index + 2,
        message: "'->' is not a flowchart arrow: write '-->'.",
        fix: { title: "Change '->' to '-->'", newText: '-->' },
      };
    }
    const endNode =
      /(?:^\s*|(?:-->|---|-\.->|==>|&)\s*)(end)\b(?!\s*;?\s*$)/.exec(code) ??
      /(?:-->|---|-\.->|==>|&)\s*(end)\b/.exec(code);
    if (endNode) {
      const at = endNode.index + endNode[0].lastIndexOf('end');
      return {
        line: l,
        start: at,
        end: at + 3,
        message: "'end' is a reserved word in flowcharts and cannot be a node id: write 'End' or another name.",
        fix: { title: "Rename the node to 'End'", newText: 'End' },
      };
    }
  }
  if (subgraphs.length) {
    const l = subgraphs[subgraphs.length - 1];
    const at = lines[l].indexOf('subgraph');
    return {
      line: l,
      start: at,
      end: at + 'subgraph'.length,
      message: "'subgraph' is never closed: add a line 'end' after its nodes.",
    };
  }
  return undefined;
}
