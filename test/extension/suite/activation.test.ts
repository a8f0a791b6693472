import * as assert from 'node:assert/strict';
import { activated, extension } from './util';

suite('activation', () => {
  test('the extension activates in a workspace with case studies', async () => {
    const ext = await activated();
    assert.equal(ext.isActive, true);
  });

  test('the manifest points at the bundled client', () => {
    const pkg = extension().packageJSON as { main?: string };
    assert.equal(pkg.main, './dist/extension.js');
  });
});
