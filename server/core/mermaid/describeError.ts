// Turns whatever mermaid threw into short, precisely placed problems. Mermaid has three error families:
// - Jison grammars (flowchart, sequence, class, state, ER, gantt, C4, mindmap, block, …): an Error with `hash`
//   {text, token, line, loc, expected}; `loc` is the last token parsed, the offending one (`text`) follows it.
//   "Lexical error" variants carry only a line and a caret excerpt in the message.
// - Langium grammars (pie, gitGraph, architecture, packet, radar, treemap, …): MermaidParseError with
//   `result.lexerErrors` (offset/length) and `result.parserErrors` (token offsets), several at once.
// - Others without a position: unknown diagram type, YAML front-matter errors (with `mark`), database checks.
// Positions refer to the preprocessed text mermaid parsed; positionMap.ts maps them back to the block.
import type { MermaidProblem } from '../rule';
import type { Range } from '../types';
import { withoutDiagramLines } from '../../../common/mermaid/errorText';
import { findCommonMistake, firstContentLine } from './commonMistakes';
import { suggestDiagramTypes } from './diagramTypes';
import { createPositionMapper, type PositionMapper } from './positionMap';

export interface FailureInput {
  /** The block as written. */
  text: string;
  error: unknown;
  /** What the diagram parser saw (see mermaidRuntime.ts), when a diagram type was detected. */
  parsedText?: string;
  frontmatterLineOffset: number;
}

interface JisonHash {
  text?: string;
  token?: string | number;
  line?: number;
  loc?: { first_line: number; last_line: number; first_column: number; last_column: number };
  expected?: string[];
}
interface LangiumToken {
  image: string;
  startOffset: number;
  startLine?: number;
  startColumn?: number;
  tokenType?: { name?: string };
}
interface LangiumResult {
  lexerErrors?: { message: string; offset: number; length: number; line?: number; column?: number }[];
  parserErrors?: { message: string; token: LangiumToken }[];
}

const MAX_DETAIL = 2000;

function lineContentRange(lines: readonly string[], line: number): Range {
  const text = lines[line] ?? '';
  const start = text.length - text.trimStart().length;
  const end = Math.max(start, text.trimEnd().length);
  return { start: { line, character: start }, end: { line, character: end } };
}

/** Mermaid's message for the details, without its diagram-relative line numbers (the range gives the file line). */
function detailOf(error: unknown): string {
  const message = withoutDiagramLines(error instanceof Error ? error.message : String(error));
  return message.length > MAX_DETAIL ? message.slice(0, MAX_DETAIL) + '…' : message;
}

function quoted(found: string): string {
  return `'${found.length > 30 ? found.slice(0, 30) + '…' : found}'`;
}

// ---- Friendly names for grammar tokens -------------------------------------------------------------------------

const TOKEN_LABELS: Record<string, string> = {
  NODE_STRING: 'a node',
  LINK: "a link such as '-->'",
  START_LINK: "a link such as '-->'",
  ACTOR: 'a participant',
  TXT: "a message (': text')",
  SQE: "']'",
  SQS: "'['",
  PE: "')'",
  PS: "'('",
  DIAMOND_STOP: "'}'",
  STADIUMEND: "'])'",
  SUBROUTINEEND: "']]'",
  CYLINDEREND: "')]'",
  DOUBLECIRCLEEND: "')))'",
  TRAPEND: "'/]'",
  INVTRAPEND: "'\\]'",
  TAGEND: "'>'",
  PIPE: "'|'",
  COLON: "':'",
  SEMI: "';'",
  COMMA: "','",
  STR: 'a quoted string',
  STRING: 'a quoted string',
  qString: 'a quoted string',
  MD_STR: 'a quoted string',
  EDGE_TEXT: 'link text',
  STRUCT_START: "'{'",
  STRUCT_STOP: "'}'",
  ENTITY_NAME: 'an entity name',
  taskData: "task details (': …')",
  NODE_DEND: 'the closing bracket of the node',
  ID: 'a name',
  REFERENCE: 'a name',
  NEWLINE: 'a line break',
  NL: 'a line break',
  EOF: 'the end of the diagram',
  end: "'end'",
  INT: 'a number',
  NUM: 'a number',
  NUMBER: 'a number',
  NUMBER_PIE: 'a number',
  DECIMAL_NUM: 'a number',
  ARROW: "an arrow such as '->>'",
  SOLID_ARROW: "'->>'",
  DQUOTE: "'\"'",
  SQUARE_BRACES_END: "']'",
  SQUARE_BRACES_START: "'['",
  STRING2: 'a quoted string',
  PLAIN_STRING: 'a quoted string',
  IDENTIFIER: 'a name',
  SPACELIST: 'an indented line',
  SPACELINE: 'a blank line',
};

/** Tokens that only make sense as "more of a node name" in flowcharts; listed expectations get noisy with them. */
const NODE_TEXT_FRAGMENTS = new Set([
  'AMP',
  'COLON',
  'TESTSTR',
  'DOWN',
  'DEFAULT',
  'NUM',
  'COMMA',
  'BRKT',
  'MINUS',
  'MULT',
  'UNICODE_TEXT',
  'PIPE',
  'PUNCTUATION',
  'ALPHA',
  'TEXT',
  'TAGSTART',
  'SPACE',
  'STYLE_SEPARATOR',
  'PLUS',
  'EQUALS',
]);

function tokenLabel(token: string): string {
  const bare = token.replace(/^'(.*)'$/s, '$1');
  if (TOKEN_LABELS[bare]) return TOKEN_LABELS[bare];
  // Literal punctuation tokens ('+', '-)', '()') read best as themselves.
  if (!/[A-Za-z]/.test(bare)) return `'${bare}'`;
  if (/^[A-Z0-9_]+$/.test(bare)) return bare.toLowerCase().replace(/_/g, ' ');
  return `'${bare}'`;
}

/** Tokens that say little on their own; listed only when nothing better is expected. */
const LOW_VALUE = new Set(['SPACE', 'UNICODE_TEXT', 'TEXT', 'WS', 'INVALID']);

function expectedPhrase(tokens: string[]): string {
  const bare = tokens.map((t) => t.replace(/^'(.*)'$/s, '$1'));
  const hasNode = bare.includes('NODE_STRING');
  const known: string[] = [];
  const other: string[] = [];
  const low: string[] = [];
  for (const token of bare) {
    if (hasNode && NODE_TEXT_FRAGMENTS.has(token)) continue;
    const label = tokenLabel(token);
    const bucket = TOKEN_LABELS[token] ? known : LOW_VALUE.has(token) ? low : other;
    if (!known.includes(label) && !other.includes(label) && !low.includes(label)) bucket.push(label);
  }
  const labels = known.length + other.length ? [...known, ...other] : low;
  if (labels.length === 0) return 'something else';
  const shown = labels.slice(0, 3);
  if (labels.length > shown.length) return `${shown.join(', ')}, …`;
  if (shown.length === 1) return shown[0];
  return `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

// ---- Range helpers on the parsed text --------------------------------------------------------------------------

function isBlank(s: string): boolean {
  return s.trim() === '';
}

/** The run of non-blank characters ending just before `offset` (what came right before a missing piece). */
function previousWord(parsed: string, offset: number): [number, number] | undefined {
  let end = Math.min(offset, parsed.length);
  while (end > 0 && /\s/.test(parsed[end - 1])) end--;
  if (end === 0) return undefined;
  let start = end;
  while (start > 0 && !/\s/.test(parsed[start - 1])) start--;
  return [start, end];
}

/** The run of non-blank characters starting at or after `offset`, on the same line. */
function nextWord(parsed: string, offset: number): [number, number] | undefined {
  let start = offset;
  while (start < parsed.length && (parsed[start] === ' ' || parsed[start] === '\t')) start++;
  if (start >= parsed.length || parsed[start] === '\n') return undefined;
  let end = start;
  while (end < parsed.length && !/\s/.test(parsed[end])) end++;
  return [start, end];
}

/** Whether brackets or double quotes in `text` do not pair up (an unclosed node shape or string). */
function isUnbalanced(text: string): boolean {
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  return count(/"/g) % 2 === 1 || count(/[[({]/g) !== count(/[\])}]/g);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

function offsetOf(starts: number[], text: string, line: number, column: number): number {
  const l = Math.max(0, Math.min(line, starts.length - 1));
  return Math.min(starts[l] + Math.max(0, column), text.length);
}

function mapRange(mapper: PositionMapper, start: number, end: number): Range {
  const s = mapper.at(start);
  let e = mapper.at(Math.max(start, end));
  // A token mapped onto two lines (it swallowed a line break): keep the squiggle on its first line.
  if (e.line !== s.line) e = { line: s.line, character: mapper.originalLines[s.line]?.trimEnd().length ?? s.character };
  if (e.character < s.character) e = { line: s.line, character: s.character };
  return { start: s, end: e };
}

// ---- Jison ------------------------------------------------------------------------------------------------------

function describeJison(parsed: string, mapper: PositionMapper, hash: JisonHash, message: string): MermaidProblem {
  const starts = lineStarts(parsed);
  const token = hash.token;
  const rawText = hash.text ?? '';
  const found = rawText.trim();
  const isEnd = token === 1 || token === 'EOF' || token === '$end';
  const isLineBreak = !isEnd && found === '' && /\n/.test(rawText);
  const loc = hash.loc;
  const after = loc ? offsetOf(starts, parsed, loc.last_line - 1, loc.last_column) : 0;
  const lastParsed = loc ? offsetOf(starts, parsed, loc.first_line - 1, loc.first_column) : 0;

  let span: [number, number] | undefined;
  let foundPhrase: string;
  if (isEnd || (found === '' && !isLineBreak)) {
    foundPhrase = isEnd ? 'the end of the diagram' : 'an unfinished token';
    // Nothing to point at after the end: mark what came last. When the last token ran to the end (an unclosed
    // bracket or quote swallowed the rest), that is where it started, from the start of its word to its line's end.
    span = isEnd ? previousWord(parsed, parsed.length) : (nextWord(parsed, lastParsed) ?? previousWord(parsed, after));
    if (isEnd && loc && loc.last_line > loc.first_line) {
      let start = lastParsed;
      while (start > 0 && !/\s/.test(parsed[start - 1])) start--;
      const lineEnd = parsed.indexOf('\n', start) < 0 ? parsed.length : parsed.indexOf('\n', start);
      let end = lineEnd;
      while (end > start && /\s/.test(parsed[end - 1])) end--;
      if (end > start && isUnbalanced(parsed.slice(start, end))) span = [start, end];
    }
  } else if (isLineBreak) {
    foundPhrase = 'the end of the line';
    if (loc && loc.first_line === loc.last_line && after > lastParsed) span = [lastParsed, after];
    else span = previousWord(parsed, after);
    // Trim surrounding blanks of the last parsed token.
    if (span) {
      while (span[0] < span[1] && /\s/.test(parsed[span[0]])) span[0]++;
      while (span[1] > span[0] && /\s/.test(parsed[span[1] - 1])) span[1]--;
    }
  } else {
    foundPhrase = quoted(found.split('\n')[0]);
    const firstLine = found.split('\n')[0];
    let at = parsed.indexOf(firstLine, after);
    if (at < 0 || at - after > 200) at = parsed.indexOf(firstLine, lastParsed);
    span = at >= 0 ? [at, at + firstLine.length] : nextWord(parsed, after);
  }
  const range = span ? mapRange(mapper, span[0], span[1]) : mapRange(mapper, after, after);
  const expected = hash.expected?.length ? expectedPhrase(hash.expected) : undefined;
  const short = /^Lexical error/.test(message)
    ? `Unrecognized text ${foundPhrase}`
    : expected
      ? `Expected ${expected} but found ${foundPhrase}`
      : message.split('\n')[0];
  return { kind: 'syntax', range, message: short, detail: detailOf(message) };
}

/** "Lexical error on line N. Unrecognized text.\n<excerpt>\n---^": the column is only in the caret excerpt. */
function describeLexical(parsed: string, mapper: PositionMapper, line: number, message: string): MermaidProblem {
  const starts = lineStarts(parsed);
  const lines = message.split('\n');
  const excerpt = lines[1] ?? '';
  const caret = (lines[2] ?? '').indexOf('^');
  const upcoming = caret >= 0 ? excerpt.slice(caret).replace(/^\.\.\./, '') : '';
  const lineStart = starts[Math.max(0, Math.min(line, starts.length - 1))];
  const lineEnd = parsed.indexOf('\n', lineStart) < 0 ? parsed.length : parsed.indexOf('\n', lineStart);
  let at = -1;
  const probe = upcoming.slice(0, Math.max(1, Math.min(upcoming.length, 8)));
  if (probe) {
    for (let c = lineStart; c <= lineEnd; c++) {
      if (parsed.slice(c).replace(/\n/g, '').startsWith(probe)) {
        at = c;
        break;
      }
    }
  }
  const span = at >= 0 ? (nextWord(parsed, at) ?? [at, at + 1]) : [lineStart, lineEnd];
  const text = parsed.slice(span[0], span[1]);
  return {
    kind: 'syntax',
    range: mapRange(mapper, span[0], span[1]),
    message: text.trim() ? `Unrecognized text ${quoted(text.trim())}` : 'Unrecognized text',
    detail: detailOf(message),
  };
}

// ---- Langium ----------------------------------------------------------------------------------------------------

function langiumFound(image: string): string {
  if (image === '' || image === undefined) return 'the end of the diagram';
  if (isBlank(image)) return image.includes('\n') ? 'the end of the line' : 'a space';
  return quoted(image.trim());
}

function shortLangiumParserMessage(message: string, image: string): string {
  const single = /^Expecting token of type '([^']+)' but found/.exec(message);
  if (single) return `Expected ${tokenLabel(single[1])} but found ${langiumFound(image)}`;
  const alternatives =
    /^Expecting: (?:one of these possible Token sequences|expecting at least one iteration[^:]*):?([\s\S]*?)but found/i.exec(
      message,
    );
  if (alternatives) {
    const firsts = [...alternatives[1].matchAll(/\[([^\],]+)/g)].map((m) => m[1].trim());
    if (firsts.length) return `Expected ${expectedPhrase(firsts)} but found ${langiumFound(image)}`;
  }
  if (/^Expecting end of (?:file|input)/i.test(message))
    return `Expected the end of the diagram but found ${langiumFound(image)}`;
  if (/^Expecting/.test(message)) return `Unexpected ${langiumFound(image)}`;
  return message.split('\n')[0];
}

function describeLangium(
  parsed: string,
  mapper: PositionMapper,
  result: LangiumResult,
  message: string,
): MermaidProblem[] {
  const problems: MermaidProblem[] = [];
  const seen = new Set<string>();
  const push = (problem: MermaidProblem) => {
    const key = `${problem.range.start.line}:${problem.range.start.character}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push(problem);
  };
  for (const e of result.lexerErrors ?? []) {
    const start = e.offset;
    const end = start + Math.max(1, e.length);
    const ch = parsed.slice(start, end);
    const what = ch.length > 1 ? 'text' : 'character';
    push({
      kind: 'syntax',
      range: mapRange(mapper, start, end),
      message: `Unexpected ${what} ${quoted(ch)}`,
      detail: detailOf(message),
    });
  }
  for (const e of result.parserErrors ?? []) {
    const token = e.token;
    const image = token.image ?? '';
    let span: [number, number] | undefined;
    const offset = Number.isFinite(token.startOffset) && token.startOffset >= 0 ? token.startOffset : -1;
    if (offset < 0 || image === '' || isBlank(image)) {
      // End of input (offset -1/NaN) or a line break: mark what came before it.
      span = previousWord(parsed, offset < 0 ? parsed.length : offset);
    } else {
      span = [offset, offset + image.length];
    }
    const range = span ? mapRange(mapper, span[0], span[1]) : mapRange(mapper, 0, 0);
    push({
      kind: 'syntax',
      range,
      message: shortLangiumParserMessage(e.message, offset < 0 ? '' : image),
      detail: detailOf(message),
    });
  }
  return problems;
}

/** Chevrotain-based parsers that report "… at line L, column C [start,end)" (offsets in the parsed text). */
function describeOffsetSpan(
  parsed: string,
  mapper: PositionMapper,
  inner: string,
  start: number,
  end: number,
  message: string,
): MermaidProblem {
  const image = parsed.slice(start, end);
  const span = isBlank(image) ? previousWord(parsed, start) : ([start, end] as [number, number]);
  const range = span ? mapRange(mapper, span[0], span[1]) : mapRange(mapper, start, start);
  return { kind: 'syntax', range, message: shortLangiumParserMessage(inner, image), detail: detailOf(message) };
}

// ---- Entry point -------------------------------------------------------------------------------------------------

export function describeFailure(input: FailureInput): MermaidProblem[] {
  const problems = describeParserFailure(input);
  // A common mistake at or before where the parser noticed trouble is the culprit: mark it, in plain words, and keep
  // Mermaid's message in the details.
  const first = problems[0];
  if (!first || first.kind !== 'syntax') return problems;
  const mistake = findCommonMistake(input.text);
  if (!mistake || mistake.line > first.range.start.line) return problems;
  const range: Range = {
    start: { line: mistake.line, character: mistake.start },
    end: { line: mistake.line, character: mistake.end },
  };
  return [
    {
      kind: 'syntax',
      range,
      message: mistake.message,
      detail: `Mermaid: ${first.message}${first.detail ? `\n${first.detail}` : ''}`,
      ...(mistake.fix ? { fix: { ...mistake.fix, range } } : {}),
    },
  ];
}

function describeParserFailure(input: FailureInput): MermaidProblem[] {
  const { text, error } = input;
  const lines = text.split(/\r\n|\r|\n/);
  const header = firstContentLine(lines);
  const name = (error as { name?: string } | undefined)?.name ?? '';
  const message = error instanceof Error ? error.message : String(error);

  if (name === 'UnknownDiagramError' || /^No diagram type detected/.test(message)) {
    const headerText = lines[header] ?? '';
    const word = /\S+/.exec(headerText);
    const found = word ? word[0].replace(/[:;{].*$/, '') : '';
    const suggestions = suggestDiagramTypes(found);
    const range: Range = word
      ? { start: { line: header, character: word.index }, end: { line: header, character: word.index + found.length } }
      : lineContentRange(lines, header);
    const known = found ? `Unknown diagram type ${quoted(found)}` : 'No diagram type found';
    return [
      {
        kind: 'unknown-diagram',
        range,
        message: suggestions.length ? `${known}; did you mean ${quoted(suggestions[0])}?` : known,
        detail: detailOf(error),
        suggestions,
      },
    ];
  }

  const mark = (error as { mark?: { line?: number; column?: number } } | undefined)?.mark;
  if (name === 'YAMLException' || (mark && typeof mark.line === 'number')) {
    // The YAML body starts on the line after the opening `---`. At the end of the stream (an unclosed quote or
    // bracket) the mark sits on the closing `---`: point at the last YAML line instead.
    const close = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
    let line = Math.min(lines.length - 1, (mark?.line ?? 0) + 1);
    if (close > 0 && line >= close) {
      line = close - 1;
      while (line > 1 && !lines[line].trim()) line--;
    }
    const range = lineContentRange(lines, line);
    return [
      {
        kind: 'syntax',
        range,
        message: `Invalid front matter: ${message.split('\n')[0].replace(/\s*\(\d+:\d+\)$/, '')}`,
        detail: detailOf(error),
      },
    ];
  }

  const parsed = input.parsedText;
  if (parsed !== undefined) {
    const mapper = createPositionMapper(text, parsed, input.frontmatterLineOffset);
    const result = (error as { result?: LangiumResult } | undefined)?.result;
    if (result && (result.lexerErrors?.length || result.parserErrors?.length)) {
      const problems = describeLangium(parsed, mapper, result, message);
      if (problems.length) return problems;
    }
    const span = /^(?:Error parsing \w+ diagram: )?([\s\S]*?) at line \d+, column \d+ \[(\d+),(\d+)\)\s*$/.exec(
      message,
    );
    if (span) return [describeOffsetSpan(parsed, mapper, span[1], Number(span[2]), Number(span[3]), message)];
    const hash = (error as { hash?: JisonHash } | undefined)?.hash;
    if (/^Lexical error on line \d+/.test(message)) {
      const line = hash?.line ?? Number(/^Lexical error on line (\d+)/.exec(message)?.[1] ?? 1) - 1;
      return [describeLexical(parsed, mapper, line, message)];
    }
    if (hash && (hash.loc || hash.token !== undefined)) return [describeJison(parsed, mapper, hash, message)];
  }

  // No position (database checks such as duplicate definitions, "---" without front matter, …): the header line.
  return [
    {
      kind: 'syntax',
      range: lineContentRange(lines, header),
      message: message.split('\n')[0] || 'Invalid diagram',
      detail: detailOf(error),
    },
  ];
}
