// Reads a V8 .cpuprofile (node --cpu-prof) and prints the functions with the most self time, so a profile can be
// read in a terminal: `node --import tsx bench/profileTop.ts <file.cpuprofile> [count]`.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  where: string;
  selfMs: number;
  share: number;
}

/** Self time per function (summed over every call site), largest first. */
export function topSelfTime(profile: CpuProfile, count = 15): SelfTime[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const total = profile.endTime - profile.startTime;
  const byFunction = new Map<string, SelfTime>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const f = node.callFrame;
    const file = f.url
      .replace(/^file:\/\//, '')
      .split('/')
      .slice(-2)
      .join('/');
    const where = file ? `${file}:${f.lineNumber + 1}` : '';
    const name = f.functionName || '(anonymous)';
    const key = `${name}@${where}`;
    const entry = byFunction.get(key) ?? { name, where, selfMs: 0, share: 0 };
    entry.selfMs += us / 1000;
    byFunction.set(key, entry);
  }
  const list = [...byFunction.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, count);
  for (const e of list) e.share = total ? (e.selfMs * 1000) / total : 0;
  return list;
}

if (process.argv[1] && /profileTop\.ts$/.test(process.argv[1])) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: profileTop.ts <file.cpuprofile> [count]');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const total = (profile.endTime - profile.startTime) / 1000;
  console.log(`total ${total.toFixed(0)} ms`);
  for (const e of topSelfTime(profile, Number(process.argv[3] ?? 20))) {
    console.log(
      `${e.selfMs.toFixed(1).padStart(8)} ms ${(e.share * 100).toFixed(1).padStart(5)}%  ${e.name}  ${e.where}`,
    );
  }
}
