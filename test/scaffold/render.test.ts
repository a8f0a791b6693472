import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstPlaceholder, folderNameFor, renderTemplate, templateVariables } from '../../server/core/scaffold';

describe('renderTemplate', () => {
  it('replaces variables, with optional spaces', () => {
    assert.equal(
      renderTemplate('# {{title}} ({{ slug }}) {{date}}', {
        title: 'URL Shortener',
        slug: 'url-shortener',
        date: '2026-01-05',
      }),
      '# URL Shortener (url-shortener) 2026-01-05',
    );
  });

  it('uses the fallback when the value is missing or empty', () => {
    assert.equal(renderTemplate('by {{author|unknown}}', { author: '' }), 'by unknown');
    assert.equal(renderTemplate('by {{author| someone }}', {}), 'by someone');
    assert.equal(renderTemplate('by {{author|unknown}}', { author: 'Ada' }), 'by Ada');
  });

  it('renders an empty value as empty, and leaves unknown variables visible', () => {
    assert.equal(renderTemplate('[{{author}}]', { author: '' }), '[]');
    assert.equal(renderTemplate('{{nope}} and {{ other }}', {}), '{{nope}} and {{ other }}');
  });

  it('inserts values literally: no recursive expansion, no $-pattern surprises', () => {
    assert.equal(renderTemplate('{{title}}', { title: '{{slug}} $& $1', slug: 'x' }), '{{slug}} $& $1');
  });

  it('lists the variables a template uses', () => {
    assert.deepEqual(templateVariables('{{title}} {{date}} {{title}} {{author|x}}'), ['title', 'date', 'author']);
  });
});

describe('firstPlaceholder', () => {
  it('finds the first write-here marker', () => {
    assert.deepEqual(firstPlaceholder('# T\n\ntext\n  <!-- write here: x -->\n<!-- write here -->'), {
      line: 3,
      character: 2,
    });
  });
  it('counts CRLF lines once', () => {
    assert.deepEqual(firstPlaceholder('# T\r\n\r\n<!-- write here -->'), { line: 2, character: 0 });
  });
  it('is undefined without a marker', () => {
    assert.equal(firstPlaceholder('# Done\n'), undefined);
  });
});

describe("template variables are only the caller's own", () => {
  it('leaves Object.prototype members unexpanded in text (their fallback applies)', () => {
    const vars = { title: 'T' };
    assert.equal(
      renderTemplate('{{constructor}} {{toString}} {{__proto__}} {{hasOwnProperty}}', vars),
      '{{constructor}} {{toString}} {{__proto__}} {{hasOwnProperty}}',
    );
    assert.equal(renderTemplate('{{valueOf|fallback}}', vars), 'fallback');
  });

  it('leaves them unexpanded in folder-name patterns', () => {
    assert.equal(
      folderNameFor('URL Shortener', { pattern: '{{constructor}}-{{slug}}', date: '2026-01-05' }),
      '{{constructor}}-url-shortener',
    );
    assert.equal(
      folderNameFor('URL Shortener', { pattern: '{{__proto__}}{{slug}}', date: '2026-01-05' }),
      '{{__proto__}}url-shortener',
    );
  });
});
