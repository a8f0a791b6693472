import { mkdtempSync, mkdirSync, writeFileSync, rmSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MemoryFileSystem } from '../../server/core/memoryFileSystem';

/** Write a folder tree from { 'relative/path.md': 'content' } into a fresh temp folder; returns its real path. */
export function makeTree(files: Record<string, string | Uint8Array>, prefix = 'dn-test-'): string {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), prefix)));
  writeTree(root, files);
  return root;
}

export function writeTree(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    if (rel.endsWith('/')) mkdirSync(abs, { recursive: true });
    else writeFileSync(abs, content);
  }
}

let memoryTrees = 0;
const MEMORY_ROOT = path.resolve('/dn-memory');

/**
 * The same tree in memory, for tests where the disk is not the point: { root, fs } with root a path that exists
 * only in `fs` (nothing is written, nothing to remove). Symbolic links, FIFOs, permissions and sizes need makeTree.
 */
export function memoryTree(files: Record<string, string | Uint8Array>): { root: string; fs: MemoryFileSystem } {
  const root = path.join(MEMORY_ROOT, `tree-${++memoryTrees}`);
  const fs = new MemoryFileSystem(
    Object.fromEntries(
      Object.entries(files).map(([rel, content]) => [
        rel.endsWith('/') ? path.join(root, rel) + '/' : path.join(root, rel),
        content,
      ]),
    ),
  );
  fs.addFolder(root);
  return { root, fs };
}

export function removeTree(root: string): void {
  // A memoryTree's root is not on the disk: there is nothing to remove (and nothing there may be touched).
  if (root.startsWith(MEMORY_ROOT + path.sep)) return;
  rmSync(root, { recursive: true, force: true });
}

/** A complete, clean case study (all required files and sections, measurable NFRs, a diagram, named alternatives). */
export const CLEAN_CASE_STUDY: Record<string, string> = {
  'requirements.md': `# Notification System — Requirements

## Functional Requirements

- Send email, SMS and push notifications.
- Users choose their channels.

## Non-Functional Requirements

- 99.9% monthly availability.
- p99 delivery latency under 5 s.
`,
  'high-level-design.md': `# Notification System — High-Level Design

## Architecture

\`\`\`mermaid
flowchart LR
  api[API] --> q[[Queue]] --> w[Workers]
\`\`\`

## Key Components

- API: accepts notification requests.
- Workers: deliver per channel.
`,
  'trade-offs.md': `# Trade-offs

## Queue vs direct calls

A queue absorbs spikes; direct calls were rejected because providers throttle.
`,
};

export function caseStudyFiles(
  name: string,
  files: Record<string, string>,
  root = 'case-studies',
): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [`${root}/${name}/${k}`, v]));
}
