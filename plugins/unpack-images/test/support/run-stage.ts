/** Runs one stage of an inline config with the plugin (no docker config, no retries), and collects what happened. */
import type { LogLevel, RunResult } from '@yipts/core';
import { runYaml } from '@yipts/testing';
import unpackImagesPlugin from '../../src/index.js';
import type { UnpackImagesOptions } from '../../src/index.js';

export interface StageRun {
  readonly result: RunResult;
  readonly errors: string[];
  readonly logs: readonly { level: LogLevel; message: string }[];
  readonly statuses: string[];
}

export async function runStage(yaml: string, root: string, options: UnpackImagesOptions = {}): Promise<StageRun> {
  const plugins = [unpackImagesPlugin({ dockerConfig: false, retries: 0, ...options })];
  const run = await runYaml(yaml, { plugins, root, stage: 'test', env: { PATH: process.env.PATH } });
  return { result: run.result, errors: run.errors.map((e) => e.message), logs: run.logs, statuses: run.steps.map((s) => s.status) };
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
