// Glob matching for the `caseStudies` and `exclude` globs of .designnotes.json, in time bounded by the sizes of the
// glob and the path. The workspace writes these globs, so they are hostile input: picomatch turns a glob into one
// regular expression, and `**/*{/,}*{/,}*{/,}*{/,}*{/,}*{/,}*{/,}*b` (or `*a*a*/*a*a*b`) backtracked for minutes
// against one long folder name. Here braces are expanded first (to a bounded number of globs), each path segment is
// matched with the classic two-pointer wildcard algorithm (O(segment × name), no backtracking beyond the last `*`),
// and `**` segments with a table over path segments (O(glob segments × path segments)).
//
// Supported, as picomatch does: `*`, `?`, `[abc]` `[a-z]` `[^x]` classes, `\` escapes, `**` as a whole
// segment (any number of folders), `{a,b}` and `{1..3}` braces (nested), a leading `!` (negation), `dot` (whether
// wildcards match names starting with "."), `nocase`. Not supported: extglobs (`@(a|b)`, `+(…)`), which are matched
// as the literal characters.

export interface GlobOptions {
  /** Whether wildcards match names that start with "." (default false). */
  dot?: boolean;
  nocase?: boolean;
}

/** A glob expanding to more alternatives than this is refused (reported as a config error by loadConfig). */
export const MAX_BRACE_EXPANSIONS = 64;
/** Longer globs are refused: expansion and matching work grow with the glob's length. */
export const MAX_GLOB_LENGTH = 1_000;

type Token =
  | { kind: 'literal'; char: string }
  | { kind: 'any' }
  | { kind: 'star' }
  | { kind: 'class'; test: (c: string) => boolean };
type Segment = { globstar: true } | { globstar: false; tokens: Token[] };

interface Group {
  start: number;
  end: number;
  alternatives: string[];
}

/** The first brace group with alternatives (`{a,b}`) or a range (`{1..3}`), or undefined; `{x}` alone is literal. */
function firstGroup(glob: string, max: number): Group | undefined | 'too-many' {
  for (let i = 0; i < glob.length; i++) {
    if (glob[i] === '\\') {
      i++;
      continue;
    }
    if (glob[i] !== '{') continue;
    let depth = 0;
    const commas: number[] = [];
    let end = -1;
    for (let j = i; j < glob.length; j++) {
      const c = glob[j];
      if (c === '\\') {
        j++;
        continue;
      }
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        end = j;
        break;
      } else if (c === ',' && depth === 1) commas.push(j);
    }
    if (end < 0) return undefined;
    const body = glob.slice(i + 1, end);
    if (commas.length) {
      const alternatives: string[] = [];
      let from = i + 1;
      for (const c of [...commas, end]) {
        alternatives.push(glob.slice(from, c));
        from = c + 1;
      }
      return alternatives.length > max ? 'too-many' : { start: i, end, alternatives };
    }
    const range = /^(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])$/.exec(body);
    if (range) {
      const numeric = /\d/.test(range[1]) && /\d/.test(range[2]);
      if (!numeric && (/\d/.test(range[1]) || /\d/.test(range[2]))) continue;
      const a = numeric ? Number(range[1]) : range[1].charCodeAt(0);
      const b = numeric ? Number(range[2]) : range[2].charCodeAt(0);
      if (Math.abs(b - a) + 1 > max) return 'too-many';
      const alternatives: string[] = [];
      for (let v = a; a <= b ? v <= b : v >= b; v += a <= b ? 1 : -1)
        alternatives.push(numeric ? String(v) : String.fromCharCode(v));
      return { start: i, end, alternatives };
    }
    // A literal "{…}" (no comma, no range): look for a group after it.
  }
  return undefined;
}

/** Marks where a brace alternative began and ended in an expanded glob; matches nothing, is skipped when parsing. */
const BOUNDARY = '\u0000';

/** The globs `glob` stands for once its braces are expanded (alternatives fenced by BOUNDARY marks), or undefined when that is more than `max` (or the glob is too long). */
export function expandBraces(glob: string, max = MAX_BRACE_EXPANSIONS): string[] | undefined {
  if (glob.length > MAX_GLOB_LENGTH) return undefined;
  const out: string[] = [];
  const pending = [glob];
  // Every string taken from `pending` either is finished or adds its group's alternatives: bounding the strings
  // handled bounds the work, whatever the nesting.
  let handled = 0;
  while (pending.length) {
    if (++handled > max * 8) return undefined;
    const g = pending.pop()!;
    const group = firstGroup(g, max);
    if (group === 'too-many') return undefined;
    if (!group) {
      if (!out.includes(g)) out.push(g);
      if (out.length > max) return undefined;
      continue;
    }
    // The alternative is fenced with BOUNDARY marks so that it never merges with its neighbours into a different
    // glob: `*{,a}*` must stay one segment with two stars, not become the globstar `**`.
    for (let k = group.alternatives.length - 1; k >= 0; k--)
      pending.push(g.slice(0, group.start) + BOUNDARY + group.alternatives[k] + BOUNDARY + g.slice(group.end + 1));
  }
  return out;
}

const POSIX_CLASSES: Record<string, string> = {
  alnum: 'a-zA-Z0-9',
  alpha: 'a-zA-Z',
  digit: '0-9',
  lower: 'a-z',
  upper: 'A-Z',
  space: '\\s',
  word: '\\w',
  xdigit: 'a-fA-F0-9',
  punct: '!-/:-@[-`{-~',
  blank: ' \\t',
};

/** `[…]` at `at`: the class and the index after it, or undefined when it does not close (then "[" is literal). */
function parseClass(segment: string, at: number, nocase: boolean): { token: Token; next: number } | undefined {
  let i = at + 1;
  let negate = false;
  // `[^x]` negates; `[!x]` does not (picomatch 4 reads "!" literally there, and these globs were written for it).
  if (segment[i] === '^') {
    negate = true;
    i++;
  }
  let body = '';
  let first = true;
  for (; i < segment.length; i++) {
    const c = segment[i];
    if (c === ']' && !first) {
      let re: RegExp;
      try {
        re = new RegExp(`^[${negate ? '^' : ''}${body}]$`, nocase ? 'iu' : 'u');
      } catch {
        return undefined;
      }
      return { token: { kind: 'class', test: (ch) => ch !== '/' && re.test(ch) }, next: i + 1 };
    }
    first = false;
    if (c === '[' && segment[i + 1] === ':') {
      const close = segment.indexOf(':]', i + 2);
      const name = close > 0 ? segment.slice(i + 2, close) : '';
      if (POSIX_CLASSES[name]) {
        body += POSIX_CLASSES[name];
        i = close + 1;
        continue;
      }
    }
    if (c === '\\' && i + 1 < segment.length) {
      body += '\\' + segment[++i];
      continue;
    }
    // Characters that mean something inside a JS class are escaped; "-" keeps its range meaning.
    body += /[\]\\^[]/.test(c) ? `\\${c}` : c;
  }
  return undefined;
}

function parseSegment(segment: string, nocase: boolean): Segment {
  if (segment === '**') return { globstar: true };
  const tokens: Token[] = [];
  for (let i = 0; i < segment.length;) {
    const c = segment[i];
    if (c === BOUNDARY) {
      i++;
    } else if (c === '*') {
      // A run of stars inside a segment is one star (as in picomatch).
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
      i++;
    } else if (c === '?') {
      tokens.push({ kind: 'any' });
      i++;
    } else if (c === '[') {
      const cls = parseClass(segment, i, nocase);
      if (cls) {
        tokens.push(cls.token);
        i = cls.next;
      } else {
        tokens.push({ kind: 'literal', char: '[' });
        i++;
      }
    } else if (c === '\\' && i + 1 < segment.length) {
      tokens.push({ kind: 'literal', char: nocase ? segment[i + 1].toLowerCase() : segment[i + 1] });
      i += 2;
    } else {
      tokens.push({ kind: 'literal', char: nocase ? c.toLowerCase() : c });
      i++;
    }
  }
  return { globstar: false, tokens };
}

function matchesToken(t: Token, c: string): boolean {
  if (t.kind === 'literal') return t.char === c;
  if (t.kind === 'any') return c !== '/';
  return t.kind === 'class' && t.test(c);
}

/**
 * Whether one path segment matches one glob segment. Two pointers with one saved position (the last star): on a
 * mismatch the last star takes one more character, earlier stars never move again. O(tokens × name) at worst.
 */
function matchSegment(tokens: Token[], name: string, dot: boolean): boolean {
  // Without `dot`, a wildcard does not match the "." that starts a hidden name; a literal "." or a class may.
  if (!dot && name.startsWith('.') && (tokens[0]?.kind === 'star' || tokens[0]?.kind === 'any')) return false;
  let t = 0;
  let n = 0;
  let starT = -1;
  let starN = 0;
  while (n < name.length) {
    const tok = tokens[t];
    if (tok && tok.kind === 'star') {
      starT = t++;
      starN = n;
    } else if (tok && matchesToken(tok, name[n])) {
      t++;
      n++;
    } else if (starT >= 0) {
      t = starT + 1;
      n = ++starN;
    } else {
      return false;
    }
  }
  while (tokens[t]?.kind === 'star') t++;
  return t === tokens.length;
}

function matchSegments(glob: Segment[], parts: string[], dot: boolean): boolean {
  // reach[j]: the glob segments so far can match exactly the first j path segments.
  let reach = new Array<boolean>(parts.length + 1).fill(false);
  reach[0] = true;
  for (const seg of glob) {
    const next = new Array<boolean>(parts.length + 1).fill(false);
    if (seg.globstar) {
      // `**` takes zero or more segments, but (without dot) none starting with ".".
      let open = false;
      for (let j = 0; j <= parts.length; j++) {
        open ||= reach[j];
        next[j] = open;
        if (j < parts.length && !dot && parts[j].startsWith('.')) open = false;
      }
    } else {
      for (let j = 0; j < parts.length; j++)
        if (reach[j] && matchSegment(seg.tokens, parts[j], dot)) next[j + 1] = true;
    }
    reach = next;
    if (!reach.includes(true)) return false;
  }
  return reach[parts.length];
}

function splitGlob(glob: string): string[] {
  return glob.replace(/^\.\//, '').split('/');
}

/**
 * A matcher for a glob (relative paths with "/"), or undefined when the glob expands to too many alternatives or is
 * too long (see isTooComplexGlob in config.ts, which reports it).
 */
export function compileGlob(glob: string, options: GlobOptions = {}): ((path: string) => boolean) | undefined {
  const nocase = options.nocase ?? false;
  const dot = options.dot ?? false;
  let negate = false;
  let body = glob;
  if (body.startsWith('!') && !body.startsWith('!(')) {
    negate = true;
    body = body.slice(1);
  }
  const expanded = expandBraces(body);
  if (!expanded) return undefined;
  const compiled = expanded.map((g) => splitGlob(g).map((s) => parseSegment(s, nocase)));
  return (p: string) => {
    const parts = (nocase ? p.toLowerCase() : p).split('/').filter(Boolean);
    const hit = compiled.some((segments) => matchSegments(segments, parts, dot));
    return negate ? !hit : hit;
  };
}

/** Whether a path matches any of the globs; globs that cannot be compiled match nothing. */
export function globsMatcher(globs: readonly string[], options: GlobOptions = {}): (path: string) => boolean {
  const matchers = globs
    .map((g) => compileGlob(g, options))
    .filter((m): m is (path: string) => boolean => m !== undefined);
  return (p) => matchers.some((m) => m(p));
}
