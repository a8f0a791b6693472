// Generates the parts of the docs and schema that mirror the rule modules, so they cannot drift:
// - schemas/designnotes.schema.json: one `rules.<id>` property per rule (completion and validation in VS Code);
// - README.md: the rules table between <!-- rules:start --> and <!-- rules:end -->, and the quick-fix table (each
//   rule's `fixes.docs`) between <!-- quick-fixes:start --> and <!-- quick-fixes:end -->.
// `--check` changes nothing and exits 1 when a file is out of date (the test suite runs it). `--root DIR` works on
// another copy of the repository's files (the drift test uses one).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../server/core/rules';

const rootArg = process.argv.indexOf('--root');
const root =
  rootArg > 0 && process.argv[rootArg + 1] ? path.resolve(process.argv[rootArg + 1]) : path.resolve(__dirname, '..');
const check = process.argv.includes('--check');
const stale: string[] = [];

function update(file: string, next: string): void {
  const abs = path.join(root, file);
  const current = existsSync(abs) ? readFileSync(abs, 'utf8') : '';
  if (current === next) return;
  if (check) stale.push(file);
  else writeFileSync(abs, next);
}

export function schemaText(current: string): string {
  const schema = JSON.parse(current);
  schema.properties.rules.properties = Object.fromEntries(
    ALL_RULES.map((r) => [
      r.meta.id,
      { $ref: '#/definitions/severity', description: `${r.meta.description} Default: ${r.meta.defaultSeverity}.` },
    ]),
  );
  return JSON.stringify(schema, null, 2) + '\n';
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function rulesTable(): string {
  const rows = ALL_RULES.map(
    (r) =>
      `| \`${r.meta.id}\` | ${r.meta.defaultSeverity} | ${escapeCell(r.meta.description)} ${escapeCell(r.meta.docs)} | ${r.meta.example ? escapeCell('`' + r.meta.example.replace(/`/g, "'") + '`') : ''} |`,
  );
  return ['| Rule | Default | What it checks | Example message |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

export function quickFixTable(): string {
  const rows = ALL_RULES.flatMap((r) =>
    (r.fixes?.docs ?? []).map(
      (fix) =>
        `| \`${r.meta.id}\`${fix.when ? ` (${escapeCell(fix.when)})` : ''} | **${escapeCell(fix.title)}** — ${escapeCell(fix.does)} |`,
    ),
  );
  return ['| Finding | Quick fix (lightbulb, Ctrl+.) |', '| --- | --- |', ...rows].join('\n');
}

/** The text with the part between two markers replaced (unchanged when a marker is missing). */
function between(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  return a >= 0 && b > a ? text.slice(0, a + start.length) + '\n' + body + '\n' + text.slice(b) : text;
}

const schemaFile = 'schemas/designnotes.schema.json';
update(schemaFile, schemaText(readFileSync(path.join(root, schemaFile), 'utf8')));

const readmeFile = 'README.md';
const readmePath = path.join(root, readmeFile);
if (existsSync(readmePath)) {
  const readme = readFileSync(readmePath, 'utf8');
  update(readmeFile, between(between(readme, 'rules', rulesTable()), 'quick-fixes', quickFixTable()));
}

if (stale.length) {
  console.error(`Out of date (run \`npm run generate\`): ${stale.join(', ')}`);
  process.exit(1);
}
