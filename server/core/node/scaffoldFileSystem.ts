// The real disk for writePlan (Node only). Kept apart from write.ts so tests can wrap it with faults.
import { promises as fsp } from 'node:fs';
import type { ScaffoldFileSystem } from '../../../common/scaffold/write';
import './platform';

export const nodeScaffoldFileSystem: ScaffoldFileSystem = {
  async mkdir(dirPath) {
    await fsp.mkdir(dirPath);
  },
  async writeFileExclusive(filePath, data) {
    // "wx": fail with EEXIST instead of truncating an existing file; the OS makes the check and the create atomic.
    await fsp.writeFile(filePath, data, { encoding: 'utf8', flag: 'wx' });
  },
  async rename(from, to) {
    await fsp.rename(from, to);
  },
  async unlink(filePath) {
    await fsp.unlink(filePath);
  },
  async rmdir(dirPath) {
    await fsp.rmdir(dirPath);
  },
  async stat(p) {
    try {
      const st = await fsp.stat(p);
      return { isDirectory: st.isDirectory() };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  },
};
