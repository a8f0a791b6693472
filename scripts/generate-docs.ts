// Generates the parts of the docs and schema that mirror the rule modules, so they cannot drift:
// - schemas/designnotes.schema.json: one `rules.<id>` property per rule (completion and validation in VS Code);
// - README.md: the rules table between <!-- rules:start --> and <!-- rules:end -->.
// `--check` changes nothing and exits 1 when a file is out of date (the test suite runs it).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../server/core/rules';

const root = path.resolve(__dirname, '..');
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
    ALL_RULES.map((r) => [r.meta.id, { $ref: '#/definitions/severity', description: `${r.meta.description} Default: ${r.meta.defaultSeverity}.` }]),
  );
  return JSON.stringify(schema, null, 2) + '\n';
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function rulesTable(): string {
  const rows = ALL_RULES.map(
    (r) => `| \`${r.meta.id}\` | ${r.meta.defaultSeverity} | ${escapeCell(r.meta.description)} ${escapeCell(r.meta.docs)} | ${r.meta.example ? escapeCell('`' + r.meta.example.replace(/`/g, "'") + '`') : ''} |`,
  );
  return ['| Rule | Default | What it checks | Example message |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

const schemaFile = 'schemas/designnotes.schema.json';
update(schemaFile, schemaText(readFileSync(path.join(root, schemaFile), 'utf8')));

const readmeFile = 'README.md';
const readmePath = path.join(root, readmeFile);
if (existsSync(readmePath)) {
  const readme = readFileSync(readmePath, 'utf8');
  const start = '<!-- rules:start -->';
  const end = '<!-- rules:end -->';
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a >= 0 && b > a) update(readmeFile, readme.slice(0, a + start.length) + '\n' + rulesTable() + '\n' + readme.slice(b));
}

if (stale.length) {
  console.error(`Out of date (run \`npm run generate\`): ${stale.join(', ')}`);
  process.exit(1);
}
