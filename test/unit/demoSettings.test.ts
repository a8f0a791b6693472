// `npm run demo` opens the same calm window as the end-to-end harness, with the Case Studies view shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CALM_WORKBENCH_SETTINGS, demoUserSettings } from '../../scripts/e2e/workbenchSettings.mjs';

test('the demo settings are the harness settings (chat and AI off), plus the Case Studies view revealed', () => {
  const demo = demoUserSettings();
  for (const [key, value] of Object.entries(CALM_WORKBENCH_SETTINGS)) assert.deepEqual(demo[key], value, key);
  assert.equal(demo['chat.disableAIFeatures'], true);
  assert.equal(demo['workbench.secondarySideBar.defaultVisibility'], 'hidden');
  assert.equal(demo['designNotes.caseStudies.revealOnStartup'], true);
  // A real setting of the extension, off by default for everyone else.
  const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { default: unknown }> } };
  };
  assert.equal(manifest.contributes.configuration.properties['designNotes.caseStudies.revealOnStartup'].default, false);
});
