import { strict as assert } from 'assert';
import { activated, extension, testHost } from './util';

suite('activation', () => {
  test('the extension activates in a workspace with case studies', async () => {
    const ext = await activated();
    assert.equal(ext.isActive, true);
  });

  test('the manifest points at the bundled clients', () => {
    const pkg = extension().packageJSON as { main?: string; browser?: string };
    assert.equal(pkg.main, './dist/extension.js');
    assert.equal(pkg.browser, './dist/browser/extension.js');
  });

  // The same suite runs in both extension hosts; make sure each run is where it says it is, so a web run that
  // silently fell back to the Node host (the extensionKind setting ignored) fails here.
  test(`the suite runs in the ${testHost()} extension host`, () => {
    const nodeProcess = (globalThis as { process?: { versions?: { node?: string } } }).process;
    if (testHost() === 'web') assert.equal(nodeProcess?.versions?.node, undefined, 'no Node.js in a web worker');
    else assert.ok(nodeProcess?.versions?.node, 'Node.js in the desktop extension host');
  });
});
