// Preloaded with `node --import` into a process under measurement: on exit it writes the process's
// peak RSS (the kernel's maxRSS, and the highest of its own 10 ms samples) to $BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

let peak = process.memoryUsage.rss();
const timer = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage.rss());
}, 10);
timer.unref();
process.on('exit', () => {
  if (!process.env.BENCH_RSS_FILE) return;
  peak = Math.max(peak, process.memoryUsage.rss());
  writeFileSync(process.env.BENCH_RSS_FILE, JSON.stringify({ maxRss: process.resourceUsage().maxRSS * 1024, peakSampledRss: peak }));
});
