import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPreviewHtml, createNonce, previewCsp } from '../../src/preview/html';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
function build(nonce = createNonce()) {
  const html = buildPreviewHtml({
    cspSource: CSP_SOURCE,
    nonce,
    mermaidScriptUri: `${CSP_SOURCE}/ext/dist/mermaid.min.js`,
    previewScriptUri: `${CSP_SOURCE}/ext/dist/preview.js`,
    styleUri: `${CSP_SOURCE}/ext/media/preview/preview.css`,
  });
  return { html, nonce };
}

function cspOf(html: string): string {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(m, 'CSP meta tag present');
  return m[1].replace(/&#39;|&apos;/g, "'");
}

test('CSP: nothing by default, scripts only by nonce, no eval, only the extension origin', () => {
  const { html, nonce } = build();
  const csp = cspOf(html);
  const directives = new Map(
    csp.split(';').map((d) => {
      const [k, ...v] = d.trim().split(/\s+/);
      return [k, v];
    }),
  );
  assert.deepEqual(directives.get('default-src'), ["'none'"]);
  assert.deepEqual(directives.get('script-src'), [`'nonce-${nonce}'`]);
  assert.deepEqual(directives.get('img-src'), [CSP_SOURCE, 'data:']);
  // Mermaid's SVGs carry <style> elements, hence 'unsafe-inline' for styles only.
  assert.deepEqual(directives.get('style-src'), [CSP_SOURCE, "'unsafe-inline'"]);
  assert.deepEqual(directives.get('font-src'), [CSP_SOURCE]);
  assert.ok(!csp.includes('unsafe-eval'));
  assert.equal(csp, previewCsp(CSP_SOURCE, nonce));
});

test('every script carries the nonce and is loaded from the extension, none is inline', () => {
  const { html, nonce } = build();
  const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.equal(scripts.length, 2);
  for (const [, attrs, body] of scripts) {
    assert.match(attrs, new RegExp(`nonce="${nonce}"`));
    assert.match(attrs, new RegExp(`src="${CSP_SOURCE.replace(/[.+]/g, '\\$&')}/ext/dist/`));
    assert.equal(body.trim(), '', 'no inline script');
  }
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
});

test('no remote source anywhere: every URL is the webview resource origin', () => {
  const { html } = build();
  const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(urls.length >= 3);
  for (const u of urls) assert.ok(u.startsWith(CSP_SOURCE + '/'), u);
  assert.doesNotMatch(html, /cdn\.jsdelivr|unpkg|cdnjs|googleapis/);
});

test('no user text in the HTML: the document is a fixed shell filled via postMessage', () => {
  // The builder takes no document text at all; two builds differ only by nonce.
  const a = build('AAAAAAAAAAAAAAAAAAAAAAAA').html;
  const b = build('BBBBBBBBBBBBBBBBBBBBBBBB').html;
  assert.equal(a.replaceAll('AAAAAAAAAAAAAAAAAAAAAAAA', 'N'), b.replaceAll('BBBBBBBBBBBBBBBBBBBBBBBB', 'N'));
  assert.match(a, /<main id="diagrams" class="diagrams"><\/main>/);
});

test('nonces are fresh and well-formed; a weak nonce is refused', () => {
  const seen = new Set(Array.from({ length: 200 }, () => createNonce()));
  assert.equal(seen.size, 200);
  for (const n of seen) assert.match(n, /^[A-Za-z0-9_-]{24}$/);
  assert.throws(() => build('abc'));
  assert.throws(() => build('"><script>alert(1)</script>'));
});
