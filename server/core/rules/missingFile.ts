import * as path from 'node:path';
import type { Rule } from '../rule';
import { fileAnchorRange } from '../sections';

export const missingFile: Rule = {
  meta: {
    id: 'missing-file',
    description: 'A required file of the case study is absent.',
    defaultSeverity: 'error',
    docs:
      'Every case study needs its required files (by default `requirements.md`, `high-level-design.md`, `trade-offs.md`). ' +
      'Numbered prefixes (`01_requirements.md`), any case or separator (`High Level Design.md`) and aliases (`hld.md`) count. ' +
      'The finding sits on a file of the case study that does exist; the quick fix creates the missing file from its template.',
    example: "Case study 'notification-system' has no trade-offs.md (Trade-offs): create it.",
  },
  checkCaseStudy(ctx) {
    const { caseStudy, config, files } = ctx;
    const present = new Set(caseStudy.files.map((f) => f.kind).filter(Boolean));
    const missing = config.requiredFiles.filter((spec) => !present.has(spec.id));
    if (!missing.length) return;

    // Attach to a file the user can open: the first required file that exists, else any readable file.
    const anchorEntry =
      config.requiredFiles.map((s) => caseStudy.files.find((f) => f.kind === s.id)).find((f) => f && files.has(f.path)) ??
      caseStudy.files.find((f) => files.has(f.path) && !f.relative.includes('/'));
    if (!anchorEntry) {
      const names = missing.map((s) => s.fileName).join(', ');
      ctx.report({
        path: caseStudy.path,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        message: `Case study '${caseStudy.name}' is empty: create ${names}.`,
        data: { kind: 'missing-file', caseStudy: caseStudy.path, fileKind: missing[0].id, suggestedPath: path.join(caseStudy.path, missing[0].fileName) },
      });
      return;
    }
    const anchor = files.get(anchorEntry.path)!;
    for (const spec of missing) {
      ctx.report({
        path: anchor.path,
        range: fileAnchorRange(anchor.doc),
        message: `Case study '${caseStudy.name}' has no ${spec.fileName} (${spec.title}): create it.`,
        data: { kind: 'missing-file', caseStudy: caseStudy.path, fileKind: spec.id, suggestedPath: path.join(caseStudy.path, spec.fileName) },
      });
    }
  },
};
