// Pure renderers for docs/catalog.md and docs/snippets.md, generated from server/core/data/patterns.json and the
// snippet files so the docs cannot drift from the data. Written by scripts/generate-catalog-docs.ts and compared
// with the committed files by test/catalog/docs.test.ts.
import { CATEGORY_TITLES, PATTERN_CATEGORIES, type Catalog, type Pattern } from '../server/core/catalog/catalog';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

const anchor = (p: Pattern) => p.id;

export function catalogMarkdown(catalog: Catalog): string {
  const out: string[] = [];
  out.push('# Pattern catalog');
  out.push('');
  out.push(
    '<!-- Generated from server/core/data/patterns.json by scripts/generate-catalog-docs.ts; do not edit by hand. -->',
  );
  out.push('');
  out.push(
    `${catalog.patterns.length} system-design patterns in ${PATTERN_CATEGORIES.length} categories. Design Notes offers them as completions while you write ` +
      'prose (type two letters of a name or alias; in Markdown press Ctrl+Space, or turn on `editor.quickSuggestions` for `[markdown]`) ' +
      'and shows the card below when you hover a pattern name in prose or in a Mermaid diagram label. ' +
      'Acronyms (CAP, LB, DLQ, …) are recognised in capitals, and in lower case only when they have no vowel ("cqrs", "cdn", "dlq"), so ordinary words such as "cap" or "rag" are left alone.',
  );
  out.push('');
  out.push(
    'Add your own patterns, or replace built-in ones by id, with a catalog file in the same format ' +
      '(see `schemas/patterns.schema.json`) referenced by `"catalog"` in `.designnotes.json`, for example ' +
      '`{ "catalog": "team.patterns.json" }`. Files named `*.patterns.json` are validated as you edit them, and problems in the ' +
      'catalog are reported on the file; invalid entries are skipped and the built-in catalog stays in force.',
  );
  out.push('');
  out.push('| Pattern | Category | Aliases |');
  out.push('| --- | --- | --- |');
  for (const category of PATTERN_CATEGORIES) {
    for (const p of catalog.patterns.filter((x) => x.category === category)) {
      out.push(`| [${cell(p.name)}](#${anchor(p)}) | ${CATEGORY_TITLES[category]} | ${cell(p.aliases.join(', '))} |`);
    }
  }
  for (const category of PATTERN_CATEGORIES) {
    const patterns = catalog.patterns.filter((x) => x.category === category);
    if (!patterns.length) continue;
    out.push('');
    out.push(`## ${CATEGORY_TITLES[category]}`);
    for (const p of patterns) {
      out.push('');
      out.push(`<a id="${anchor(p)}"></a>`);
      out.push('');
      out.push(`### ${p.name}`);
      out.push('');
      if (p.aliases.length) {
        out.push(`_Also known as:_ ${p.aliases.join(', ')}`);
        out.push('');
      }
      out.push(p.summary);
      if (p.whenToUse) out.push('', `**When to use.** ${p.whenToUse}`);
      if (p.costs) out.push('', `**Costs and failure modes.** ${p.costs}`);
      const related = p.related.map((id) => catalog.byId.get(id)).filter((r): r is Pattern => !!r);
      if (related.length) out.push('', `**Related:** ${related.map((r) => `[${r.name}](#${anchor(r)})`).join(' · ')}`);
      if (p.mermaid) out.push('', '```mermaid', p.mermaid, '```');
      if (p.reference) out.push('', `_Reference:_ ${p.reference}`);
    }
  }
  return out.join('\n') + '\n';
}

export interface SnippetEntry {
  prefix: string | string[];
  description?: string;
}

export function snippetsMarkdown(
  markdown: Record<string, SnippetEntry>,
  mermaid: Record<string, SnippetEntry>,
): string {
  const rows = (file: Record<string, SnippetEntry>, where: string) =>
    Object.values(file).map((s) => {
      const prefixes = Array.isArray(s.prefix) ? s.prefix : [s.prefix];
      return `| ${prefixes.map((p) => `\`${p}\``).join(', ')} | ${where} | ${cell(s.description ?? '')} |`;
    });
  return [
    '# Snippets',
    '',
    '<!-- Generated from snippets/*.json by scripts/generate-catalog-docs.ts; do not edit by hand. -->',
    '',
    'Type a prefix and pick the snippet from the suggestions (in Markdown, press Ctrl+Space: VS Code does not suggest while typing prose by default), ' +
      'or run **Insert Snippet**. Tab moves between placeholders; some placeholders offer a choice. The file and section snippets ' +
      '(`dn-requirements`, `dn-hld`, `dn-tradeoffs`, `dn-fr-nfr`, `dn-tradeoff`, `dn-adr`) contain the sections Design Notes requires ' +
      'by default, with a prompt and an example in an HTML comment at each place to write: typing replaces the selected prompt, and a ' +
      'prompt left in place counts as not written (the section is reported empty), so a skeleton never passes as a finished case study. ' +
      'Diagram snippets insert an example diagram to edit.',
    '',
    '| Prefix | Where | Inserts |',
    '| --- | --- | --- |',
    ...rows(markdown, 'Markdown'),
    ...rows(mermaid, 'Mermaid files (`.mmd`, `.mermaid`)'),
    '',
  ].join('\n');
}
