import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  DATE_PREFIX_FOLDER_NAME_PATTERN,
  folderNameFor,
  MAX_SLUG_LENGTH,
  slugify,
  titleFromFolderName,
  validateCaseStudyTitle,
  validateFolderName,
} from '../../server/core/scaffold';

describe('slugify', () => {
  const table: [string, string][] = [
    ['URL Shortener', 'url-shortener'],
    ['  Notification   System  ', 'notification-system'],
    ['Rate-Limiter_v2', 'rate-limiter-v2'],
    ['Café Ordering', 'cafe-ordering'],
    ['Straße & Brücke', 'strasse-and-brucke'],
    ['Søren’s Æble-Øl', 'soren-s-aeble-ol'],
    ['Łódź Bike Share', 'lodz-bike-share'],
    ['CQRS / Event Sourcing!!', 'cqrs-event-sourcing'],
    ['🚀 Rocket 🚀 Launch', 'rocket-launch'],
    ['Система уведомлений', 'система-уведомлений'],
    ['消息系统', '消息系统'],
    ['...', ''],
    ['ﬁle ﬂow', 'file-flow'],
  ];
  for (const [title, slug] of table)
    it(`${JSON.stringify(title)} → ${JSON.stringify(slug)}`, () => assert.equal(slugify(title), slug));

  it('caps the length at a word boundary and never ends with a dash', () => {
    const slug = slugify(
      'Design of a globally distributed, strongly consistent, multi-region key value store with leases',
    );
    assert.ok(slug.length <= MAX_SLUG_LENGTH, slug);
    assert.ok(!slug.endsWith('-'));
    assert.equal(slug, 'design-of-a-globally-distributed-strongly-consistent-multi');
  });

  it('cuts a single long word hard rather than returning nothing', () => {
    assert.equal(slugify('a'.repeat(200)).length, MAX_SLUG_LENGTH);
  });

  it('never splits a surrogate pair when cutting', () => {
    const slug = slugify('𝒜'.repeat(100));
    assert.equal(Array.from(slug).length, MAX_SLUG_LENGTH);
    assert.doesNotThrow(() => encodeURIComponent(slug), 'no lone surrogate');
  });

  it('property: any slug is empty or a valid folder name without separators', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), (title) => {
        const slug = slugify(title);
        if (slug === '') return;
        assert.equal(validateFolderName(slug), undefined, `${JSON.stringify(title)} → ${JSON.stringify(slug)}`);
        assert.ok(!/[/\\\s]/.test(slug));
      }),
      { seed: 5, numRuns: 500 },
    );
  });
});

describe('validateFolderName', () => {
  const refused: [string, RegExp][] = [
    ['', /empty/],
    ['   ', /empty/],
    ['.', /current or parent/],
    ['..', /current or parent/],
    ['a/b', /"\/"/],
    ['a\\b', /"\/"/],
    ['../etc', /"\/"/],
    ['CON', /reserved/],
    ['con', /reserved/],
    ['Nul.md', /reserved/],
    ['com1', /reserved/],
    ['LPT9', /reserved/],
    ['aux.txt', /reserved/],
    ['name.', /end with a dot/],
    ['name ', /end with a dot or a space/],
    [' name', /start with a space/],
    ['a\tb', /control/],
    ['a\nb', /control/],
    ['a\u0000b', /control/],
    ['what?', /Windows does not allow/],
    ['a:b', /Windows does not allow/],
    ['---', /letter or digit/],
    ['!!!', /letter or digit/],
    ['x'.repeat(101), /longer than 100/],
  ];
  for (const [name, reason] of refused) {
    it(`refuses ${JSON.stringify(name.length > 20 ? name.slice(0, 20) + '…' : name)}`, () =>
      assert.match(validateFolderName(name) ?? 'accepted', reason));
  }
  const accepted = [
    'url-shortener',
    '2026-01-05-rate-limiter',
    'console',
    'com10',
    'lpt',
    'система',
    '消息系统',
    'a.b',
    'x'.repeat(100),
  ];
  for (const name of accepted)
    it(`accepts ${JSON.stringify(name)}`, () => assert.equal(validateFolderName(name), undefined));
});

describe('validateCaseStudyTitle', () => {
  const refused: [string, RegExp][] = [
    ['', /Enter a title/],
    ['   ', /Enter a title/],
    ['..', /parent folder/],
    ['.', /current/],
    ['Read/Write Splitting', /cannot contain "\/"/],
    ['C:\\temp', /cannot contain/],
    ['!!!', /letter or digit/],
    ['— · —', /letter or digit/],
    ['CON', /reserved device name/],
    ['Aux', /reserved device name/],
    ['Chat\u0007Bell', /control/],
    ['x'.repeat(201), /longer than 200/],
  ];
  for (const [title, reason] of refused) {
    it(`refuses ${JSON.stringify(title.length > 20 ? title.slice(0, 20) + '…' : title)}`, () =>
      assert.match(validateCaseStudyTitle(title) ?? 'accepted', reason));
  }
  const accepted = ['URL Shortener', 'Console', "Uber's Dispatch (2024)", 'Система уведомлений', '3', 'What is CAP?'];
  for (const title of accepted)
    it(`accepts ${JSON.stringify(title)}`, () => assert.equal(validateCaseStudyTitle(title), undefined));

  it('checks the folder name the pattern yields', () => {
    assert.equal(
      validateCaseStudyTitle('CON', DATE_PREFIX_FOLDER_NAME_PATTERN),
      undefined,
      'a date prefix makes "con" safe',
    );
  });
});

describe('folderNameFor / titleFromFolderName', () => {
  it('applies the pattern', () => {
    assert.equal(folderNameFor('URL Shortener', { date: '2026-01-05' }), 'url-shortener');
    assert.equal(
      folderNameFor('URL Shortener', { pattern: DATE_PREFIX_FOLDER_NAME_PATTERN, date: '2026-01-05' }),
      '2026-01-05-url-shortener',
    );
    assert.equal(
      folderNameFor('URL Shortener', { pattern: '{{year}}/{{slug}}', date: '2026-01-05' }),
      '2026/url-shortener',
    );
    assert.match(
      validateFolderName(folderNameFor('X', { pattern: '{{year}}/{{slug}}' })) ?? '',
      /"\/"/,
      'a pattern cannot smuggle in a path',
    );
  });

  it('defaults the date to today', () => {
    assert.match(folderNameFor('A', { pattern: DATE_PREFIX_FOLDER_NAME_PATTERN }), /^\d{4}-\d{2}-\d{2}-a$/);
  });

  it('derives a readable title from a folder name', () => {
    assert.equal(titleFromFolderName('url-shortener'), 'Url Shortener');
    assert.equal(titleFromFolderName('2026-01-05-rate-limiter'), 'Rate Limiter');
    assert.equal(titleFromFolderName('02_news_feed'), 'News Feed');
    assert.equal(titleFromFolderName('42'), '42');
  });
});

describe('git for {{author}}', () => {
  it('is looked up on PATH as an absolute path, never in the working directory or a relative PATH entry', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const pathMod = await import('node:path');
    const { findGitOnPath } = await import('../../server/core/node/gitAuthor');
    const dir = mkdtempSync(pathMod.join(tmpdir(), 'dn-git-'));
    try {
      mkdirSync(pathMod.join(dir, 'bin'));
      writeFileSync(pathMod.join(dir, 'bin', 'git'), '');
      writeFileSync(pathMod.join(dir, 'git.exe'), '');
      assert.equal(
        findGitOnPath({ PATH: `bin:.::${pathMod.join(dir, 'bin')}` }, 'linux'),
        pathMod.join(dir, 'bin', 'git'),
      );
      assert.equal(findGitOnPath({ PATH: 'bin:.' }, 'linux'), undefined, 'relative entries are skipped');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
