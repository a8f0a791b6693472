// The example rows of the table snippets (snippets/markdown.json: dn-capacity, dn-api, dn-datamodel…). Inserted and
// left as they are, they are the snippet's text, not the writer's: a section holding only such a table is not
// written yet. Read from the snippet file itself, so a snippet edited there is recognised without a second copy.
import snippetFile from '../../snippets/markdown.json';

interface SnippetJson {
  prefix: string | string[];
  body: string | string[];
}

/** One example row: a pattern per cell, and the snippet it comes from (its first prefix, what the user typed). */
interface ExampleRow {
  cells: RegExp[];
  snippet: string;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Literal snippet text as a pattern: runs of spaces match any spaces (a formatter may align the columns). */
const literal = (s: string) => escapeRegExp(s).replace(/\s+/g, '\\s*');

/**
 * A snippet row's cells as patterns. Tab stops match their default text (`${1:10 million}`), choices any of their
 * options (`${1|GET,POST|}`), variables and bare tab stops anything in a cell. Cells are split at the row's own `|`
 * (a choice's `|` belongs to the choice).
 */
function rowPattern(row: string): RegExp[] {
  const cells: string[] = [''];
  const token =
    /\\(.)|\$\{(\d+):((?:[^}\\]|\\.)*)\}|\$\{(\d+)\|((?:[^|\\]|\\.)*)\|\}|\$\{?(\d+|[A-Z_]+)\}?|(\|)|([^\\$|]+|\$)/g;
  let m: RegExpExecArray | null;
  while ((m = token.exec(row))) {
    const [, escaped, , placeholder, , choices, anything, pipe, text] = m;
    if (pipe) cells.push('');
    else if (escaped !== undefined) cells[cells.length - 1] += literal(escaped);
    else if (placeholder !== undefined) cells[cells.length - 1] += literal(placeholder.replace(/\\(.)/g, '$1'));
    else if (choices !== undefined)
      cells[cells.length - 1] += `(?:${choices
        .split(/(?<!\\),/)
        .map((c) => literal(c.replace(/\\(.)/g, '$1')))
        .join('|')})`;
    else if (anything !== undefined) cells[cells.length - 1] += '[^|]*';
    else cells[cells.length - 1] += literal(text ?? '');
  }
  // "| a | b |": the text before the first and after the last pipe is not a cell.
  const inner = cells.slice(row.trimStart().startsWith('|') ? 1 : 0, row.trimEnd().endsWith('|') ? -1 : undefined);
  return inner.map((c) => new RegExp(`^\\s*${c}\\s*$`));
}

const isTableRow = (line: string) => line.trimStart().startsWith('|');
const isDelimiterRow = (line: string) => /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(line);

function exampleRows(file: Record<string, SnippetJson>): ExampleRow[] {
  const out: ExampleRow[] = [];
  for (const snippet of Object.values(file)) {
    const body = Array.isArray(snippet.body) ? snippet.body : snippet.body.split('\n');
    const name = Array.isArray(snippet.prefix) ? snippet.prefix[0] : snippet.prefix;
    let inBody = false;
    for (const line of body) {
      if (!isTableRow(line)) inBody = false;
      else if (isDelimiterRow(line)) inBody = true;
      else if (inBody) out.push({ cells: rowPattern(line), snippet: name });
    }
  }
  return out;
}

const EXAMPLE_ROWS = exampleRows(snippetFile as Record<string, SnippetJson>);

/**
 * The snippet whose example row this is, cell for cell (the cells' text as written, without the pipes), or
 * undefined when the row is the writer's own.
 */
export function snippetOfExampleRow(cells: readonly string[]): string | undefined {
  return EXAMPLE_ROWS.find((r) => r.cells.length === cells.length && r.cells.every((re, i) => re.test(cells[i])))
    ?.snippet;
}
