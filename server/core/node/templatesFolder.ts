// Where the shipped templates/ folder is on disk (Node only: it is found next to this module's bundle).
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_FILE_NAME, STANDARD_TEMPLATE_SET_ID } from '../scaffold/templates';
import './platform';

/**
 * The shipped templates/ folder. The bundles run from dist/ and the sources from server/core/node/, so
 * look upwards from this module for the folder holding templates/standard/template.json.
 */
export function findBuiltinTemplatesFolder(
  start: string = typeof __dirname === 'string' ? __dirname : process.cwd(),
): string | undefined {
  let dir = start;
  for (;;) {
    const candidate = path.join(dir, 'templates');
    if (existsSync(path.join(candidate, STANDARD_TEMPLATE_SET_ID, MANIFEST_FILE_NAME))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
