// Shared helpers for the Mermaid tests. They need the worker bundle (npm run build → dist/mermaidWorker.mjs):
// mermaid cannot be imported in plain Node without the build's DOMPurify stub.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ResolvedConfig } from '../../server/core/config';
import { parseMarkdown } from '../../server/core/markdown';
import type { FileRuleContext, MermaidValidator, Report } from '../../server/core/rule';
import { mermaidSyntax } from '../../server/core/rules/mermaidSyntax';
import type { MermaidProblem } from '../../server/core/rule';

export const root = path.resolve(__dirname, '..', '..');
export const workerPath = path.join(root, 'dist', 'mermaidWorker.mjs');
export const fixtures = path.join(root, 'test', 'fixtures', 'mermaid');

export function requireBundle(): string {
  if (!existsSync(workerPath)) {
    throw new Error(`${path.relative(root, workerPath)} is missing: run \`npm run build\` before the Mermaid tests.`);
  }
  return workerPath;
}

/** The worker bundle loaded in this process (for mermaid's own verdict and in-process parsing). */
export interface WorkerModule {
  validateBlock(text: string): Promise<MermaidProblem[]>;
  referenceParse(text: string): Promise<{ ok: true; diagramType: string } | { ok: false; error: unknown }>;
  parseDiagram(text: string): Promise<{ ok: boolean }>;
  registeredDiagramTypes(): string[];
  fastConfigCopy(config: object): object;
  compiledConfigCopy(config: object): object;
  mermaidConfigCopy(config: object): object;
}

export async function loadWorkerModule(): Promise<WorkerModule> {
  return (await import(pathToFileURL(requireBundle()).href)) as WorkerModule;
}

export function readFixture(...parts: string[]): string {
  return readFileSync(path.join(fixtures, ...parts), 'utf8');
}

export interface Finding extends Report {
  text: string;
}

/** Runs the mermaid-syntax rule on a Markdown (or .mmd) text and returns its reports with the covered source text. */
export async function runRule(
  text: string,
  mermaid: MermaidValidator,
  options: { mmd?: boolean } = {},
): Promise<Finding[]> {
  const doc = parseMarkdown(options.mmd ? '' : text);
  if (options.mmd) {
    // What the engine gives for standalone Mermaid files: one fence holding the whole file.
    const lines = text.split(/\r\n|\r|\n/);
    doc.text = text;
    doc.lines = lines;
    doc.fences = [
      {
        info: 'mermaid',
        lang: 'mermaid',
        content: text,
        contentLines: lines.map((_, i) => ({ line: i, character: 0 })),
        openLine: 0,
        closeLine: lines.length - 1,
        openRange: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        headingIndex: -1,
      },
    ];
  }
  const reports: Report[] = [];
  const ctx: FileRuleContext = {
    config: {} as ResolvedConfig,
    services: { mermaid },
    report: (r) => reports.push(r),
    file: { path: '/x/doc.md', text, doc, isMermaidFile: options.mmd },
  };
  await mermaidSyntax.checkFile?.(ctx);
  const lines = text.split(/\r\n|\r|\n/);
  return reports.map((r) => ({
    ...r,
    text:
      r.range.start.line === r.range.end.line
        ? (lines[r.range.start.line] ?? '').slice(r.range.start.character, r.range.end.character)
        : '',
  }));
}

/** Markdown files under a folder, recursively. */
export function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...markdownFiles(full));
    else if (/\.(md|markdown|mmd|mermaid)$/i.test(name)) out.push(full);
  }
  return out.sort();
}
