// Preloaded into a benchmarked Node process (`node --require bench/maxrss.cjs …`): on exit, writes the process's
// peak resident set size (kB, from getrusage) and CPU time to the file named by BENCH_RSS_FILE. Works for any Node program
// (our CLI, markdownlint-cli2, the floor script) without /usr/bin/time.
'use strict';
const fs = require('node:fs');
const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    try {
      const u = process.resourceUsage();
      // CPU time of every thread of the process (workers included): a figure that other load on the machine barely moves.
      fs.writeFileSync(target, JSON.stringify({ maxRssKb: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }));
    } catch {
      // A benchmark figure missing is better than changing the program's exit.
    }
  });
}
