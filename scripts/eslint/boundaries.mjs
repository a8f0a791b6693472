// Which folder may import what: the architecture's boundaries as one table, enforced by the ESLint rule below
// (`design-notes/boundaries`, wired in eslint.config.mjs) and mirrored by docs/architecture.md (a test checks that the
// doc names the same folders).
//
// Why a small local rule rather than `no-restricted-imports` patterns: it resolves each relative import against the
// importing file, so a crossing is caught whatever the number of `../` (a core file reaching `../../features/x` is
// server code, which no specifier pattern can tell), and packages are checked against an allow-list per runtime
// (the client may not start bundling markdown-it again) as well as a deny-list.
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const NODE_BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.split('/')[0]));

/** A package or Node built-in the import names; undefined for a relative import. */
function packageOf(specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
  if (specifier.startsWith('node:')) return { builtin: true, name: specifier.slice(5).split('/')[0] };
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return { builtin: NODE_BUILTINS.has(name), name };
}

const LSP = [
  'vscode-languageserver',
  'vscode-languageserver-protocol',
  'vscode-languageserver-types',
  'vscode-jsonrpc',
  'vscode-languageclient',
];

/**
 * The zones, most specific folder first (a file belongs to the first zone whose folder contains it).
 * - `may`: zones whose files it may import (its own included);
 * - `typesFrom`: zones it may import types from (`import type` / `export type … from`: erased from the bundle);
 * - `packages`: 'any', or the packages it may import (everything else is refused), or `{ deny: [...] }`;
 * - `builtins`: Node built-ins allowed (true), refused (false), or only these names;
 * - `typeOnly`: packages it may import only with `import type`.
 * Files in no zone (test/, scripts/, bench/, the root) are not restricted.
 */
export const ZONES = [
  {
    name: 'core-node',
    folder: 'server/core/node',
    what: "the core's Node adapters (FileSystem over node:fs, workers, processes)",
    may: ['core-node', 'core', 'common'],
    packages: { deny: ['vscode', ...LSP] },
    builtins: true,
  },
  {
    name: 'core',
    folder: 'server/core',
    what: 'the editor-free core: parsing, case-study model, rules, catalog, Mermaid validation',
    may: ['core', 'common'],
    packages: { deny: ['vscode', ...LSP] },
    // All I/O goes through the FileSystem interface, whose Node implementation lives in server/core/node/; paths
    // through the core's own path module, so the core can run where Node cannot (a web worker).
    builtins: false,
  },
  {
    name: 'server',
    folder: 'server',
    what: 'the language server (LSP adapters, CheckService) and the CLI',
    may: ['server', 'core', 'core-node', 'common', 'protocol'],
    packages: { deny: ['vscode', 'vscode-languageclient'] },
    builtins: true,
  },
  {
    name: 'client',
    folder: 'src',
    what: 'the extension client (VS Code extension host)',
    may: ['client', 'common', 'protocol'],
    packages: ['vscode', 'vscode-languageclient', 'vscode-languageserver-protocol', 'vscode-jsonrpc', 'vscode-uri'],
    builtins: true,
  },
  {
    name: 'webview',
    folder: 'media',
    what: 'the preview webview scripts (browser)',
    may: ['webview', 'common', 'protocol'],
    packages: [],
    typeOnly: ['mermaid'],
    builtins: false,
  },
  {
    name: 'protocol',
    folder: 'common/protocol',
    what: 'the one protocol module: designNotes/* requests and notifications, their types, command ids',
    may: ['protocol', 'common'],
    // The wire types the core defines (CaseStudySummary, ScaffoldPlan, …) are part of the contract.
    typesFrom: ['core'],
    packages: ['vscode-languageserver-protocol', 'vscode-jsonrpc'],
    builtins: false,
  },
  {
    name: 'common',
    folder: 'common',
    what: 'small pure helpers more than one runtime needs',
    may: ['common'],
    // Message types built on the protocol's types; no LSP code at run time.
    typesFrom: ['protocol'],
    packages: { deny: ['vscode', ...LSP] },
    builtins: false,
  },
];

const TOOLING = ['test', 'scripts', 'bench'];

function zoneOfPath(rel) {
  const posix = rel.split(path.sep).join('/');
  for (const zone of ZONES) if (posix === zone.folder || posix.startsWith(zone.folder + '/')) return zone;
  return undefined;
}

function packageProblem(zone, pkg, typeOnly) {
  if (pkg.builtin) {
    const ok = zone.builtins === true || (Array.isArray(zone.builtins) && zone.builtins.includes(pkg.name));
    return ok ? undefined : `Node built-in "${pkg.name}" is not available to ${zone.folder}/ (${zone.what})`;
  }
  if (zone.typeOnly?.includes(pkg.name)) {
    return typeOnly ? undefined : `${zone.folder}/ may import "${pkg.name}" only with \`import type\``;
  }
  const { packages } = zone;
  if (packages === 'any') return undefined;
  if (Array.isArray(packages)) {
    return packages.includes(pkg.name)
      ? undefined
      : `${zone.folder}/ (${zone.what}) may not import the package "${pkg.name}"`;
  }
  return packages.deny.includes(pkg.name) ? `${zone.folder}/ (${zone.what}) may not import "${pkg.name}"` : undefined;
}

function relativeProblem(zone, fromFile, specifier, typeOnly) {
  const target = path.relative(ROOT, path.resolve(path.dirname(fromFile), specifier));
  if (target.startsWith('..')) return `${zone.folder}/ may not import from outside the repository ("${specifier}")`;
  const targetZone = zoneOfPath(target);
  const top = target.split(path.sep)[0];
  if (!targetZone) {
    return TOOLING.includes(top) ? `${zone.folder}/ may not import ${top}/ ("${specifier}")` : undefined;
  }
  if (zone.may.includes(targetZone.name)) return undefined;
  if (zone.typesFrom?.includes(targetZone.name)) {
    return typeOnly
      ? undefined
      : `${zone.folder}/ may import ${targetZone.folder}/ only with \`import type\` ("${specifier}")`;
  }
  return `${zone.folder}/ (${zone.what}) may not import ${targetZone.folder}/ ("${specifier}"); it may import: ${zone.may
    .map((n) => ZONES.find((z) => z.name === n).folder + '/')
    .join(', ')}`;
}

/** @type {import('eslint').Rule.RuleModule} */
export const boundariesRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Each folder imports only what its runtime may (see docs/architecture.md)' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const zone = zoneOfPath(path.relative(ROOT, file));
    if (!zone) return {};
    const check = (node, source, typeOnly) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const specifier = source.value;
      const pkg = packageOf(specifier);
      const message = pkg ? packageProblem(zone, pkg, typeOnly) : relativeProblem(zone, file, specifier, typeOnly);
      if (message) context.report({ node: source, message });
    };
    return {
      ImportDeclaration: (node) =>
        check(
          node,
          node.source,
          node.importKind === 'type' ||
            (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type')),
        ),
      ExportNamedDeclaration: (node) => check(node, node.source, node.exportKind === 'type'),
      ExportAllDeclaration: (node) => check(node, node.source, node.exportKind === 'type'),
      ImportExpression: (node) => check(node, node.source, false),
      TSImportEqualsDeclaration: (node) =>
        node.moduleReference.type === 'TSExternalModuleReference' &&
        check(node, node.moduleReference.expression, node.importKind === 'type'),
      'CallExpression[callee.name="require"]': (node) => check(node, node.arguments[0], false),
    };
  },
};

export const boundariesPlugin = { meta: { name: 'design-notes' }, rules: { boundaries: boundariesRule } };
