import { insertSectionEdit } from './sectionEdits';
import type { Rule } from '../rule';
import { fileAnchorRange, findSection, hasSection } from '../sections';
import { isStub } from '../stubs';

/** A required section absent from a file: which part's spec (`fileKind`) and which of its sections. */
export interface MissingSectionData {
  kind: 'missing-section';
  fileKind: string;
  section: string;
}

const addTitle = (name: string) => `Add section '${name}'`;
/** The code action adding every missing section and filling every empty one of a file (several section findings). */
export const FIX_ALL_SECTIONS_TITLE = 'Add all missing sections and fill empty ones in this file';
/** The same as a source action: fix-all on save (`source.fixAll.designNotes`) and "Fix All". */
export const FIX_ALL_TITLE = 'Fix all Design Notes section problems';

export const missingSection: Rule<MissingSectionData> = {
  meta: {
    id: 'missing-section',
    description: 'A required heading is absent from a case-study file.',
    defaultSeverity: 'warning',
    docs:
      'Each required file has required sections (e.g. requirements: *Functional Requirements*, *Non-Functional Requirements*). ' +
      'Headings match ignoring case, numbering, emoji and punctuation, and aliases count (`NFRs` = *Non-Functional Requirements*); ' +
      'the file\'s title is not one of its sections. A component list may also be any heading with the word "components", ' +
      '"services" or "modules" ("Supporting Components", "Core Services/Modules"), a bold "**Components:**" label, or labelled items right under the title. ' +
      'The quick fix inserts the heading with its writing prompt in the right place; the section then counts as empty until written.',
    example: "Missing section 'Non-Functional Requirements': add a '## Non-Functional Requirements' heading.",
  },
  checkFile(ctx) {
    const { file } = ctx;
    // A file not written yet gets one stub-file finding, not one per section.
    if (file.isMermaidFile || isStub(file.doc)) return;
    // A file may fill several parts by its name (a README.md configured as requirements and design).
    for (const spec of ctx.specs ?? (ctx.spec ? [ctx.spec] : []))
      for (const section of spec.sections) {
        if (hasSection(file.doc, section)) continue;
        ctx.report({
          range: fileAnchorRange(file.doc),
          message: `Missing section '${section.name}': add a '## ${section.name}' heading.`,
          data: { kind: 'missing-section', fileKind: spec.id, section: section.id },
        });
      }
  },
  fixes: {
    docs: [
      {
        title: addTitle('…'),
        does:
          'the heading and its writing prompt, placed in template order among the existing sections, at their level ' +
          '(the section is then reported empty until written). `lint --fix` inserts it too.',
      },
      {
        when: 'several section findings, with `empty-section`',
        title: FIX_ALL_SECTIONS_TITLE,
        does: 'also as `source.fixAll.designNotes` for `editor.codeActionsOnSave`.',
      },
    ],
    build({ data }, ctx) {
      const spec = ctx.specs.find((s) => s.id === data.fileKind);
      const section = spec?.sections.find((s) => s.id === data.section);
      if (!spec || !section) return [];
      return [
        {
          title: addTitle(section.name),
          edits: [insertSectionEdit(ctx.doc, spec, section, { ...ctx.lookup, specs: ctx.specs })],
          isPreferred: true,
        },
      ];
    },
    // An insertion; missing sections of one file go in in template order.
    unattended({ data }, specs) {
      return {
        order: specs.find((s) => s.id === data.fileKind)?.sections.findIndex((s) => s.id === data.section) ?? -1,
      };
    },
    fixAll({ doc, spec, specs, lookup }) {
      if (!spec) return [];
      return spec.sections.flatMap((section, order) =>
        // Written in another form (a bold label, a component list under the title): adding a heading would duplicate it.
        findSection(doc, section) < 0 && !hasSection(doc, section)
          ? [{ order, edit: insertSectionEdit(doc, spec, section, { ...lookup, specs }) }]
          : [],
      );
    },
  },
};
