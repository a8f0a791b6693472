import { path } from '../../../common/path';
import type { Rule } from '../rule';
import { templateForFile } from '../scaffold/templates';
import { fileAnchorRange } from '../sections';

/** A required part with no file: the case study, the part's kind, and where its file would go. */
export interface MissingFileData {
  kind: 'missing-file';
  caseStudy: string;
  fileKind: string;
  suggestedPath: string;
}

const createTitle = (fileName: string) => `Create ${fileName} from its template`;
/** The code action creating every missing file of a case study at once (offered when several are missing). */
export const CREATE_ALL_TITLE = 'Create all missing files of this case study';

export const missingFile: Rule<MissingFileData> = {
  meta: {
    id: 'missing-file',
    description:
      'A required part of a design case study is written nowhere: no file for it and no section in another file.',
    defaultSeverity: 'error',
    docs:
      'A design case study needs its parts (by default requirements, high-level design and trade-offs). A part is a file — ' +
      'numbered prefixes (`01_requirements.md`), any case or separator (`High Level Design.md`) and aliases (`hld.md`) count — ' +
      'or a section of another file of the same case study ("## 7. Trade-offs" in hld.md; one README.md with Requirements, ' +
      'Architecture and Trade-offs sections is complete). Post-mortems, decision records and notes are not held to these parts. ' +
      'The finding sits on a file of the case study that does exist; the quick fix creates the missing file from its template.',
    example:
      "Case study 'notification-system' has no trade-offs.md (Trade-offs): create it, or add a 'Trade-offs' section to one of its files.",
  },
  checkCaseStudy(ctx) {
    const { caseStudy, config, files, model } = ctx;
    const missing = model.missing;
    if (!missing.length) return;

    // Attach to a file the user can open: the first required file that exists, else any readable file.
    const anchorEntry =
      config.requiredFiles
        .map((s) => caseStudy.files.find((f) => f.kind === s.id))
        .find((f) => f && files.has(f.path)) ??
      caseStudy.files.find((f) => files.has(f.path) && !f.relative.includes('/'));
    if (!anchorEntry) {
      const names = missing.map((s) => s.fileName).join(', ');
      ctx.report({
        path: caseStudy.path,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        message: `Case study '${caseStudy.name}' is empty: create ${names}.`,
        data: {
          kind: 'missing-file',
          caseStudy: caseStudy.path,
          fileKind: missing[0].id,
          suggestedPath: path.join(caseStudy.path, missing[0].fileName),
        },
      });
      return;
    }
    const anchor = files.get(anchorEntry.path)!;
    for (const spec of missing) {
      if (caseStudy.isFile) {
        // A one-file case study grows by sections, not by files: no file to create next to it.
        ctx.report({
          path: anchor.path,
          range: fileAnchorRange(anchor.doc),
          message: `Case study '${caseStudy.name}' has no ${spec.title} section: add a '## ${spec.title}' section.`,
        });
        continue;
      }
      ctx.report({
        path: anchor.path,
        range: fileAnchorRange(anchor.doc),
        message: `Case study '${caseStudy.name}' has no ${spec.fileName} (${spec.title}): create it, or add a '${spec.title}' section to one of its files.`,
        data: {
          kind: 'missing-file',
          caseStudy: caseStudy.path,
          fileKind: spec.id,
          suggestedPath: path.join(caseStudy.path, spec.fileName),
        },
      });
    }
  },
  fixes: {
    docs: [
      {
        title: createTitle('`trade-offs.md`'),
        does:
          'the editor creates the file (never replacing one: if it appeared meanwhile, the edit is refused) and opens it. ' +
          `With several missing: **${CREATE_ALL_TITLE}**. \`lint --fix\` creates it too.`,
      },
    ],
    build({ data }, ctx) {
      const spec = ctx.specs.find((s) => s.id === data.fileKind);
      // Only the file this rule creates: the part's own file name, in the case study's folder.
      if (!spec || data.suggestedPath !== path.join(data.caseStudy, spec.fileName) || ctx.exists(data.suggestedPath))
        return [];
      const text = templateForFile(spec.id, { ...ctx.lookup, specs: ctx.specs });
      if (text === undefined) return [];
      return [
        {
          title: createTitle(spec.fileName),
          edits: [],
          createFile: { path: data.suggestedPath, text },
          isPreferred: true,
        },
      ];
    },
    // Creating a file changes nothing the user wrote (it is created exclusively, never over one).
    unattended: () => ({}),
  },
};
