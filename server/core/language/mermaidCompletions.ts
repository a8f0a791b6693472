import type { LanguageDocument, LanguageFence } from './languageDocument';
import type { Position, Range } from '../types';
import { fenceContaining, isMermaidFence, lastContentLine } from './context';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionItemKindValue } from './types';

/** Diagram declarations offered on a diagram's first line: the common ones first, in the order people reach for them. */
export const DIAGRAM_TYPES: readonly { keyword: string; detail: string }[] = [
  { keyword: 'flowchart TD', detail: 'Flowchart, top to bottom (architecture, data flow)' },
  { keyword: 'flowchart LR', detail: 'Flowchart, left to right (architecture, pipelines)' },
  { keyword: 'sequenceDiagram', detail: 'Sequence diagram (request flows between components)' },
  { keyword: 'classDiagram', detail: 'Class diagram (domain model)' },
  { keyword: 'stateDiagram-v2', detail: 'State diagram (lifecycles, state machines)' },
  { keyword: 'erDiagram', detail: 'Entity-relationship diagram (data model)' },
  { keyword: 'C4Context', detail: 'C4 system context diagram' },
  { keyword: 'C4Container', detail: 'C4 container diagram' },
  { keyword: 'C4Component', detail: 'C4 component diagram' },
  { keyword: 'C4Deployment', detail: 'C4 deployment diagram' },
  { keyword: 'architecture-beta', detail: 'Architecture diagram (services, groups, icons)' },
  { keyword: 'block-beta', detail: 'Block diagram' },
  { keyword: 'gantt', detail: 'Gantt chart (rollout plans)' },
  { keyword: 'timeline', detail: 'Timeline' },
  { keyword: 'mindmap', detail: 'Mind map' },
  { keyword: 'journey', detail: 'User journey' },
  { keyword: 'pie', detail: 'Pie chart' },
  { keyword: 'quadrantChart', detail: 'Quadrant chart (trade-off comparison)' },
  { keyword: 'xychart-beta', detail: 'XY chart (capacity and load curves)' },
  { keyword: 'sankey-beta', detail: 'Sankey diagram (traffic split)' },
  { keyword: 'requirementDiagram', detail: 'Requirement diagram' },
  { keyword: 'gitGraph', detail: 'Git graph (branching strategy)' },
  { keyword: 'packet-beta', detail: 'Packet diagram (wire formats)' },
  { keyword: 'kanban', detail: 'Kanban board' },
  { keyword: 'graph TD', detail: 'Flowchart (legacy keyword), top to bottom' },
];

interface SnippetSpec {
  label: string;
  snippet: string;
  detail: string;
  kind?: CompletionItemKindValue;
}

/**
 * Flowchart components with the shapes architecture diagrams conventionally use: cylinders for data stores,
 * subroutine boxes for queues, stadiums for clients, hexagons for systems outside ours.
 */
export const FLOWCHART_COMPONENTS: readonly SnippetSpec[] = [
  { label: 'service', snippet: '${1:svc}[${2:Service}]', detail: 'Service: rectangle  id[Service]' },
  { label: 'database', snippet: '${1:db}[(${2:Database})]', detail: 'Database: cylinder  id[(Database)]' },
  { label: 'queue', snippet: '${1:queue}[[${2:Queue}]]', detail: 'Queue or topic: subroutine box  id[[Queue]]' },
  { label: 'queue (flag shape)', snippet: '${1:queue}>${2:Queue}]', detail: 'Queue: asymmetric flag  id>Queue]' },
  { label: 'cache', snippet: '${1:cache}[(${2:Cache})]', detail: 'Cache: cylinder  id[(Cache)]' },
  { label: 'client', snippet: '${1:client}([${2:Client}])', detail: 'Client app: stadium  id([Client])' },
  { label: 'user', snippet: '${1:user}((${2:User}))', detail: 'User or actor: circle  id((User))' },
  {
    label: 'load balancer',
    snippet: '${1:lb}[/${2:Load Balancer}\\\\]',
    detail: 'Load balancer: trapezoid  id[/Load Balancer\\]',
  },
  { label: 'cdn', snippet: '${1:cdn}[/${2:CDN}/]', detail: 'CDN or edge: parallelogram  id[/CDN/]' },
  { label: 'api gateway', snippet: '${1:gw}[${2:API Gateway}]', detail: 'API gateway: rectangle  id[API Gateway]' },
  {
    label: 'object storage',
    snippet: '${1:blob}[(${2:Object Storage})]',
    detail: 'Object or blob storage: cylinder  id[(Object Storage)]',
  },
  { label: 'worker', snippet: '${1:worker}[${2:Worker}]', detail: 'Background worker: rectangle  id[Worker]' },
  {
    label: 'external system',
    snippet: '${1:ext}{{${2:External System}}}',
    detail: 'External system: hexagon  id{{External}}',
  },
  { label: 'decision', snippet: '${1:check}{${2:Condition?}}', detail: 'Decision: rhombus  id{Condition?}' },
  {
    label: 'subgraph',
    snippet: 'subgraph ${1:zone}[${2:Zone}]\n  $0\nend',
    detail: 'Group of nodes (a tier, region or trust boundary)',
    kind: CompletionItemKind.Snippet,
  },
];

/** Edge syntax offered after a node: the arrow kinds and the two ways of labelling an edge. */
export const FLOWCHART_EDGES: readonly SnippetSpec[] = [
  { label: '-->', snippet: '--> ', detail: 'Arrow (synchronous call, data flow)' },
  { label: '-.->', snippet: '-.-> ', detail: 'Dotted arrow (asynchronous, optional, replication)' },
  { label: '==>', snippet: '==> ', detail: 'Thick arrow (main path, hot path)' },
  { label: '---', snippet: '--- ', detail: 'Line without arrow (association)' },
  { label: '-- label -->', snippet: '-- ${1:label} --> ', detail: 'Arrow with a label' },
  { label: '-->|label|', snippet: '-->|${1:label}| ', detail: 'Arrow with a label (pipe form)' },
];

export const SEQUENCE_STATEMENTS: readonly SnippetSpec[] = [
  {
    label: 'participant',
    snippet: 'participant ${1:A} as ${2:Service}',
    detail: 'Declare a participant with a display name',
  },
  { label: 'actor', snippet: 'actor ${1:U} as ${2:User}', detail: 'Declare a human actor' },
  { label: 'request ->>', snippet: '${1:A}->>${2:B}: ${3:request}', detail: 'Synchronous request (solid arrow)' },
  { label: 'response -->>', snippet: '${1:B}-->>${2:A}: ${3:response}', detail: 'Response (dotted arrow)' },
  { label: 'async -)', snippet: '${1:A}-)${2:B}: ${3:event}', detail: 'Asynchronous message (open arrow)' },
  { label: 'Note over', snippet: 'Note over ${1:A},${2:B}: ${3:note}', detail: 'Note spanning participants' },
  {
    label: 'alt',
    snippet: 'alt ${1:success}\n  $0\nelse ${2:failure}\nend',
    detail: 'Alternative paths',
    kind: CompletionItemKind.Snippet,
  },
  {
    label: 'loop',
    snippet: 'loop ${1:every 5 s}\n  $0\nend',
    detail: 'Repeated interaction',
    kind: CompletionItemKind.Snippet,
  },
  {
    label: 'opt',
    snippet: 'opt ${1:cache miss}\n  $0\nend',
    detail: 'Optional interaction',
    kind: CompletionItemKind.Snippet,
  },
  {
    label: 'par',
    snippet: 'par ${1:to A}\n  $0\nand ${2:to B}\nend',
    detail: 'Parallel interactions',
    kind: CompletionItemKind.Snippet,
  },
  { label: 'autonumber', snippet: 'autonumber', detail: 'Number every message' },
];

/** Words that start a flowchart statement which is not a node, so no edge may follow them directly. */
const FLOWCHART_KEYWORDS = new Set([
  'subgraph',
  'end',
  'direction',
  'classdef',
  'class',
  'style',
  'linkstyle',
  'click',
  'flowchart',
  'graph',
]);

export interface MermaidCompletionOptions {
  /** The document is a standalone .mmd file: the whole text is one diagram. */
  wholeFile?: boolean;
  /**
   * Whether the list was asked for (Ctrl+Space; LSP trigger kind 1, the default) rather than opened by a trigger
   * character such as the space after an arrow. Flowchart lists are offered only when asked for: a list that opens
   * by itself while someone types `api --> db` would take their Enter. (In .mmd files VS Code's quick suggestions
   * also ask with kind 1 as you type, so there components need an empty word; see flowchartCompletions.)
   */
  invoked?: boolean;
}

interface DiagramContext {
  /** First line of diagram content in the document. */
  firstLine: number;
  /** Last line of diagram content in the document. */
  lastLine: number;
}

function diagramAt(doc: LanguageDocument, line: number, options: MermaidCompletionOptions): DiagramContext | undefined {
  if (options.wholeFile) return { firstLine: 0, lastLine: doc.lines.length - 1 };
  const fence: LanguageFence | undefined = fenceContaining(doc, line);
  if (!fence || !isMermaidFence(fence)) return undefined;
  return { firstLine: fence.openLine + 1, lastLine: lastContentLine(doc, fence) };
}

/** The line holding the diagram declaration (after blank lines, %% comments and a --- front-matter block), or -1. */
function headerLine(lines: string[], from: number, to: number): number {
  let i = from;
  while (i <= to && /^\s*(%%.*)?$/.test(lines[i] ?? '')) i++;
  if (i <= to && (lines[i] ?? '').trim() === '---') {
    for (i++; i <= to && (lines[i] ?? '').trim() !== '---'; i++);
    i++;
    while (i <= to && /^\s*(%%.*)?$/.test(lines[i] ?? '')) i++;
  }
  return i <= to ? i : -1;
}

function snippetItems(
  specs: readonly SnippetSpec[],
  range: Range,
  defaultKind: CompletionItemKindValue,
): CompletionItem[] {
  return specs.map((s, i) => ({
    label: s.label,
    kind: s.kind ?? defaultKind,
    detail: s.detail,
    textEdit: { range, newText: s.snippet },
    insertTextFormat: InsertTextFormat.Snippet,
    sortText: String(i).padStart(4, '0'),
    filterText: s.label,
  }));
}

/** Whether the text has an unclosed bracket, pipe label or string: the cursor is inside a label. */
function insideLabel(text: string): boolean {
  let depth = 0;
  let pipes = 0;
  let quotes = 0;
  for (const ch of text) {
    if (ch === '"') quotes ^= 1;
    else if (quotes) continue;
    else if (ch === '[' || ch === '(' || ch === '{') depth++;
    else if (ch === ']' || ch === ')' || ch === '}') depth = Math.max(0, depth - 1);
    else if (ch === '|') pipes ^= 1;
  }
  return depth > 0 || pipes === 1 || quotes === 1;
}

/**
 * Completions inside a Mermaid diagram (a ```mermaid fence, or a whole .mmd file): diagram types on the declaration
 * line; in flowcharts, components with conventional shapes where a node can start and edge syntax after a node;
 * in sequence diagrams, the common statements.
 */
export function mermaidCompletions(
  doc: LanguageDocument,
  position: Position,
  options: MermaidCompletionOptions = {},
): CompletionItem[] {
  const diagram = diagramAt(doc, position.line, options);
  if (!diagram) return [];
  const lineText = doc.lines[position.line] ?? '';
  const before = lineText.slice(0, position.character);
  if (/^\s*%%/.test(before)) return [];
  const header = headerLine(doc.lines, diagram.firstLine, diagram.lastLine);

  // Declaration line: nothing but blank lines and comments above, and only a keyword being typed.
  if (header === -1 || header >= position.line) {
    if (header !== -1 && header > position.line) return []; // inside front matter or above the declaration
    const m = /^(\s*)([\w-]*)$/.exec(before);
    if (!m) return [];
    const range = {
      start: { line: position.line, character: m[1].length },
      end: {
        line: position.line,
        character: lineText.trimEnd().length > position.character ? lineText.trimEnd().length : position.character,
      },
    };
    return DIAGRAM_TYPES.map((t, i) => ({
      label: t.keyword,
      kind: CompletionItemKind.Keyword,
      detail: t.detail,
      textEdit: { range, newText: t.keyword },
      insertTextFormat: InsertTextFormat.PlainText,
      sortText: String(i).padStart(4, '0'),
      filterText: t.keyword,
    }));
  }

  const type = (doc.lines[header] ?? '').trim().split(/\s+/)[0] ?? '';
  if (insideLabel(before)) return [];
  if (/^(flowchart|graph|flowchart-elk)$/.test(type)) {
    if (options.invoked === false) return [];
    return flowchartCompletions(
      before,
      position,
      nodeIds(doc.lines, header + 1, diagram.lastLine, position.line),
      options.wholeFile === true,
    );
  }
  if (type === 'sequenceDiagram') {
    const m = /^(\s*)(\w*)$/.exec(before);
    if (!m) return [];
    const range = { start: { line: position.line, character: m[1].length }, end: position };
    return snippetItems(SEQUENCE_STATEMENTS, range, CompletionItemKind.Keyword);
  }
  return [];
}

/** Direction words of a flowchart declaration and subgraph, which are not node ids. */
const DIRECTIONS = new Set(['lr', 'rl', 'td', 'tb', 'bt']);

/**
 * The node ids a flowchart already uses (lines `from`..`to`, except the line being edited), in order of first use.
 * Labels, edge texts, strings and comments are removed first, so their words are not taken for ids.
 */
export function nodeIds(lines: readonly string[], from: number, to: number, skipLine = -1): string[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (let l = from; l <= to; l++) {
    if (l === skipLine) continue;
    const text = (lines[l] ?? '')
      .replace(/%%.*$/, '')
      .replace(/"[^"]*"/g, ' ')
      .replace(/\|[^|]*\|/g, ' ')
      .replace(/(--|==|-\.)\s[^->=]*?\s*(-->|==>|\.->|---)/g, ' $2 ')
      .replace(/(?<=\w)>[^\]]*\]/g, ' ')
      .replace(/[[({][^\])}]*[\])}]+/g, ' ');
    const words = text
      .trim()
      .split(/[^\w-]+|-{2,}|-\.|={2,}/)
      .filter(Boolean);
    const first = words[0]?.toLowerCase();
    if (
      first &&
      (first === 'classdef' ||
        first === 'style' ||
        first === 'linkstyle' ||
        first === 'click' ||
        first === 'class' ||
        first === 'direction')
    )
      continue;
    for (const w of words) {
      const lower = w.toLowerCase();
      if (!/^[A-Za-z_]/.test(w) || FLOWCHART_KEYWORDS.has(lower) || DIRECTIONS.has(lower) || seen.has(w)) continue;
      seen.add(w);
      ids.push(w);
    }
  }
  return ids;
}

function flowchartCompletions(
  before: string,
  position: Position,
  ids: readonly string[],
  wholeFile: boolean,
): CompletionItem[] {
  // Where a node can start: at the start of a statement, or after an arrow (with or without a label).
  const nodeStart = /(?:^\s*|(?:-->|---|-\.->|-\.-|==>|===|--[ox]|\|[^|]*\||&)\s*)([\w-]*)$/.exec(before);
  if (nodeStart) {
    const firstWord = before.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
    if (!(firstWord && FLOWCHART_KEYWORDS.has(firstWord) && before.trim() !== firstWord)) {
      const partial = nodeStart[1];
      const range = { start: { line: position.line, character: position.character - partial.length }, end: position };
      // The diagram's own nodes first, as plain text: connecting to an existing node is what one usually types.
      // The id already typed in full is left out, so accepting the list can never be the only thing Enter does.
      const existing: CompletionItem[] = ids
        .filter((id) => id !== partial)
        .map((id, i) => ({
          label: id,
          kind: CompletionItemKind.Reference,
          detail: 'Node in this diagram',
          textEdit: { range, newText: id },
          insertTextFormat: InsertTextFormat.PlainText,
          sortText: `0${String(i).padStart(4, '0')}`,
          filterText: id,
        }));
      // New components (snippets with a shape) when asked for. In a .mmd file quick suggestions ask as you type, so
      // there only on an empty word: `db` + Enter must stay `db` and a new line.
      if (wholeFile && partial) return existing;
      const components = snippetItems(FLOWCHART_COMPONENTS, range, CompletionItemKind.Struct).map((item) => ({
        ...item,
        sortText: `1${item.sortText}`,
      }));
      return [...existing, ...components];
    }
  }
  // After a node (an id, optionally with its shape) and a space: the edge.
  if (/\s$/.test(before)) {
    const trimmed = before.trimEnd();
    const firstWord = trimmed.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
    const endsWithNode =
      /(?:^|[\s&>|-])[A-Za-z_][\w]*(?:\[.*\]|\(.*\)|\{.*\}|>.*\])?$/.test(trimmed) &&
      !/(-->|---|-\.->|==>|===|-\.-)$/.test(trimmed);
    if (endsWithNode && !FLOWCHART_KEYWORDS.has(firstWord)) {
      return snippetItems(FLOWCHART_EDGES, { start: position, end: position }, CompletionItemKind.Operator);
    }
  }
  return [];
}
