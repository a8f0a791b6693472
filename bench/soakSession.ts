// The soak's edit session, shared by `npm run bench` (RSS over the session) and bench/serverHeap.ts --soak (live JS
// heap at the same points): 40 open files of the 1,000-case-study workspace, one-character edits typed at line ends
// (diagram lines first, so each edited diagram is a text the Mermaid cache has not seen), a check after every 20.
import { readFileSync } from 'node:fs';
import { markdownFiles } from './corpus';
import type { TestLspClient } from '../test/support/lspClient';

export interface SoakSession {
  /** Makes edits `from + 1` … `to` (1-based, cumulative over the session). */
  edit(from: number, to: number): Promise<void>;
}

export async function openSoakSession(client: TestLspClient, workspace: string): Promise<SoakSession> {
  const files = markdownFiles(workspace)
    .filter((f) => f.endsWith('.md'))
    .filter((_, i) => i % 83 === 0)
    .slice(0, 40);
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  for (const [i, f] of files.entries()) await client.open(f, texts[i]);
  await client.idle();
  const lines = texts.map((t) => t.split('\n'));
  return {
    async edit(from, to) {
      for (let i = from + 1; i <= to; i++) {
        const k = i % files.length;
        const fileLines = lines[k];
        // Prefer lines inside diagrams (indented or arrows), else any non-empty line.
        const candidates = fileLines.map((l, n) => (/-->|->>|:/.test(l) ? n : -1)).filter((n) => n >= 0);
        const pool = candidates.length
          ? candidates
          : fileLines.map((l, n) => (l.trim() ? n : -1)).filter((n) => n >= 0);
        const line = pool[(i * 7919) % pool.length];
        const end = fileLines[line].length;
        fileLines[line] += 'x';
        const at = { line, character: end };
        await client.change(files[k], [{ range: { start: at, end: at }, text: 'x' }]);
        if (i % 20 === 0) await client.idle();
      }
      await client.idle();
    },
  };
}
