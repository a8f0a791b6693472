import * as path from 'node:path';
import type { Rule, SourceFile } from '../rule';
import { fileAnchorRange, findSection } from '../sections';
import { isStub } from '../stubs';

/** Fence languages that are diagrams. Mermaid is the one we validate; the others are accepted as diagrams too. */
const DIAGRAM_LANGS = new Set(['mermaid', 'plantuml', 'puml', 'dot', 'graphviz', 'd2', 'structurizr']);
const DIAGRAM_FILE_EXTENSIONS = new Set(['.mmd', '.mermaid', '.svg', '.png', '.jpg', '.jpeg', '.gif', '.webp', '.drawio', '.excalidraw', '.puml']);
const HLD_KIND = 'high-level-design';

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

export const noDiagram: Rule = {
  meta: {
    id: 'no-diagram',
    description: 'The high-level design has no architecture diagram.',
    defaultSeverity: 'warning',
    docs:
      'A high-level design should show its architecture. A ```mermaid block in the file, a Mermaid block in a Markdown file it links to, ' +
      'a linked `.mmd` file, or a linked image (`![architecture](diagram.png)`) all count.',
    example: 'The high-level design has no diagram: add a ```mermaid flowchart of the main components (or link one).',
  },
  async checkCaseStudy(ctx) {
    const entry = ctx.caseStudy.files.find((f) => f.kind === HLD_KIND);
    const hld = entry && ctx.files.get(entry.path);
    // A design not written yet is reported once, by stub-file.
    if (!hld || hld.isMermaidFile || isStub(hld.doc)) return;
    if (hasDiagramFence(hld)) return;
    for (const link of hld.doc.links) {
      if (link.isImage && link.href) return;
      const target = localTarget(hld.path, link.href);
      if (!target) continue;
      const ext = path.extname(target).toLowerCase();
      if (DIAGRAM_FILE_EXTENSIONS.has(ext) && ext !== '.mmd' && ext !== '.mermaid') return;
      if (ext === '.md' || ext === '.markdown' || ext === '.mmd' || ext === '.mermaid') {
        const linked = await ctx.readFile(target);
        if (linked && (linked.isMermaidFile ? linked.text.trim() !== '' : hasDiagramFence(linked))) return;
      }
    }
    const spec = ctx.config.requiredFiles.find((s) => s.id === HLD_KIND);
    const architecture = spec?.sections.find((s) => s.id === 'architecture');
    const index = architecture ? findSection(hld.doc, architecture) : -1;
    ctx.report({
      path: hld.path,
      range: index >= 0 ? hld.doc.headings[index].range : fileAnchorRange(hld.doc),
      message: 'The high-level design has no diagram: add a ```mermaid flowchart of the main components (or link one).',
    });
  },
};
