import { CATEGORY_TITLES, type Pattern } from '../catalog/catalog';
import type { PatternIndex } from '../catalog/patternIndex';

export interface PatternCardOptions {
  /**
   * Target of the links to related patterns (e.g. the pattern's anchor in docs/catalog.md). When absent, related
   * patterns are listed by name without links, because a hover has no page of its own to point into.
   */
  linkForPattern?: (pattern: Pattern) => string | undefined;
  /** Append the Mermaid example as a code block (useful in completion documentation, too long for hovers). */
  includeDiagram?: boolean;
}

/** Markdown-special characters escaped, so catalog text (possibly from a user catalog) renders as plain text. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|~]/g, '\\$&');
}

/** A pattern rendered as a Markdown card: name, category, aliases, summary, when to use, costs, related, reference. */
export function renderPatternCard(pattern: Pattern, index: PatternIndex, options: PatternCardOptions = {}): string {
  const parts: string[] = [];
  parts.push(`**${escapeMarkdown(pattern.name)}** · _${CATEGORY_TITLES[pattern.category]}_`);
  if (pattern.aliases.length) parts.push(`Also known as: ${pattern.aliases.map(escapeMarkdown).join(', ')}`);
  parts.push(escapeMarkdown(pattern.summary));
  if (pattern.whenToUse) parts.push(`**When to use.** ${escapeMarkdown(pattern.whenToUse)}`);
  if (pattern.costs) parts.push(`**Costs and failure modes.** ${escapeMarkdown(pattern.costs)}`);
  const related = pattern.related.map((id) => index.byId(id)).filter((p): p is Pattern => !!p);
  if (related.length) {
    const names = related.map((p) => {
      const target = options.linkForPattern?.(p);
      return target
        ? `[${escapeMarkdown(p.name)}](${target.replace(/[()\s]/g, encodeURIComponent)})`
        : escapeMarkdown(p.name);
    });
    parts.push(`**Related:** ${names.join(' · ')}`);
  }
  if (options.includeDiagram && pattern.mermaid) {
    // A fence longer than any backtick run in the example, so user catalog text cannot close it early.
    const longest = Math.max(2, ...(pattern.mermaid.match(/`+/g) ?? []).map((r) => r.length));
    const fence = '`'.repeat(longest + 1);
    parts.push(`${fence}mermaid\n${pattern.mermaid}\n${fence}`);
  }
  if (pattern.reference) parts.push(`_Reference:_ ${escapeMarkdown(pattern.reference)}`);
  return parts.join('\n\n');
}
