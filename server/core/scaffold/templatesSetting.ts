// The "templates" setting of .designnotes.json points at a folder; when that folder is missing the user should
// see it on the setting itself (like every other config problem), while the built-in templates stay available.
import { path } from '../../../common/path';
import { findNodeAtLocation } from 'jsonc-parser';
import type { ConfigProblem } from '../config';
import type { FileSystem } from '../fileSystem';
import { parseJsonTree, rangeOf } from '../jsonText';

/**
 * A problem for the config file when its "templates" folder does not exist or is not a folder, positioned on the
 * value; undefined when the setting is absent, not a string (the schema check reports that) or fine.
 */
export async function checkTemplatesSetting(
  configText: string,
  configFolder: string,
  fs: FileSystem,
): Promise<ConfigProblem | undefined> {
  const tree = parseJsonTree(configText);
  const node = tree && findNodeAtLocation(tree, ['templates']);
  if (!node || node.type !== 'string' || typeof node.value !== 'string' || !node.value) return undefined;
  const folder = path.resolve(configFolder, node.value);
  const st = await fs.stat(folder);
  if (st?.isDirectory) return undefined;
  return {
    message: `The template folder "${node.value}" ${st ? 'is not a folder' : 'does not exist'}; only the built-in templates are offered.`,
    range: rangeOf(configText, node.offset, node.length),
    severity: 'warning',
  };
}
