/**
 * A copy of `text` that does not keep alive the larger string it was cut from.
 *
 * V8 represents a substring of 13 characters or more as a view into its parent, so a cache keyed by a line, a
 * section or a diagram's text taken from a document holds that whole document text for as long as the entry lives.
 * Measured: the keystroke benchmark's server grew to 321 MB because kept chunks and diagram texts each pinned the
 * 840 KB document version they came from, one version per keystroke. Keys stored in long-lived caches go through
 * this; a JSON round trip always builds a new string (lone surrogates included: they are escaped and restored).
 */
export function detachedString(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}
