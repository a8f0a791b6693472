// In-process comparison of the rule engine with its floor, without process start-up in either figure:
//   floor  = list the files, read them, parse them with markdown-it alone;
//   check  = checkWorkspace as the CLI runs it (synchronous reads, no parse cache, 8 case studies in flight) with
//            every rule and Mermaid validation (worker thread); a fresh Linter each run (so every file is re-read
//            and re-parsed) but the same Mermaid validator (so from the second run on its cache is warm, as in a
//            long-lived language server).
// `node --import tsx bench/inprocess.ts <root> <runs>`; prints one JSON line.
import MarkdownIt from 'markdown-it';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Linter } from '../server/core/engine';
import { syncNodeFileSystem } from '../server/core/node';
import type { Rule, RuleServices } from '../server/core/rule';
import { ALL_RULES } from '../server/core/rules';
import { mermaidSyntax } from '../server/core/rules/mermaidSyntax';
import { checkWorkspace, loadWorkspaceConfig } from '../server/core/workspace';
import { createMermaidValidator, type DisposableMermaidValidator } from '../server/core/node/mermaidValidator';

const root = path.resolve(process.argv[2] ?? '.');
const runs = Number(process.argv[3] ?? 3);
const workerPath = path.resolve(__dirname, '../dist/mermaidWorker.mjs');

function floor(): number {
  const start = performance.now();
  const md = new MarkdownIt({ html: true, linkify: false });
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else if (/\.(md|markdown|mdx)$/i.test(e.name)) md.parse(readFileSync(abs, 'utf8'), {});
      else if (/\.(mmd|mermaid)$/i.test(e.name)) readFileSync(abs, 'utf8');
    }
  };
  walk(root);
  return performance.now() - start;
}

async function main(): Promise<void> {
  let validator: DisposableMermaidValidator | undefined;
  let mermaidNote = 'Mermaid validation on';
  if (existsSync(workerPath)) {
    // Sized to hold every diagram of the largest corpus, so "warm" means warm; the server's default is 500.
    validator = createMermaidValidator({ workerPath, cacheSize: 20_000 });
  } else mermaidNote = 'Mermaid worker bundle missing: diagrams not validated';
  const services: RuleServices = validator ? { mermaid: validator } : {};
  const rules: readonly Rule[] = ALL_RULES.includes(mermaidSyntax) ? ALL_RULES : [...ALL_RULES, mermaidSyntax];
  const ruleIds = rules.map((r) => r.meta.id);
  const { config } = await loadWorkspaceConfig(root, syncNodeFileSystem, ruleIds);

  const floorMs: number[] = [];
  const checkMs: number[] = [];
  let findings = 0;
  for (let i = 0; i < runs; i++) {
    floorMs.push(floor());
    const linter = new Linter({ fs: syncNodeFileSystem, services, rules, keepParsed: false });
    const start = performance.now();
    const result = await checkWorkspace(root, config, linter, syncNodeFileSystem, root, { concurrency: 8 });
    checkMs.push(performance.now() - start);
    findings = [...result.findings.values()].reduce((n, list) => n + list.length, 0);
  }
  validator?.dispose();
  console.log(
    JSON.stringify({ floorMs, checkMs, findings, mermaidNote, mermaidInAllRules: ALL_RULES.includes(mermaidSyntax) }),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
