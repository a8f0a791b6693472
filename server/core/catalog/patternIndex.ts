import type { Catalog, Pattern } from './catalog';

/** A name or alias of a pattern. */
export interface PatternTerm {
  /** The term as written in the catalog ("Pub/Sub", "LB"). */
  term: string;
  pattern: Pattern;
  /** Whether the term is the pattern's name (rather than an alias). */
  isName: boolean;
}

/** A prefix hit: the term, and whether the prefix matched its start or a later word ("bucket" in "Token Bucket"). */
export interface PrefixMatch extends PatternTerm {
  /** Offset in `term` where the match starts (0 for a match at the start of the term). */
  matchOffset: number;
}

/** A pattern mentioned in a line of text; offsets are UTF-16 code units, end exclusive. */
export interface PatternMention {
  start: number;
  end: number;
  pattern: Pattern;
  /** The catalog term that matched. */
  term: string;
}

/**
 * Key used for prefix lookup: case-folded, with spaces, hyphens, underscores and slashes folded into one space,
 * so "pub-s", "pub s" and "Pub/S" all find "pub/sub".
 */
export function termKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\s\-_/]+/g, ' ')
    .trim();
}

/**
 * Acronyms (all capitals and digits, optionally a plural s: "CAP", "LB", "2PC", "SLOs") are matched in prose as
 * written, and in lower case only when they have no vowel ("cqrs", "cdn", "dlq"): lower-case "cap", "rag" or "base"
 * are ordinary English words. Every other term ignores case.
 */
export function isAcronym(term: string): boolean {
  return /^[A-Z0-9]{2,6}s?$/.test(term) && /[A-Z]/.test(term);
}

/** Key for whole-term lookup: like termKey, without any separators ("pub/sub", "pub-sub" and "pubsub" agree). */
export function compactKey(text: string): string {
  return termKey(text).replace(/ /g, '');
}

/** Characters searched on either side of a hover position on long lines. */
const MENTION_WINDOW = 200;

interface KeyEntry {
  key: string;
  match: PrefixMatch;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Regex source for one term: separators (spaces and hyphens) are interchangeable and optional ("write through", "write-through", "writethrough"). */
function termSource(term: string): string {
  return term
    .trim()
    .split(/[\s-]+/)
    .map(escapeRegExp)
    .join('[\\s-]*');
}

/**
 * Fast lookups over a catalog's names and aliases. Built once per catalog; every query works on one short string
 * (a prefix or one line), so completion and hover cost does not grow with the document.
 */
export class PatternIndex {
  readonly catalog: Catalog;
  /** Sorted by key, for binary-search prefix lookup. */
  private readonly keys: KeyEntry[] = [];
  private readonly mentionRegexes: RegExp[] = [];
  private readonly byLowerTerm = new Map<string, PatternTerm>();
  private readonly byExactTerm = new Map<string, PatternTerm>();

  constructor(catalog: Catalog) {
    this.catalog = catalog;
    const caseless: string[] = [];
    const exact: string[] = [];
    const lowerAcronyms: string[] = [];
    // Later patterns win a term collision, so a user entry (which comes after the built-ins) takes over an alias.
    for (const pattern of catalog.patterns) {
      const terms = [pattern.name, ...pattern.aliases];
      terms.forEach((term, i) => {
        const t: PatternTerm = { term, pattern, isName: i === 0 };
        const key = termKey(term);
        if (!key) return;
        this.keys.push({ key, match: { ...t, matchOffset: 0 } });
        // Later words of multi-word terms too, so "breaker" offers "Circuit Breaker".
        const wordStarts = [...term.matchAll(/[\s\-_/]+(?=\S)/g)].map((m) => (m.index ?? 0) + m[0].length);
        for (const at of wordStarts) {
          const rest = termKey(term.slice(at));
          if (rest.length >= 3) this.keys.push({ key: rest, match: { ...t, matchOffset: at } });
        }
        if (isAcronym(term)) {
          this.byExactTerm.set(term, t);
          if (!this.byExactTerm.has(`${term}s`)) this.byExactTerm.set(`${term}s`, t);
          exact.push(term);
          // Written in lower case ("cqrs", "cdn"), only when that cannot be an English word: no vowel in it.
          const lower = term.toLowerCase();
          if (!/[aeiouy]/.test(lower) && lower !== term) {
            if (!this.byExactTerm.has(lower)) this.byExactTerm.set(lower, t);
            if (!this.byExactTerm.has(`${lower}s`)) this.byExactTerm.set(`${lower}s`, t);
            lowerAcronyms.push(lower);
          }
        } else {
          this.byLowerTerm.set(compactKey(term), t);
          caseless.push(term);
        }
      });
    }
    this.keys.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    // Longest terms first: at a given start position the regex takes the first alternative that matches.
    const byLength = (a: string, b: string) => b.length - a.length;
    const boundaryBefore = '(?<![\\p{L}\\p{N}_])';
    const boundaryAfter = '(?:e?s)?(?![\\p{L}\\p{N}_])';
    if (caseless.length) {
      this.mentionRegexes.push(
        new RegExp(`${boundaryBefore}(?:${caseless.sort(byLength).map(termSource).join('|')})${boundaryAfter}`, 'giu'),
      );
    }
    if (exact.length) {
      this.mentionRegexes.push(
        new RegExp(`${boundaryBefore}(?:${exact.sort(byLength).map(termSource).join('|')})${boundaryAfter}`, 'gu'),
      );
    }
    if (lowerAcronyms.length) {
      // Not a URL scheme ("https://", "s3://").
      this.mentionRegexes.push(
        new RegExp(
          `${boundaryBefore}(?:${lowerAcronyms.sort(byLength).map(termSource).join('|')})s?(?![\\p{L}\\p{N}_]|:\\/\\/)`,
          'gu',
        ),
      );
    }
  }

  get patterns(): Pattern[] {
    return this.catalog.patterns;
  }

  byId(id: string): Pattern | undefined {
    return this.catalog.byId.get(id);
  }

  /**
   * Terms starting with `prefix` (case-, space- and hyphen-insensitive), one per pattern: a match at the start of
   * a term beats a match at a later word, and the name beats an alias. Sorted by how good the match is, then by name.
   */
  complete(prefix: string): PrefixMatch[] {
    const key = termKey(prefix);
    if (!key) return [];
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.keys[mid].key < key) lo = mid + 1;
      else hi = mid;
    }
    const best = new Map<string, PrefixMatch>();
    for (let i = lo; i < this.keys.length && this.keys[i].key.startsWith(key); i++) {
      const m = this.keys[i].match;
      // Mid-term matches only from three characters on: "ca" should not offer every "...Cache".
      if (m.matchOffset > 0 && key.length < 3) continue;
      const prev = best.get(m.pattern.id);
      if (!prev || rank(m) < rank(prev)) best.set(m.pattern.id, m);
    }
    return [...best.values()].sort((a, b) => rank(a) - rank(b) || a.pattern.name.localeCompare(b.pattern.name));
  }

  /** The pattern a whole string names (e.g. a heading or a diagram label), if it is exactly a name or alias. */
  lookup(text: string): PatternTerm | undefined {
    const trimmed = text.trim();
    const exact = this.byExactTerm.get(trimmed);
    if (exact) return exact;
    const key = compactKey(trimmed);
    // A plural in prose ("load balancers", "caches") names the singular term.
    return (
      this.byLowerTerm.get(key) ??
      this.byLowerTerm.get(key.replace(/s$/, '')) ??
      this.byLowerTerm.get(key.replace(/es$/, ''))
    );
  }

  /** Non-overlapping pattern mentions in one line, left to right; where mentions overlap, the longer one wins. */
  findMentions(line: string): PatternMention[] {
    const found: PatternMention[] = [];
    for (const re of this.mentionRegexes) {
      re.lastIndex = 0;
      for (let m = re.exec(line); m; m = re.exec(line)) {
        const hit = this.lookup(m[0]);
        if (hit) found.push({ start: m.index, end: m.index + m[0].length, pattern: hit.pattern, term: hit.term });
      }
    }
    found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
    const out: PatternMention[] = [];
    let end = -1;
    for (const f of found) {
      if (f.start < end) {
        // Overlap: keep the longer of the two.
        const last = out[out.length - 1];
        if (f.end - f.start > last.end - last.start) {
          out[out.length - 1] = f;
          end = f.end;
        }
        continue;
      }
      out.push(f);
      end = f.end;
    }
    return out;
  }

  /** The mention under `character` (a position between characters; touching either end counts). */
  mentionAt(line: string, character: number): PatternMention | undefined {
    if (line.length <= MENTION_WINDOW * 2)
      return this.findMentions(line).find((m) => m.start <= character && character <= m.end);
    // Long lines (tables, pasted data): search only around the position, widened to whitespace so that the window
    // edges cannot create word boundaries that are not in the line. Terms are far shorter than the window.
    let from = Math.max(0, character - MENTION_WINDOW);
    let to = Math.min(line.length, character + MENTION_WINDOW);
    while (from > 0 && !/\s/.test(line[from - 1])) from--;
    while (to < line.length && !/\s/.test(line[to])) to++;
    const hit = this.findMentions(line.slice(from, to)).find(
      (m) => m.start + from <= character && character <= m.end + from,
    );
    return hit && { ...hit, start: hit.start + from, end: hit.end + from };
  }
}

function rank(m: PrefixMatch): number {
  return (m.matchOffset === 0 ? 0 : 2) + (m.isName ? 0 : 1);
}

/** Index for a catalog; build once per catalog and reuse. */
export function buildPatternIndex(catalog: Catalog): PatternIndex {
  return new PatternIndex(catalog);
}
