import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import {
  findNodeAtLocation,
  getNodeValue,
  parseTree,
  printParseErrorCode,
  type Node,
  type ParseError,
} from 'jsonc-parser';
import builtInJson from '../data/patterns.json';
import schema from '../../../schemas/patterns.schema.json';
import type { Range } from '../types';
import { excessiveNesting, rangeOf, pathOf, schemaErrorRange, TOO_DEEP_MESSAGE } from '../jsonText';

export const PATTERN_CATEGORIES = [
  'scalability',
  'caching',
  'data-storage',
  'messaging-events',
  'reliability',
  'consistency',
  'api-networking',
  'security',
  'deployment',
  'observability',
  'ai-llm',
] as const;

export type PatternCategory = (typeof PATTERN_CATEGORIES)[number];

/** Human-readable category names, for cards and generated docs. */
export const CATEGORY_TITLES: Record<PatternCategory, string> = {
  scalability: 'Scalability',
  caching: 'Caching',
  'data-storage': 'Data storage',
  'messaging-events': 'Messaging and events',
  reliability: 'Reliability',
  consistency: 'Consistency',
  'api-networking': 'APIs and networking',
  security: 'Security',
  deployment: 'Deployment',
  observability: 'Observability',
  'ai-llm': 'AI and LLM systems',
};

/** One catalog entry as stored in patterns.json (or a user catalog). */
export interface RawPattern {
  id: string;
  name: string;
  aliases?: string[];
  category: PatternCategory;
  summary: string;
  whenToUse?: string;
  costs?: string;
  related?: string[];
  mermaid?: string;
  reference?: string;
}

export interface Pattern {
  id: string;
  name: string;
  aliases: string[];
  category: PatternCategory;
  summary: string;
  whenToUse?: string;
  costs?: string;
  related: string[];
  mermaid?: string;
  reference?: string;
  /** Where the entry comes from; a user entry with a built-in id replaces the built-in one. */
  source: 'built-in' | 'user';
}

export interface Catalog {
  /** Built-in entries in catalog order, with user overrides in place, then new user entries. */
  patterns: Pattern[];
  byId: Map<string, Pattern>;
}

/** A problem in a user catalog file, positioned in that file's text. */
export interface CatalogProblem {
  message: string;
  range: Range;
  severity: 'error' | 'warning';
}

export interface LoadedCatalog {
  catalog: Catalog;
  problems: CatalogProblem[];
}

/** The raw built-in catalog (server/core/data/patterns.json). */
export const BUILT_IN_CATALOG: unknown = builtInJson;

let validator: ValidateFunction | undefined;
function getValidator(): ValidateFunction {
  // Compiled on first use: the schema is small, but the CLI may never need the catalog.
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  return validator;
}

/** Validate a raw catalog object against schemas/patterns.schema.json; returns ajv's errors (empty when valid). */
export function validateCatalogObject(value: unknown): ErrorObject[] {
  const validate = getValidator();
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

function toPattern(raw: RawPattern, source: Pattern['source']): Pattern {
  return {
    id: raw.id,
    name: raw.name,
    aliases: [...(raw.aliases ?? [])],
    category: raw.category,
    summary: raw.summary,
    whenToUse: raw.whenToUse,
    costs: raw.costs,
    related: [...(raw.related ?? [])],
    mermaid: raw.mermaid,
    reference: raw.reference,
    source,
  };
}

/**
 * Build the catalog from the built-in data and an optional user catalog file (JSON with comments).
 * The built-in catalog is part of the product, so an invalid one throws. A user catalog never breaks anything:
 * invalid JSON or an invalid shape is reported and ignored, an invalid entry is reported and skipped, and
 * everything valid extends the built-in catalog or replaces built-in entries with the same id.
 */
export function loadCatalog(builtIn: unknown = BUILT_IN_CATALOG, userCatalogText?: string): LoadedCatalog {
  const builtInErrors = validateCatalogObject(builtIn);
  if (builtInErrors.length) {
    throw new Error(
      `Built-in pattern catalog is invalid: ${builtInErrors.map((e) => `${e.instancePath} ${e.message}`).join('; ')}`,
    );
  }
  const patterns = (builtIn as { patterns: RawPattern[] }).patterns.map((p) => toPattern(p, 'built-in'));
  const problems: CatalogProblem[] = [];
  const userEntries = userCatalogText === undefined ? [] : readUserCatalog(userCatalogText, problems);

  const position = new Map<string, number>();
  patterns.forEach((p, i) => position.set(p.id, i));
  for (const { pattern } of userEntries) {
    const at = position.get(pattern.id);
    if (at === undefined) {
      position.set(pattern.id, patterns.length);
      patterns.push(pattern);
    } else {
      patterns[at] = pattern;
    }
  }
  const byId = new Map(patterns.map((p) => [p.id, p]));

  // Related ids are checked after merging, since a user entry may point at another user entry.
  for (const { pattern, node, text } of userEntries) {
    if (byId.get(pattern.id) !== pattern) continue; // overridden by a later duplicate, already reported
    const kept: string[] = [];
    pattern.related.forEach((id, i) => {
      if (byId.has(id)) kept.push(id);
      else {
        const relNode = findNodeAtLocation(node, ['related', i]);
        problems.push({
          message: `Pattern "${pattern.id}" is related to unknown pattern id "${id}"; the link is ignored.`,
          range: rangeOf(text, relNode?.offset ?? node.offset, relNode?.length ?? 1),
          severity: 'warning',
        });
      }
    });
    pattern.related = kept;
  }
  return { catalog: { patterns, byId }, problems };
}

interface UserEntry {
  pattern: Pattern;
  node: Node;
  text: string;
}

function readUserCatalog(text: string, problems: CatalogProblem[]): UserEntry[] {
  const tooDeep = excessiveNesting(text);
  if (tooDeep >= 0) {
    problems.push({
      message: `The pattern catalog ${TOO_DEEP_MESSAGE}. Only the built-in catalog is used.`,
      range: rangeOf(text, tooDeep, 1),
      severity: 'error',
    });
    return [];
  }
  const parseErrors: ParseError[] = [];
  const tree = parseTree(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  for (const e of parseErrors) {
    problems.push({
      message: `Invalid JSON in pattern catalog: ${printParseErrorCode(e.error)
        .replace(/([a-z])([A-Z])/g, '$1 $2')
        .toLowerCase()}. Only the built-in catalog is used.`,
      range: rangeOf(text, e.offset, e.length),
      severity: 'error',
    });
  }
  if (parseErrors.length) return [];
  if (!tree) {
    if (text.trim())
      problems.push({
        message: 'The pattern catalog is empty or not JSON. Only the built-in catalog is used.',
        range: rangeOf(text, 0, 1),
        severity: 'error',
      });
    return [];
  }
  const raw = getNodeValue(tree) as unknown;
  if (
    !raw ||
    typeof raw !== 'object' ||
    Array.isArray(raw) ||
    !Array.isArray((raw as { patterns?: unknown }).patterns)
  ) {
    problems.push({
      message: 'A pattern catalog must be an object with a "patterns" array. Only the built-in catalog is used.',
      range: rangeOf(text, tree.offset, tree.length),
      severity: 'error',
    });
    return [];
  }

  // Errors inside one entry skip that entry only; any other error (e.g. an unknown top-level key) is just reported.
  const invalidEntries = new Set<number>();
  const seenErrors = new Set<string>();
  for (const e of validateCatalogObject(raw)) {
    const path = pathOf(e.instancePath);
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seenErrors.has(key)) continue;
    seenErrors.add(key);
    if (path[0] === 'patterns' && typeof path[1] === 'number') invalidEntries.add(path[1]);
    problems.push({
      message: `${describe(e)} ${path[0] === 'patterns' && typeof path[1] === 'number' ? 'This entry is ignored.' : 'This key is ignored.'}`,
      range: schemaErrorRange(text, tree, e),
      severity: 'error',
    });
  }

  const entries: UserEntry[] = [];
  const seenIds = new Map<string, number>();
  const list = (raw as { patterns: RawPattern[] }).patterns;
  list.forEach((entry, i) => {
    if (invalidEntries.has(i)) return;
    const node = findNodeAtLocation(tree, ['patterns', i]);
    if (!node) return;
    if (seenIds.has(entry.id)) {
      const idNode = findNodeAtLocation(tree, ['patterns', i, 'id']);
      problems.push({
        message: `Duplicate pattern id "${entry.id}" in the catalog; this later entry wins.`,
        range: rangeOf(text, idNode?.offset ?? node.offset, idNode?.length ?? 1),
        severity: 'warning',
      });
    }
    seenIds.set(entry.id, i);
    entries.push({ pattern: toPattern(entry, 'user'), node, text });
  });
  return entries;
}

function describe(error: ErrorObject): string {
  const path = pathOf(error.instancePath);
  const where = path.length ? `"${path.join('.')}"` : 'The catalog';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `Unknown key "${String(params.additionalProperty)}" in ${path.length ? where : 'the catalog'}.`;
    case 'required':
      return `${where} needs "${String(params.missingProperty)}".`;
    case 'enum':
      return `${where} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'type':
      return `${where} must be ${params.type === 'array' || params.type === 'object' ? 'an' : 'a'} ${String(params.type)}.`;
    case 'pattern':
      return `${where} must be a kebab-case id (lower-case letters, digits and hyphens).`;
    default:
      return `${where} ${error.message ?? 'is invalid'}.`;
  }
}
