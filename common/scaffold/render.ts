// Template text → file text. Deliberately tiny: `{{name}}` and `{{name|fallback}}`, nothing else, so a
// template is readable as plain Markdown and no template can run code.

/** Values a template can use. The built-in ones are title, slug, date and author; callers may add more. */
export type TemplateVars = Record<string, string | undefined>;

const VARIABLE = /\{\{\s*([A-Za-z_][\w-]*)\s*(?:\|([^}]*))?\}\}/g;

/**
 * Replace `{{name}}` with `vars[name]`. `{{name|fallback}}` uses the fallback when the value is missing or empty
 * (e.g. `{{author|unknown}}` when git has no user name). An unknown name without a fallback is left as written,
 * so a template that uses `{{…}}` for something else (or a typo) stays visible instead of vanishing.
 */
export function renderTemplate(text: string, vars: TemplateVars): string {
  return text.replace(VARIABLE, (whole, name: string, fallback: string | undefined) => {
    const value = variableValue(vars, name);
    if (value !== undefined && value !== '') return value;
    if (fallback !== undefined) return fallback.trim();
    return value ?? whole;
  });
}

/**
 * The value of a variable the caller set: an own property holding a string. A plain lookup (`vars[name]`) also
 * found Object.prototype's members: `{{constructor}}` became "function Object() { [native code] }" (and a file of
 * that name was created), `{{__proto__}}` became "[object Object]".
 */
export function variableValue(vars: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(vars, name)) return undefined;
  const value = vars[name];
  return typeof value === 'string' ? value : undefined;
}

/** Names of the variables a template uses, in order of first use. */
export function templateVariables(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(VARIABLE)) if (!names.includes(m[1])) names.push(m[1]);
  return names;
}

/**
 * The marker of a spot the user must write. It is an HTML comment, so it never shows in a preview and never
 * counts as content (markdown.ts treats comment-only blocks as empty); and it is not a TODO, so the
 * `placeholder` rule does not flag a fresh case study everywhere. The text after the colon is the hint.
 */
export const WRITE_HERE_MARKER = '<!-- write here';

/** 0-based line and character of the first write-here marker, where an editor puts the cursor; undefined if none. */
export function firstPlaceholder(text: string): { line: number; character: number } | undefined {
  const at = text.indexOf(WRITE_HERE_MARKER);
  if (at < 0) return undefined;
  const before = text.slice(0, at);
  const line = (before.match(/\r\n|\r|\n/g) ?? []).length;
  const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
  return { line, character: at - lineStart };
}
