// A strict parser for VS Code / TextMate snippet syntax, for tests: it accepts what VS Code's SnippetParser accepts
// as structure (tab stops, placeholders, choices, variables, escapes) but throws where VS Code would silently insert
// a malformed construct as text, so a typo in a snippet file fails a test instead of confusing a user.
// Grammar: https://code.visualstudio.com/docs/editor/userdefinedsnippets#_grammar

export type SnippetNode =
  | { type: 'text'; value: string }
  | { type: 'tabstop'; index: number }
  | { type: 'placeholder'; index: number; children: SnippetNode[] }
  | { type: 'choice'; index: number; options: string[] }
  | { type: 'variable'; name: string; children?: SnippetNode[]; transform?: string };

/** Variables VS Code resolves in snippets. */
export const KNOWN_VARIABLES = new Set([
  'TM_SELECTED_TEXT', 'TM_CURRENT_LINE', 'TM_CURRENT_WORD', 'TM_LINE_INDEX', 'TM_LINE_NUMBER', 'TM_FILENAME', 'TM_FILENAME_BASE',
  'TM_DIRECTORY', 'TM_FILEPATH', 'RELATIVE_FILEPATH', 'CLIPBOARD', 'WORKSPACE_NAME', 'WORKSPACE_FOLDER', 'CURSOR_INDEX', 'CURSOR_NUMBER',
  'CURRENT_YEAR', 'CURRENT_YEAR_SHORT', 'CURRENT_MONTH', 'CURRENT_MONTH_NAME', 'CURRENT_MONTH_NAME_SHORT', 'CURRENT_DATE',
  'CURRENT_DAY_NAME', 'CURRENT_DAY_NAME_SHORT', 'CURRENT_HOUR', 'CURRENT_MINUTE', 'CURRENT_SECOND', 'CURRENT_SECONDS_UNIX',
  'CURRENT_TIMEZONE_OFFSET', 'RANDOM', 'RANDOM_HEX', 'UUID', 'BLOCK_COMMENT_START', 'BLOCK_COMMENT_END', 'LINE_COMMENT',
]);

export class SnippetSyntaxError extends Error {}

export function parseSnippet(source: string): SnippetNode[] {
  let pos = 0;
  const fail = (message: string): never => {
    throw new SnippetSyntaxError(`${message} at offset ${pos}: …${source.slice(Math.max(0, pos - 20), pos + 20)}…`);
  };

  /** Text until a `$` or (inside a placeholder) an unescaped `}`; escapes \$ \} \\ become the character. */
  function text(inside: boolean): string {
    let out = '';
    while (pos < source.length) {
      const ch = source[pos];
      if (ch === '\\' && pos + 1 < source.length && '$}\\'.includes(source[pos + 1])) {
        out += source[pos + 1];
        pos += 2;
      } else if (ch === '$' || (inside && ch === '}')) break;
      else {
        out += ch;
        pos++;
      }
    }
    return out;
  }

  function int(): number | undefined {
    const m = /^\d+/.exec(source.slice(pos));
    if (!m) return undefined;
    pos += m[0].length;
    return Number(m[0]);
  }

  function name(): string | undefined {
    const m = /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(source.slice(pos));
    if (!m) return undefined;
    pos += m[0].length;
    return m[0];
  }

  function dollar(): SnippetNode {
    pos++; // $
    if (source[pos] !== '{') {
      const index = int();
      if (index !== undefined) return { type: 'tabstop', index };
      const v = name();
      if (v !== undefined) return { type: 'variable', name: v };
      return fail('"$" must start a tab stop or variable (write \\$ for a literal dollar)');
    }
    pos++; // {
    const index = int();
    if (index !== undefined) {
      if (source[pos] === '}') {
        pos++;
        return { type: 'tabstop', index };
      }
      if (source[pos] === ':') {
        pos++;
        const children = sequence(true);
        if (source[pos] !== '}') fail('unclosed placeholder');
        pos++;
        return { type: 'placeholder', index, children };
      }
      if (source[pos] === '|') {
        pos++;
        const options: string[] = [];
        let current = '';
        for (;;) {
          if (pos >= source.length) fail('unclosed choice');
          const ch = source[pos];
          if (ch === '\\' && ',|\\$}'.includes(source[pos + 1] ?? '')) {
            current += source[pos + 1];
            pos += 2;
          } else if (ch === ',') {
            options.push(current);
            current = '';
            pos++;
          } else if (ch === '|') {
            options.push(current);
            pos++;
            if (source[pos] !== '}') fail('a choice must end with "|}"');
            pos++;
            if (options.some((o) => o === '')) fail('empty choice option');
            return { type: 'choice', index, options };
          } else {
            current += ch;
            pos++;
          }
        }
      }
      return fail('expected "}", ":" or "|" after a tab stop number');
    }
    const v = name();
    if (v === undefined) return fail('"${" must be followed by a number or a variable name');
    if (source[pos] === '}') {
      pos++;
      return { type: 'variable', name: v };
    }
    if (source[pos] === ':') {
      pos++;
      const children = sequence(true);
      if (source[pos] !== '}') fail('unclosed variable default');
      pos++;
      return { type: 'variable', name: v, children };
    }
    if (source[pos] === '/') {
      const end = source.indexOf('}', pos);
      if (end < 0) fail('unclosed variable transform');
      const transform = source.slice(pos, end);
      if ((transform.match(/(?<!\\)\//g) ?? []).length !== 3) fail('a transform needs /regex/format/options');
      pos = end + 1;
      return { type: 'variable', name: v, transform };
    }
    return fail('expected "}", ":" or "/" after a variable name');
  }

  function sequence(inside: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    while (pos < source.length) {
      if (source[pos] === '$') nodes.push(dollar());
      else if (inside && source[pos] === '}') break;
      else {
        const value = text(inside);
        if (value) nodes.push({ type: 'text', value });
      }
    }
    return nodes;
  }

  const nodes = sequence(false);
  if (pos !== source.length) fail('unexpected "}"');
  return nodes;
}

/** Tab stops that appear more than once must agree on their default (VS Code mirrors the first one). */
export function checkMirrors(nodes: SnippetNode[]): void {
  const defaults = new Map<number, string>();
  const visit = (list: SnippetNode[]) => {
    for (const n of list) {
      if (n.type === 'placeholder' || n.type === 'choice') {
        const value = n.type === 'choice' ? `|${n.options.join(',')}|` : JSON.stringify(n.children);
        const prev = defaults.get(n.index);
        if (prev !== undefined && prev !== value) throw new SnippetSyntaxError(`tab stop $${n.index} has two different defaults`);
        defaults.set(n.index, value);
      }
      if (n.type === 'placeholder') visit(n.children);
      if (n.type === 'variable' && n.children) visit(n.children);
    }
  };
  visit(nodes);
}

/**
 * The text VS Code would insert when every placeholder keeps its default and every choice its first option; `typed`
 * gives the text a user typed at some tab stops (it replaces the placeholder or choice there, and its mirrors).
 */
export function expandSnippet(nodes: SnippetNode[], variables: Record<string, string> = {}, typed: Record<number, string> = {}): string {
  const defaults = new Map<number, string>(Object.entries(typed).map(([k, v]) => [Number(k), v]));
  const render = (list: SnippetNode[]): string =>
    list
      .map((n) => {
        switch (n.type) {
          case 'text':
            return n.value;
          case 'tabstop':
            return defaults.get(n.index) ?? '';
          case 'placeholder': {
            if (n.index in typed) return typed[n.index];
            const value = render(n.children);
            if (!defaults.has(n.index)) defaults.set(n.index, value);
            return value;
          }
          case 'choice':
            if (n.index in typed) return typed[n.index];
            if (!defaults.has(n.index)) defaults.set(n.index, n.options[0]);
            return n.options[0];
          case 'variable':
            if (!KNOWN_VARIABLES.has(n.name)) throw new SnippetSyntaxError(`unknown variable $${n.name}`);
            return variables[n.name] ?? (n.children ? render(n.children) : '');
        }
        return '';
      })
      .join('');
  // Two passes, so a bare $1 before its placeholder still gets the default.
  render(nodes);
  return render(nodes);
}
