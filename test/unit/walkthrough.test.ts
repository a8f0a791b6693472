// The getting-started walkthrough as VS Code reads it from package.json and package.nls.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: {
    walkthroughs: {
      steps: {
        id: string;
        description: string;
        completionEvents: string[];
        media: { image: Record<string, string> | string };
      }[];
    }[];
  };
};
const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const steps = manifest.contributes.walkthroughs[0].steps;
const text = (key: string) => nls[key.replace(/^%|%$/g, '')] ?? key;

test('step descriptions are Markdown VS Code renders: no fenced-code backticks, each with its button', () => {
  for (const step of steps) {
    const description = text(step.description);
    assert.doesNotMatch(
      description,
      /```/,
      `${step.id}: a triple backtick renders as one code span with a stray backtick`,
    );
    assert.equal((description.match(/`/g) ?? []).length % 2, 0, `${step.id}: unpaired backtick`);
    assert.match(description, /\[[^\]]+\]\(command:[\w.]+/, `${step.id}: has a button`);
  }
});

test('images fit the theme: a light and a dark file per step, the light one on a light background', () => {
  for (const step of steps) {
    const image = step.media.image;
    assert.equal(typeof image, 'object', `${step.id}: one image for every theme`);
    const { light, dark, hc, hcLight } = image as Record<string, string>;
    for (const file of [light, dark, hc, hcLight])
      assert.ok(file && existsSync(path.join(root, file)), `${step.id}: ${file}`);
    assert.notEqual(light, dark);
    const background = (file: string) =>
      /<rect width="480" height="260" rx="8" fill="(#[0-9a-f]{6})"/i.exec(
        readFileSync(path.join(root, file), 'utf8'),
      )?.[1];
    assert.equal(background(light), '#ffffff', `${step.id}: light background`);
    assert.equal(background(dark), '#1e1e1e', `${step.id}: dark background`);
  }
});

test('steps tick however the user does them: the preview step on the preview opening (any way), Problems on its view', () => {
  const events = Object.fromEntries(steps.map((s) => [s.id, s.completionEvents]));
  assert.deepEqual(events.previewDiagram, ['onContext:designNotes.previewOpened']);
  assert.ok(events.fixFinding.includes('onView:workbench.panel.markers.view'));
  // The context key is set where a preview panel comes into being.
  assert.match(
    readFileSync(path.join(root, 'src/preview/panel.ts'), 'utf8'),
    /setContext', 'designNotes\.previewOpened', true/,
  );
});
