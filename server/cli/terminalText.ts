// Text the CLI prints comes partly from the workspace: file names, headings and bullets quoted in messages, template
// names. A bullet holding `ESC[H ESC[J` cleared the user's screen when `design-notes lint` printed it, and a file name
// with a newline forged an extra output line. Everything from the workspace goes through `inert` before it reaches a
// terminal. (JSON and SARIF output escape these already, as JSON strings.)

/**
 * C0 controls (newline and tab included: one finding is one line), DEL, C1 controls (8-bit CSI and friends), and the
 * bidirectional overrides and isolates that reorder how a line reads ("Trojan Source").
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with every control character shown as an escape (`\n`, `\x1b`, `\u202e`), so printing it changes nothing but the output. */
export function inert(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

const UNSAFE_IN_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Multi-line text (a `--fix-dry-run` diff quoting the user's files) made inert line by line: line breaks and tabs
 * stay, so the diff still reads and applies; every other control character is shown as an escape, as in `inert`.
 */
export function inertLines(text: string): string {
  return text.replace(UNSAFE_IN_LINES, (c) => inert(c));
}
