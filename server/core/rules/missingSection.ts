import type { Rule } from '../rule';
import { fileAnchorRange, hasSection } from '../sections';
import { isStub } from '../stubs';

export const missingSection: Rule = {
  meta: {
    id: 'missing-section',
    description: 'A required heading is absent from a case-study file.',
    defaultSeverity: 'warning',
    docs:
      'Each required file has required sections (e.g. requirements: *Functional Requirements*, *Non-Functional Requirements*). ' +
      'Headings match ignoring case, numbering, emoji and punctuation, and aliases count (`NFRs` = *Non-Functional Requirements*); ' +
      'the file\'s title is not one of its sections. A component list may also be any heading with the word "components", ' +
      '"services" or "modules" ("Supporting Components", "Core Services/Modules"), a bold "**Components:**" label, or labelled items right under the title. ' +
      'The quick fix inserts the heading with its template body in the right place.',
    example: "Missing section 'Non-Functional Requirements': add a '## Non-Functional Requirements' heading.",
  },
  checkFile(ctx) {
    const { file } = ctx;
    // A file not written yet gets one stub-file finding, not one per section.
    if (file.isMermaidFile || isStub(file.doc)) return;
    // A file may fill several parts by its name (a README.md configured as requirements and design).
    for (const spec of ctx.specs ?? (ctx.spec ? [ctx.spec] : [])) for (const section of spec.sections) {
      if (hasSection(file.doc, section)) continue;
      ctx.report({
        range: fileAnchorRange(file.doc),
        message: `Missing section '${section.name}': add a '## ${section.name}' heading.`,
        data: { kind: 'missing-section', fileKind: spec.id, section: section.id },
      });
    }
  },
};
