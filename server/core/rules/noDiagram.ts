import { path } from '../../../common/path';
import { isWholeFile, type PartPlace } from '../caseStudyModel';
import type { CaseStudyRuleContext, Rule, SourceFile } from '../rule';
import { fileAnchorRange, findSection } from '../sections';
import { isStub } from '../stubs';

/** Fence languages that are diagrams. Mermaid is the one we validate; the others are accepted as diagrams too. */
const DIAGRAM_LANGS = new Set(['mermaid', 'plantuml', 'puml', 'dot', 'graphviz', 'd2', 'structurizr']);
const IMAGE_EXTENSIONS = new Set(['.svg', '.png', '.jpg', '.jpeg', '.gif', '.webp', '.drawio', '.excalidraw', '.puml']);
const HLD_KIND = 'high-level-design';
/** The case study's own index file: diagrams in its `diagrams/` folder are often linked from here. */
const INDEX_FILE = /^(readme|index)\.(md|markdown|mdx)$/i;

function hasDiagramFence(file: SourceFile): boolean {
  return file.doc.fences.some((f) => DIAGRAM_LANGS.has(f.lang));
}

/** Local link target as an absolute path, or undefined for web links, anchors and mail links. */
function localTarget(from: string, href: string): string | undefined {
  if (!href || href.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(href)) return undefined;
  let clean = href.split('#')[0].split('?')[0];
  try {
    clean = decodeURIComponent(clean);
  } catch {
    // Keep the raw text: a stray % is more likely part of a file name than an escape.
  }
  return clean ? path.resolve(path.dirname(from), clean) : undefined;
}

/** Whether a Markdown or Mermaid file (read through the rule context) is or holds a diagram. */
async function isDiagramFile(ctx: CaseStudyRuleContext, target: string): Promise<boolean> {
  const ext = path.extname(target).toLowerCase();
  if (IMAGE_EXTENSIONS.has(ext)) return true;
  if (ext !== '.md' && ext !== '.markdown' && ext !== '.mmd' && ext !== '.mermaid') return false;
  const linked = await ctx.readFile(target);
  return !!linked && (linked.isMermaidFile ? linked.text.trim() !== '' : hasDiagramFence(linked));
}

/**
 * Whether a file shows a diagram: a diagram fence, an image, a linked diagram file (.mmd, an image, a Markdown file
 * with a diagram), or a link to a folder of the case study that holds one (`[diagrams](./diagrams/)`).
 */
async function showsDiagram(ctx: CaseStudyRuleContext, file: SourceFile): Promise<boolean> {
  if (hasDiagramFence(file)) return true;
  for (const link of file.doc.links) {
    if (link.isImage && link.href) return true;
    const target = localTarget(file.path, link.href);
    if (!target) continue;
    if (await isDiagramFile(ctx, target)) return true;
    if (!path.extname(target) && !ctx.caseStudy.isFile) {
      const inside = ctx.caseStudy.files.filter((f) => f.path.startsWith(target.replace(/[\\/]+$/, '') + path.sep));
      for (const f of inside.slice(0, 20)) if (await isDiagramFile(ctx, f.path)) return true;
    }
  }
  return false;
}

export const noDiagram: Rule = {
  meta: {
    id: 'no-diagram',
    description: 'The high-level design has no architecture diagram.',
    defaultSeverity: 'warning',
    docs:
      'A high-level design should show its architecture. A ```mermaid (or PlantUML, Graphviz, D2) block, an image, a linked `.mmd` ' +
      'file or Markdown file with a diagram, or a link to a folder of the case study holding one all count — in the design itself ' +
      "(the high-level-design file or the sections that write it) or in the case study's README.md (diagrams kept in the case's " +
      'own `diagrams/` folder and linked from there). Not reported for a design file that is not written yet, nor for ' +
      'post-mortems, decision records and notes.',
    example: 'The high-level design has no diagram: add a ```mermaid flowchart of the main components (or link one).',
  },
  async checkCaseStudy(ctx) {
    const { model, caseStudy, files } = ctx;
    if (model.kind !== 'design') return;
    const places: PartPlace[] = model.parts.get(HLD_KIND) ?? [];
    if (!places.length) return; // missing-file says the design is missing.
    const designFiles = [...new Set(places.map((p) => p.path))]
      .map((p) => files.get(p))
      .filter((f): f is SourceFile => !!f);
    if (!designFiles.length || designFiles.some((f) => f.isMermaidFile)) return;
    const wholeFile = places.find(isWholeFile);
    const primary = wholeFile ? files.get(wholeFile.path) : undefined;
    // A design not written yet (a title and a placeholder) is reported once, by stub-file.
    if (primary && isStub(primary.doc)) return;
    const index = caseStudy.files
      .filter((f) => !f.relative.includes('/') && INDEX_FILE.test(f.relative))
      .map((f) => files.get(f.path));
    for (const file of [...designFiles, ...index]) if (file && (await showsDiagram(ctx, file))) return;

    let target: SourceFile;
    let range;
    if (primary) {
      target = primary;
      const spec = ctx.config.requiredFiles.find((s) => s.id === HLD_KIND);
      const architecture = spec?.sections.find((s) => s.id === 'architecture');
      const at = architecture ? findSection(primary.doc, architecture) : -1;
      range = at >= 0 ? primary.doc.headings[at].range : fileAnchorRange(primary.doc);
    } else {
      const first = places[0];
      target = files.get(first.path)!;
      range = target.doc.headings[first.heading!].range;
    }
    ctx.report({
      path: target.path,
      range,
      message: 'The high-level design has no diagram: add a ```mermaid flowchart of the main components (or link one).',
    });
  },
};
