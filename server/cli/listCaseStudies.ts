// `design-notes lint --list-case-studies`: what discovery found and how each case study is read — its kind and
// where each required part is written — so a user can see why a folder is (or is not) checked as a design.
import { inert } from './terminalText';
import * as path from 'node:path';
import { analyzeCaseStudy, isWholeFile, type CaseStudyModel } from '../core/caseStudyModel';
import { Linter } from '../core/engine';
import { syncNodeFileSystem } from '../core/node';
import type { SourceFile } from '../core/rule';
import { displayPath } from './io';
import { NO_CASE_STUDY_HINT, type LintRun } from './lint';

interface ListedPart {
  /** Path of the file relative to the case-study folder. */
  path: string;
  /** The heading of the section that writes the part; absent when the whole file does (by its name). */
  section?: string;
}

interface ListedCaseStudy {
  path: string;
  kind: CaseStudyModel['kind'];
  kindReason: string;
  files: string[];
  /** Where each required part is written; an empty list: nowhere (only design case studies are held to them). */
  parts: Record<string, ListedPart[]>;
}

async function describe(run: LintRun, cwd: string): Promise<ListedCaseStudy[]> {
  const linter = new Linter({ fs: syncNodeFileSystem, keepParsed: false });
  const out: ListedCaseStudy[] = [];
  for (const cs of run.caseStudies) {
    const config = run.configs.get(cs.path)!;
    const files = new Map<string, SourceFile>();
    for (const entry of cs.files) {
      const { file } = await linter.read(entry.path, config, entry.kind);
      if (file) files.set(entry.path, file);
    }
    const model = analyzeCaseStudy(cs, files, config);
    const parts: Record<string, ListedPart[]> = {};
    for (const spec of config.requiredFiles) {
      const places = model.parts.get(spec.id) ?? [];
      // A file that is the part by its name is listed once, not again for each of its sections.
      const whole = new Set(places.filter(isWholeFile).map((p) => p.path));
      parts[spec.id] = places
        .filter((p) => isWholeFile(p) || !whole.has(p.path))
        .map((p) => {
          const heading =
            p.heading !== undefined
              ? files.get(p.path)?.doc.headings[p.heading]?.text.trim()
              : p.line !== undefined
                ? `weighed in the text, line ${p.line + 1}`
                : undefined;
          return {
            path: cs.isFile ? path.basename(p.path) : path.relative(cs.path, p.path).split(path.sep).join('/'),
            ...(heading !== undefined ? { section: heading } : {}),
          };
        });
    }
    out.push({
      path: displayPath(cs.path, cwd),
      kind: model.kind,
      kindReason: model.kindReason,
      files: cs.files.map((f) => f.relative),
      parts,
    });
  }
  return out;
}

export async function formatCaseStudyList(run: LintRun, cwd: string, format: 'text' | 'json'): Promise<string> {
  const listed = await describe(run, cwd);
  if (format === 'json') return JSON.stringify({ caseStudies: listed, files: run.filesChecked }, null, 2) + '\n';
  const lines: string[] = [];
  for (const cs of listed) {
    lines.push(
      `${inert(cs.path)}  ${cs.kind} (from ${inert(cs.kindReason)}), ${cs.files.length} file${cs.files.length === 1 ? '' : 's'}`,
    );
    const width = Math.max(0, ...Object.keys(cs.parts).map((k) => k.length));
    for (const [id, places] of Object.entries(cs.parts)) {
      const where = places.length
        ? places
            .slice(0, 3)
            .map((p) => (p.section !== undefined ? `${p.path} § ${p.section}` : p.path))
            .join('; ') + (places.length > 3 ? `; … ${places.length - 3} more` : '')
        : cs.kind === 'design'
          ? 'missing'
          : '— (not required)';
      lines.push(`  ${id.padEnd(width)}  ${inert(where)}`);
    }
  }
  const n = listed.length;
  lines.push(
    `${n} case stud${n === 1 ? 'y' : 'ies'}, ${run.filesChecked} file${run.filesChecked === 1 ? '' : 's'} checked.`,
  );
  if (!n) lines.push(`hint: ${NO_CASE_STUDY_HINT}`);
  return lines.join('\n') + '\n';
}
