import { fillSectionEdit, sectionHasPrompt } from './sectionEdits';
import type { Rule } from '../rule';
import { findSection } from '../sections';
import { isStub } from '../stubs';
import { displayHeading } from '../normalize';

/** A required section present but empty: which part's spec (`fileKind`) and which of its sections. */
export interface EmptySectionData {
  kind: 'empty-section';
  fileKind: string;
  section: string;
}

const promptTitle = (name: string) => `Insert the writing prompts for '${name}'`;

export const emptySection: Rule<EmptySectionData> = {
  meta: {
    id: 'empty-section',
    description: 'A required heading is present but has no content.',
    defaultSeverity: 'warning',
    docs:
      'A required section counts as empty when nothing but blank lines, HTML comments, placeholders ("*Coming soon…*", "TBD"), empty sub-headings ' +
      "and empty skeletons (empty bullets, a table header without rows, a table snippet's example rows left as inserted, a Mermaid block with only its type line) " +
      'follows it: a fresh scaffold is empty until written. ' +
      "The quick fix inserts the section's writing prompt when it has none.",
    example: "Section 'Key Components' is empty: write it or remove the heading.",
  },
  checkFile(ctx) {
    const { file } = ctx;
    // A file not written yet gets one stub-file finding, not one per section.
    if (file.isMermaidFile || isStub(file.doc)) return;
    // A file may fill several parts by its name (a README.md configured as requirements and design).
    for (const spec of ctx.specs ?? (ctx.spec ? [ctx.spec] : []))
      for (const section of spec.sections) {
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
  fixes: {
    docs: [{ title: promptTitle('…'), does: 'under the heading, when it has none.' }],
    build({ data }, ctx) {
      const spec = ctx.specs.find((s) => s.id === data.fileKind);
      const section = spec?.sections.find((s) => s.id === data.section);
      if (!spec || !section || sectionHasPrompt(ctx.doc, section)) return [];
      const edit = fillSectionEdit(ctx.doc, spec, section, { ...ctx.lookup, specs: ctx.specs });
      // Prompts, not content: the section stays empty until the student writes it, so this is not the preferred fix.
      return edit ? [{ title: promptTitle(section.name), edits: [edit] }] : [];
    },
    fixAll({ doc, spec, specs, lookup }) {
      if (!spec) return [];
      return spec.sections.flatMap((section, order) => {
        const i = findSection(doc, section);
        if (i < 0 || doc.headings[i].hasContent || sectionHasPrompt(doc, section)) return [];
        const edit = fillSectionEdit(doc, spec, section, { ...lookup, specs });
        return edit ? [{ order, edit }] : [];
      });
    },
  },
};
