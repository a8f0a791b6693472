// An exact, faster equivalent of mermaid's `assignWithDepth({}, config)` (depth 2), which is what its getConfig()
// returns. Diagram databases call getConfig() for every node they add, so this copy dominates parse time. Same
// result: the same own keys in the same order, null-valued object keys dropped, levels 0-1 copied key by key,
// level-2 objects copied with Object.assign, deeper objects shared, arrays copied without duplicates. mermaid
// writes keys with defineProperty (plain writable/enumerable/configurable data properties), which a plain
// assignment also creates, except for a key named "__proto__", which must not turn into a prototype change (and
// which mermaid keeps only when its value is an object).

type Plain = Record<string, unknown>;

function put(out: Plain, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
  else out[key] = value;
}

function uniqueCopy(source: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const item of source) if (!out.includes(item)) out.push(item);
  return out;
}

function copyWithDepth(source: Plain, depth: number): Plain {
  const out: Plain = {};
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (typeof value === 'object') {
      if (value === null) continue;
      if (Array.isArray(value)) put(out, key, uniqueCopy(value));
      else if (depth - 1 <= 0) put(out, key, Object.assign({}, value));
      else put(out, key, copyWithDepth(value as Plain, depth - 1));
    } else if (key !== '__proto__') {
      // mermaid skips a non-object "__proto__": it sees the inherited Object.prototype there and keeps it.
      put(out, key, value);
    }
  }
  return out;
}

/** What mermaid's getConfig() returns for `config`, computed without its per-key defineProperty calls. */
export function fastConfigCopy(config: object): object {
  return copyWithDepth(config as Plain, 2);
}

// ---- Compiled copies ---------------------------------------------------------------------------------------------
// getConfig() runs dozens of times per parse on the same configuration object, whose keys (levels 0-1) never change
// once built: mermaid only ever replaces it. So the copy is compiled once per configuration shape into a function
// that builds object literals of that shape, reading the values at call time. Same result as copyWithDepth.

type Cloner = (source: Plain, unique: (a: unknown[]) => unknown[], assign: typeof Object.assign) => Plain;

const clonerBySource = new WeakMap<object, Cloner>();
const clonerByCode = new Map<string, Cloner>();

function access(base: string, key: string): string {
  return `${base}[${JSON.stringify(key)}]`;
}

/** Object-literal code copying `source` (found at `expr`) with mermaid's depth rules; undefined when impossible. */
function literal(source: Plain, expr: string, depth: number, lets: string[]): string {
  const parts: string[] = [];
  for (const key of Object.keys(source)) {
    const value = source[key];
    const name = key === '__proto__' ? `[${JSON.stringify(key)}]` : JSON.stringify(key);
    const at = access(expr, key);
    if (typeof value === 'object') {
      if (value === null) continue;
      if (Array.isArray(value)) parts.push(`${name}: u(${at})`);
      else if (depth - 1 <= 0) parts.push(`${name}: a({}, ${at})`);
      else {
        const local = `v${lets.length}`;
        lets.push(`const ${local} = ${at};`);
        parts.push(`${name}: ${literal(value as Plain, local, depth - 1, lets)}`);
      }
    } else if (key !== '__proto__') {
      parts.push(`${name}: ${at}`);
    }
  }
  return `{ ${parts.join(', ')} }`;
}

function compile(config: Plain): Cloner {
  const lets: string[] = [];
  const body = literal(config, 's', 2, lets);
  const code = `${lets.join('\n')}\nreturn ${body};`;
  let cloner = clonerByCode.get(code);
  if (!cloner) {
    cloner = new Function('s', 'u', 'a', code) as Cloner;
    if (clonerByCode.size > 50) clonerByCode.clear();
    clonerByCode.set(code, cloner);
  }
  return cloner;
}

/** fastConfigCopy for a configuration object that is never modified in place (mermaid's currentConfig). */
export function compiledConfigCopy(config: object): object {
  let cloner = clonerBySource.get(config);
  if (!cloner) {
    cloner = compile(config as Plain);
    clonerBySource.set(config, cloner);
  }
  return cloner(config as Plain, uniqueCopy, Object.assign);
}
