import { boxes, lines, memoryMb, running } from './region.js';

/** The table of each box process's memory at each phase, and the first warnings the boxes logged. */
export function reportMemoryAndWarnings(): void {
  lines.push('memory per box process (MB; /proc/<pid>/status):');
  const labels = ['idle', 'after propagation', 'after the burst', 'after catch-up'];
  lines.push(`  ${'box'.padEnd(14)}${labels.map((l) => `VmRSS ${l}`.padStart(26)).join('')}${'VmHWM'.padStart(9)}`);
  for (const box of boxes) {
    const hwm = running(box) ? memoryMb(box.child!.pid!).hwm : NaN;
    const rss = labels.map((l) => (box.memory[l] ? box.memory[l].rss.toFixed(0) : '—').padStart(26)).join('');
    lines.push(`  ${box.name.padEnd(14)}${rss}${hwm.toFixed(0).padStart(9)}`);
  }
  const warnings = boxes.flatMap((b) => b.warnings.map((w) => `${b.name}: ${w}`));
  if (warnings.length > 0) {
    lines.push('');
    lines.push(`warnings logged by the boxes: ${warnings.length}; the first few:`);
    for (const w of warnings.slice(0, 5)) lines.push(`  ${w.slice(0, 200)}`);
  }
}
