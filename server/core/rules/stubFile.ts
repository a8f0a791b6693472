import { path } from '../../../common/path';
import type { Rule } from '../rule';
import { fileAnchorRange } from '../sections';
import { isStub } from '../stubs';

export const stubFile: Rule = {
  meta: {
    id: 'stub-file',
    description: 'A case-study file is not written yet: it holds only a title and a placeholder.',
    defaultSeverity: 'warning',
    docs:
      'A file holding nothing but its title and a placeholder ("*Content coming soon…*", "WIP", "To be added", "TBA", ' +
      '"Under construction") — or only its title — is reported once, here, instead of as missing sections, a missing ' +
      'diagram and a placeholder. Write the file, or remove it until it is written.',
    example: "'trade-offs.md' is not written yet: it holds only its title and 'Content coming soon...'.",
  },
  checkFile(ctx) {
    const { file } = ctx;
    // Only case studies: a stub README elsewhere in a repository is the owners' business.
    if (!ctx.caseStudy || file.isMermaidFile || !isStub(file.doc)) return;
    const name = path.basename(file.path);
    const placeholder = file.doc.placeholders[0];
    const holds = placeholder
      ? `it holds only ${file.doc.headings.length ? 'its title and ' : ''}'${placeholder.text.replace(/^[*_\s]+|[*_\s]+$/g, '')}'`
      : file.doc.headings.length
        ? 'it holds only its title'
        : 'it is empty';
    ctx.report({ range: fileAnchorRange(file.doc), message: `'${name}' is not written yet: ${holds}.` });
  },
};
