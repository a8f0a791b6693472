// Placeholders that stand for text nobody has written yet, and files that hold nothing else. Real repositories are
// full of them ("*Content coming soon...*" under a title, "WIP", "To be added."); counting them as content made ~75
// stub files of one repository pass as written.
import type { MarkdownDocument } from './markdown';
import { normalizeWords } from './normalize';

/**
 * A paragraph (or list item) that is only a placeholder, after markup, punctuation and emoji are dropped:
 * "*Content coming soon…*", "🚧 Under construction", "WIP", "Details to be added.", "TBA". Alternatives of fixed
 * words with no repeated groups, applied to at most 120 characters: linear.
 */
const PLACEHOLDER_WORDS =
  /^(?:(?:the |this |more )?(?:content|contents|details|section|page|document|documentation|text|information|description|diagrams?|examples?|notes)(?: (?:is|are|will be|here))? )?(?:coming soon|to be added|to be written|to be done|to be completed|to be defined|to be determined|to be decided|to be filled(?: in)?|to come|tba|tbd|tbc|todo|wip|work in progress|under construction|placeholder|not written yet|not yet written)(?: (?:soon|later|here))?$/;

const MAX_PLACEHOLDER_LENGTH = 120;

/** Whether a paragraph's text is nothing but a placeholder. */
export function isPlaceholderText(text: string): boolean {
  if (text.length > MAX_PLACEHOLDER_LENGTH) return false;
  const words = normalizeWords(text.replace(/<[^>]*>/g, ' '));
  return words !== '' && PLACEHOLDER_WORDS.test(words);
}

/**
 * A file not written yet: no content at all besides headings, HTML comments and placeholders, and either a
 * placeholder or nothing but its title. A skeleton of several empty headings without a placeholder is not a stub:
 * there empty-section names each heading the writer left to fill.
 */
export function isStub(doc: MarkdownDocument): boolean {
  return !doc.hasContent && (doc.placeholders.length > 0 || doc.headings.length <= 1);
}
