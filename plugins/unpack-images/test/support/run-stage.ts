/** Runs one stage of an inline config with the plugin, in process, and collects what happened. */
import { createExecutor } from '@yipts/core';
import type { LogLevel, RunResult } from '@yipts/core';
import unpackImagesPlugin from '../../src/index.js';
import type { UnpackImagesOptions } from '../../src/index.js';

export interface StageRun {
  readonly result: RunResult;
  readonly errors: string[];
  readonly logs: { level: LogLevel; message: string }[];
  readonly statuses: string[];
}

export async function runStage(yaml: string, root: string, options: UnpackImagesOptions = {}): Promise<StageRun> {
  const logs: { level: LogLevel; message: string }[] = [];
  const executor = createExecutor({ plugins: [unpackImagesPlugin({ dockerConfig: false, retries: 0, ...options })], logger: { log: (level, message) => logs.push({ level, message }) } });
  const result = await executor.runStage('test', [{ kind: 'inline', name: 'test.yaml', text: yaml }], { root, env: { PATH: process.env.PATH } });
  const steps = result.stages.flatMap((s) => s.steps);
  return { result, errors: [...result.errors.map((e) => e.message), ...steps.flatMap((s) => s.errors.map((e) => e.message))], logs, statuses: steps.map((s) => s.status) };
}

/** A config with one step per list of entries. */
export function config(...steps: { source: string; target: string; platform?: string }[][]): string {
  const lines = ['stages:', '  test:'];
  for (const [i, entries] of steps.entries()) {
    lines.push(`    - name: step${i}`, '      unpack_images:');
    for (const e of entries) {
      lines.push(`        - source: ${JSON.stringify(e.source)}`, `          target: ${JSON.stringify(e.target)}`);
      if (e.platform) lines.push(`          platform: ${JSON.stringify(e.platform)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
