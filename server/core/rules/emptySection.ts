import type { Rule } from '../rule';
import { findSection } from '../sections';
import { isStub } from '../stubs';
import { displayHeading } from '../normalize';

export const emptySection: Rule = {
  meta: {
    id: 'empty-section',
    description: 'A required heading is present but has no content.',
    defaultSeverity: 'warning',
    docs:
      'A required section counts as empty when nothing but blank lines, HTML comments, placeholders ("*Coming soon…*", "TBD") and empty sub-headings follows it. ' +
      'Write the section, or use the quick fix to insert its template body.',
    example: "Section 'Key Components' is empty: write it or remove the heading.",
  },
  checkFile(ctx) {
    const { file } = ctx;
    // A file not written yet gets one stub-file finding, not one per section.
    if (file.isMermaidFile || isStub(file.doc)) return;
    // A file may fill several parts by its name (a README.md configured as requirements and design).
    for (const spec of ctx.specs ?? (ctx.spec ? [ctx.spec] : [])) for (const section of spec.sections) {
      const index = findSection(file.doc, section);
      if (index < 0) continue;
      const heading = file.doc.headings[index];
      if (heading.hasContent) continue;
      ctx.report({
        range: heading.range,
        message: `Section '${displayHeading(heading.text) || section.name}' is empty: write it or remove the heading.`,
        data: { kind: 'empty-section', fileKind: spec.id, section: section.id },
      });
    }
  },
};
