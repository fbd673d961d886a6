/** `-a`: the dependency layers of every source, as a plan to read; nothing runs. */
import type { RunResult } from '@yipts/core';

export function formatAnalysis(result: RunResult): string {
  const out: string[] = [];
  for (const stage of result.stages) {
    const count = stage.layers.reduce((n, l) => n + l.length, 0);
    out.push(`stage ${stage.stage} from ${stage.source}: ${stage.files.length} file(s), ${count} step(s)`);
    stage.layers.forEach((layer, i) => {
      out.push(`  layer ${i + 1}:`);
      for (const id of layer) out.push(`    - ${id}`);
    });
  }
  return `${out.join('\n')}\n`;
}
