import { path } from '../../../common/path';
import type { RequiredFileSpec } from '../config';
import type { LanguageDocument } from './languageDocument';
import { normalizeFileStem } from '../normalize';
import { headingFills } from '../sections';
import type { Position } from '../types';
import { fenceContaining } from './context';
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from './types';

const HEADING_LINE = /^(\s{0,3})(#{1,6})(?=\s|$)/;

/** The required-file spec a file fills, judged by its name the way case-study discovery does ("02_HLD.md" → high-level-design). */
export function requiredFileSpecFor(
  filePath: string,
  requiredFiles: readonly RequiredFileSpec[],
): RequiredFileSpec | undefined {
  const stem = normalizeFileStem(path.basename(filePath));
  return requiredFiles.find((spec) => spec.match.has(stem));
}

/**
 * The heading level new required sections should get: the level of required sections already present; otherwise one
 * below a single level-1 title (the usual "# Title" then "## Section" layout); otherwise the shallowest level used
 * below the title; 2 for an empty file.
 */
export function sectionLevel(doc: LanguageDocument, spec: RequiredFileSpec, skipLine = -1): number {
  const headings = doc.headings.filter((h) => h.line !== skipLine);
  for (const h of headings) if (spec.sections.some((s) => headingFills(h.normalized, s))) return h.level;
  const titles = headings.filter((h) => h.level === 1);
  const rest = headings.filter((h) => !(titles.length === 1 && h === titles[0]));
  if (titles.length === 1) return 2;
  if (rest.length) return Math.min(...rest.map((h) => h.level));
  return 2;
}

/**
 * On a line that starts a heading ("#", "## Fu"), the required sections this file still lacks, at the level the
 * file's other sections use. Choosing one rewrites the line into the full heading (and the section's template, if
 * the configuration gives one).
 */
export function headingCompletions(
  doc: LanguageDocument,
  position: Position,
  spec: RequiredFileSpec | undefined,
): CompletionItem[] {
  if (!spec || !spec.sections.length) return [];
  const lineText = doc.lines[position.line];
  if (lineText === undefined) return [];
  const m = HEADING_LINE.exec(lineText);
  if (!m) return [];
  const hashStart = m[1].length;
  const hashEnd = hashStart + m[2].length;
  if (position.character < hashEnd) return [];
  if (fenceContaining(doc, position.line) || position.line < doc.frontMatterLines) return [];

  const others = doc.headings.filter((h) => h.line !== position.line);
  const missing = spec.sections.filter((section) => !others.some((h) => headingFills(h.normalized, section)));
  if (!missing.length) return [];
  const level = sectionLevel(doc, spec, position.line);
  const hashes = '#'.repeat(level);
  const range = {
    start: { line: position.line, character: hashStart },
    end: { line: position.line, character: lineText.length },
  };
  return missing.map((section, i): CompletionItem => {
    const heading = `${hashes} ${section.name}`;
    const newText = section.template ? `${heading}\n\n${section.template.trimEnd()}` : heading;
    return {
      label: heading,
      kind: CompletionItemKind.Snippet,
      detail: `Required section of ${spec.title}`,
      documentation: {
        kind: 'markdown',
        value: `Adds the **${section.name}** section that ${spec.fileName} is expected to have.${section.aliases.length ? ` Also accepted as: ${section.aliases.join(', ')}.` : ''}`,
      },
      textEdit: { range, newText },
      insertTextFormat: InsertTextFormat.PlainText,
      sortText: String(i).padStart(4, '0'),
      // The editor filters on the text from the hashes to the cursor and keeps filtering this list as the user types
      // more hashes; six hashes match any level typed ("# Fu", "### Fu" both find "## Functional Requirements").
      filterText: `###### ${section.name}`,
    };
  });
}
