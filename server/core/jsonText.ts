// Positions in JSON text for problems reported on configuration-like files (.designnotes.json, pattern catalogs):
// jsonc-parser gives offsets, Ajv gives JSON pointers; editors want line/character ranges.
import type { ErrorObject } from 'ajv';
import { createScanner, findNodeAtLocation, parseTree, type Node, type ParseError } from 'jsonc-parser';
import type { Position, Range } from './types';

/** Line and character of an offset, clamped to the text. */
export function offsetToPosition(text: string, offset: number): Position {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: end - lineStart };
}

/** Range of `length` characters (at least one) from `offset`, clamped so an error at the very end stays inside. */
export function rangeOf(text: string, offset: number, length: number): Range {
  const start = Math.min(offset, text.length);
  return {
    start: offsetToPosition(text, start),
    end: offsetToPosition(text, Math.min(start + Math.max(length, 1), text.length)),
  };
}

/** Ajv's instancePath ("/rules/no-diagram", "/0/id") as a jsonc-parser path (["rules", "no-diagram"], [0, "id"]). */
export function pathOf(instancePath: string): (string | number)[] {
  if (!instancePath) return [];
  return instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** Where an Ajv schema error sits in the text: an unknown key at the key itself, anything else at its value. */
export function schemaErrorRange(text: string, tree: Node, e: ErrorObject): Range {
  const path = pathOf(e.instancePath);
  if (e.keyword === 'additionalProperties') {
    const prop = (e.params as { additionalProperty: string }).additionalProperty;
    const keyNode = findNodeAtLocation(tree, [...path, prop])?.parent?.children?.[0];
    if (keyNode) return rangeOf(text, keyNode.offset, keyNode.length);
  }
  const node = findNodeAtLocation(tree, path);
  if (node) return rangeOf(text, node.offset, node.length);
  return rangeOf(text, tree.offset, 1);
}

/**
 * Deepest nesting of arrays and objects accepted in a JSON file we read from the workspace. jsonc-parser, its
 * getNodeValue and Ajv recurse once per level: `[` × 3,000 (6 KB) overflowed the stack and took the whole check
 * down. Real configuration files nest a few levels.
 */
export const MAX_JSON_DEPTH = 64;

// jsonc-parser's SyntaxKind values (a const enum, which isolatedModules cannot read from a .d.ts).
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const EOF = 17;

/** Offset of the first `[` or `{` that nests deeper than MAX_JSON_DEPTH, or -1. One pass of jsonc-parser's scanner (no recursion). */
export function excessiveNesting(text: string): number {
  const scanner = createScanner(text, false);
  let depth = 0;
  for (let kind: number = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind === OPEN_BRACE || kind === OPEN_BRACKET) {
      if (++depth > MAX_JSON_DEPTH) return scanner.getTokenOffset();
    } else if (kind === CLOSE_BRACE || kind === CLOSE_BRACKET) {
      depth = Math.max(0, depth - 1);
    }
  }
  return -1;
}

export const TOO_DEEP_MESSAGE = `nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep`;

/** jsonc-parser's parseTree (comments and trailing commas allowed), or undefined for text nested too deeply to parse safely. */
export function parseJsonTree(text: string, errors: ParseError[] = []): Node | undefined {
  if (excessiveNesting(text) >= 0) return undefined;
  return parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
}
