/**
 * Preloaded into a benchmarked child process (node --require): writes the
 * process's peak resident set size, worker threads included, to the file
 * named by SOPAUDIT_BENCH_RSS when it exits.
 */
import fs from 'node:fs';

const target = process.env.SOPAUDIT_BENCH_RSS;
if (target) {
  process.on('exit', () => {
    fs.writeFileSync(target, String(process.resourceUsage().maxRSS * 1024));
  });
}
