// Memory of a process as Linux reports it: VmRSS (resident now) and VmHWM (peak resident) from /proc/<pid>/status.
import { readFileSync } from 'node:fs';

export function procStatus(pid: number): { rssMb?: number; hwmMb?: number } {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) =>
      Number(/^(\w+):\s+(\d+) kB/m.exec(s.split('\n').find((l) => l.startsWith(key + ':')) ?? '')?.[2]);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return {};
  }
}
