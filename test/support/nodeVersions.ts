// The Node binaries the installable CLI is tested on: 20, 22 and 24 (scripts/ensure-node.mjs says where each is;
// scripts/setup.sh fetches the missing ones once, so the tests themselves need no network).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../..');

export function testedNodes(): { major: number; bin: string }[] {
  const r = spawnSync(process.execPath, [path.join(REPO, 'scripts/ensure-node.mjs'), '--print'], { encoding: 'utf8' });
  const paths = JSON.parse(r.stdout) as Record<string, string>;
  return Object.entries(paths).map(([major, bin]) => {
    const v = existsSync(bin) ? spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout : '';
    if (!v.startsWith(`v${major}.`))
      throw new Error(
        `Node ${major} is missing (${bin}); run "bash scripts/setup.sh" (it fetches it once from the npm registry).`,
      );
    return { major: Number(major), bin };
  });
}
