// common/protocol against what else names its messages and commands: the manifest (package.json, package.nls.json)
// names the commands, docs/lsp-extensions.md documents the messages for other editors. Either side may drift.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { NotificationType, NotificationType0, RequestType, RequestType0 } from 'vscode-jsonrpc';
import * as protocol from '../../common/protocol';
import { Commands } from '../../common/protocol';

const root = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const manifest = JSON.parse(read('package.json')) as { contributes: { commands: { command: string }[] } };
const nls = read('package.nls.json');

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

test('the manifest contributes exactly the commands of common/protocol/commands.ts', () => {
  assert.deepEqual(sorted(manifest.contributes.commands.map((c) => c.command)), sorted(Object.values(Commands)));
});

test('every command the manifest runs (menus, keybindings, walkthrough and welcome links, completion events) is one of them', () => {
  const known = new Set<string>(Object.values(Commands));
  const text = JSON.stringify(manifest.contributes) + nls;
  // "command": "…" in menus and keybindings; command:… links in Markdown; onCommand:… completion events.
  const named = [
    ...text.matchAll(/"command":\s*"([^"]+)"/g),
    ...text.matchAll(/(?:\(command:|onCommand:)([\w.]+)/g),
  ].map((m) => m[1]);
  assert.ok(
    named.length > manifest.contributes.commands.length,
    'the manifest names commands outside its command list',
  );
  for (const id of named.filter((n) => n.startsWith('designNotes.')))
    assert.ok(known.has(id), `${id} is run by the manifest but not in Commands`);
});

/** Every request and notification the module exports, by method name. */
function protocolMethods(): string[] {
  return (Object.values(protocol) as unknown[])
    .filter(
      (v): v is { method: string } =>
        typeof v === 'object' && v !== null && typeof (v as { method?: unknown }).method === 'string',
    )
    .map((v) => v.method);
}

test('every message is a designNotes/ method, exported once', () => {
  const methods = protocolMethods();
  assert.ok(methods.length >= 10, `found ${methods.length}`);
  for (const m of methods) assert.match(m, /^designNotes\/\w+$/);
  assert.equal(new Set(methods).size, methods.length);
});

/** The messages of docs/lsp-extensions.md: each `**Method:**` line and the `**Request:**`/`**Notification:**` line after it. */
function documentedMessages(): Map<string, 'request' | 'notification'> {
  const doc = read('docs/lsp-extensions.md');
  const found = new Map<string, 'request' | 'notification'>();
  for (const m of doc.matchAll(/\*\*Method:\*\* `([^`]+)`\s*\n\s*\n\*\*(Request|Notification):\*\*/g)) {
    assert.ok(!found.has(m[1]), `${m[1]} is documented twice`);
    found.set(m[1], m[2] === 'Request' ? 'request' : 'notification');
  }
  // A method line without its kind, or a method named elsewhere in the page but never given a section.
  const methodLines = [...doc.matchAll(/\*\*Method:\*\* `([^`]+)`/g)].map((m) => m[1]);
  assert.deepEqual(
    sorted(methodLines),
    sorted(found.keys()),
    'every **Method:** line is followed by **Request:** or **Notification:**',
  );
  for (const [name] of doc.matchAll(/designNotes\/\w+/g))
    assert.ok(found.has(name), `${name} is mentioned in the doc but has no section`);
  return found;
}

test('docs/lsp-extensions.md documents every message of the module, as what it is, and nothing else', () => {
  const documented = documentedMessages();
  const inModule = new Map(
    (Object.values(protocol) as unknown[])
      .filter(
        (v) =>
          v instanceof RequestType ||
          v instanceof RequestType0 ||
          v instanceof NotificationType ||
          v instanceof NotificationType0,
      )
      .map((v) => {
        const type = v as { method: string };
        return [
          type.method,
          v instanceof NotificationType || v instanceof NotificationType0 ? 'notification' : 'request',
        ] as const;
      }),
  );
  assert.equal(inModule.size, protocolMethods().length, 'every exported message is a vscode-jsonrpc message type');
  assert.deepEqual(sorted(documented.keys()), sorted(inModule.keys()), 'methods in the doc vs the module');
  for (const [method, kind] of inModule) assert.equal(documented.get(method), kind, `${method} is a ${kind}`);
});

test('docs/lsp-extensions.md names only real command ids', () => {
  const known = new Set<string>(Object.values(Commands));
  const named = [...read('docs/lsp-extensions.md').matchAll(/`(designNotes\.[\w.]+)`/g)].map((m) => m[1]);
  assert.ok(named.length > 0);
  for (const id of named) assert.ok(known.has(id), `${id} is not in Commands`);
});
