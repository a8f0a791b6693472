// Case-study titles and folder names: what a user may type, and the folder name derived from it.
// Pure: no file system. The same checks run in VS Code's input box (live, as the user types) and in the CLI.
import { variableValue } from './render';

/** Longest folder name we create. Well under every file system's 255-byte limit, and short enough for Windows paths. */
export const MAX_FOLDER_NAME_LENGTH = 100;
/** A slug is cut at this length (at a word boundary when there is one); a date prefix may come on top. */
export const MAX_SLUG_LENGTH = 60;
export const MAX_TITLE_LENGTH = 200;

/** Folder-name pattern used when none is configured. */
export const DEFAULT_FOLDER_NAME_PATTERN = '{{slug}}';
/** Pattern for the optional `YYYY-MM-DD-` prefix. */
export const DATE_PREFIX_FOLDER_NAME_PATTERN = '{{date}}-{{slug}}';

// Letters that NFKD does not decompose into an ASCII base letter plus marks.
const FOLD: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ø: 'o',
  Ø: 'o',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  Ð: 'd',
  þ: 'th',
  Þ: 'th',
  ł: 'l',
  Ł: 'l',
  ı: 'i',
  ħ: 'h',
  Ħ: 'h',
  ŋ: 'ng',
  Ŋ: 'ng',
  ĸ: 'k',
  ſ: 's',
};

// Windows refuses these names, with or without an extension, in any case (also COM¹ etc.).
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
// Characters Windows does not allow in file names (macOS and Linux allow them, but case studies travel).
const WINDOWS_INVALID_CHARS = /[<>:"|?*]/;
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Folder-friendly form of a title: lower case, accents folded to ASCII ("Café" → "cafe"), "&" → "and",
 * every run of other characters collapsed to one "-", no leading/trailing "-", at most MAX_SLUG_LENGTH
 * characters, cut at a "-" when possible.
 *
 * Letters with no ASCII form (Cyrillic, CJK, …) are kept as they are, lower-cased: an empty slug would
 * be useless to those users, and every file system we support stores such names fine.
 */
export function slugify(title: string, maxLength = MAX_SLUG_LENGTH): string {
  const folded = Array.from(title.normalize('NFC'))
    .map(foldChar)
    .join('')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .normalize('NFC');
  return capLength(folded, maxLength);
}

/** A character's ASCII form when it has one ("é" → "e", "ﬁ" → "fi"); otherwise the character ("й" stays "й"). */
function foldChar(ch: string): string {
  const mapped = FOLD[ch];
  if (mapped) return mapped;
  const stripped = ch.normalize('NFKD').replace(/\p{M}/gu, '');
  return /^[\x20-\x7e]+$/.test(stripped) ? stripped : ch;
}

function capLength(slug: string, maxLength: number): string {
  // Count code points, not UTF-16 units, so a cut never splits a surrogate pair.
  const chars = Array.from(slug);
  if (chars.length <= maxLength) return slug;
  const cut = chars.slice(0, maxLength).join('');
  const lastDash = cut.lastIndexOf('-');
  // Prefer a word boundary, unless that would throw away most of the allowed length.
  const atWord = lastDash >= maxLength / 2 ? cut.slice(0, lastDash) : cut;
  return atWord.replace(/-+$/, '');
}

/**
 * Why `name` cannot be a case-study folder (or template file) name, or undefined when it can.
 * Checks the union of Windows, macOS and Linux rules, so a repository created on one works on all.
 */
export function validateFolderName(name: string): string | undefined {
  if (name.length === 0 || name.trim().length === 0) return 'The name is empty.';
  if (name === '.' || name === '..') return `"${name}" is not a folder name; it means the current or parent folder.`;
  if (/[/\\]/.test(name)) return 'A name cannot contain "/" or "\\": it would become a path into other folders.';
  if (CONTROL_CHARS.test(name)) return 'The name contains control characters (such as a tab or line break).';
  if (WINDOWS_INVALID_CHARS.test(name))
    return 'The name contains a character Windows does not allow in file names: < > : " | ? *';
  if (WINDOWS_RESERVED.test(name))
    return `"${name}" is a reserved device name on Windows (CON, PRN, AUX, NUL, COM1–9, LPT1–9).`;
  if (/[. ]$/.test(name)) return 'The name cannot end with a dot or a space (Windows drops them silently).';
  if (/^ /.test(name)) return 'The name cannot start with a space.';
  if (!HAS_LETTER_OR_DIGIT.test(name)) return 'The name needs at least one letter or digit.';
  if (Array.from(name).length > MAX_FOLDER_NAME_LENGTH)
    return `The name is longer than ${MAX_FOLDER_NAME_LENGTH} characters.`;
  if (new TextEncoder().encode(name).length > 255)
    return 'The name is longer than 255 bytes, which file systems do not allow.';
  return undefined;
}

/**
 * Why `title` cannot start a case study, or undefined when it can. A title is free text (it becomes the
 * heading of each file); what matters is that it yields a usable folder name. Slashes are refused rather than
 * silently dropped, because someone typing "a/b" most likely expects nested folders we would not create.
 */
export function validateCaseStudyTitle(title: string, pattern = DEFAULT_FOLDER_NAME_PATTERN): string | undefined {
  const trimmed = title.trim();
  if (trimmed.length === 0) return 'Enter a title for the case study.';
  if (trimmed === '.' || trimmed === '..')
    return `"${trimmed}" is not a usable title; it means the current or parent folder.`;
  if (/[/\\]/.test(trimmed))
    return 'The title cannot contain "/" or "\\". Use a dash instead (e.g. "Read-Write Splitting").';
  if (CONTROL_CHARS.test(title)) return 'The title contains control characters (such as a tab or line break).';
  if (!HAS_LETTER_OR_DIGIT.test(trimmed)) return 'The title needs at least one letter or digit.';
  if (Array.from(trimmed).length > MAX_TITLE_LENGTH) return `The title is longer than ${MAX_TITLE_LENGTH} characters.`;
  const folder = folderNameFor(trimmed, { pattern });
  const reason = validateFolderName(folder);
  return reason ? `The folder name "${folder}" would not work: ${lowerFirst(reason)}` : undefined;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Today's date as YYYY-MM-DD in local time (what the user sees on their calendar). */
export function isoDate(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export interface FolderNameOptions {
  /** Pattern with `{{slug}}`, `{{date}}`, `{{year}}`, `{{month}}`, `{{day}}`. Default `{{slug}}`. */
  pattern?: string;
  /** YYYY-MM-DD; default today. */
  date?: string;
}

/** Folder name for a title under a pattern, e.g. "2026-11-23-url-shortener" for `{{date}}-{{slug}}`. */
export function folderNameFor(title: string, options: FolderNameOptions = {}): string {
  const date = options.date ?? isoDate();
  const [year = '', month = '', day = ''] = date.split('-');
  const values: Record<string, string> = { slug: slugify(title), date, year, month, day };
  return (options.pattern ?? DEFAULT_FOLDER_NAME_PATTERN)
    .replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => variableValue(values, name) ?? whole)
    .replace(/^-+|-+$/g, '');
}

/**
 * A readable title from an existing folder name, for filling templates of files added to an existing case
 * study: "2026-01-05-url-shortener" → "Url Shortener", "02_rate-limiter" → "Rate Limiter".
 */
export function titleFromFolderName(folderName: string): string {
  const words = folderName
    .replace(/^\d{4}-\d{2}-\d{2}[-_ ]*/, '')
    .replace(/^\d+[-_. ]+/, '')
    .split(/[-_\s]+/)
    .filter(Boolean);
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ') || folderName;
}
