// Shared by the mount plugin's tests: an executor with the real commands (and files) plugins,
// the log it wrote, and a look at the host's mount table.
import { createExecutor } from '@yipts/core';
import type { Executor, LogLevel, Plugin, RunResult, SourceInput } from '@yipts/core';
import { recordingLogger } from '@yipts/testing';
import type { RecordingLogger } from '@yipts/testing';
import commandsPlugin from '@yipts/plugin-commands';
import filesPlugin from '@yipts/plugin-files';
import mountPlugin from '../src/index.js';
import type { MountOptions } from '../src/index.js';
import { busyboxRoot, findMountsUnder, loopImage } from '@yipts/test-fixtures';

/** A recording logger, with the messages of one level joined as one text to match on. */
export function memoryLogger(): RecordingLogger & { text(level?: LogLevel): string } {
  const logger = recordingLogger();
  const text = (level?: LogLevel) =>
    logger.records
      .filter((r) => !level || r.level === level)
      .map((r) => r.message)
      .join('\n');
  return Object.assign(logger, { text });
}

export interface Harness {
  executor: Executor;
  logger: ReturnType<typeof memoryLogger>;
  /** Mounts under the root seen when the stage started (while steps could run). */
  during: string[];
  run(config: unknown, options?: { signal?: AbortSignal; stage?: string; sources?: SourceInput[] }): Promise<RunResult>;
}

/** An executor over `root` with the mount plugin (isolation is the CLI's business, not tested here). */
export function harness(root: string, options: MountOptions = {}, extra: Plugin[] = []): Harness {
  const logger = memoryLogger();
  const executor = createExecutor({ plugins: [mountPlugin(options), commandsPlugin(), filesPlugin(), ...extra], logger });
  const h: Harness = {
    executor,
    logger,
    during: [],
    run: (config, o = {}) => {
      const stage = o.stage ?? 'after-upgrade-chroot';
      const sources = o.sources ?? [{ kind: 'object' as const, name: 'test.yaml', config }];
      return executor.runStage(stage, sources, {
        root,
        logger,
        env: { PATH: process.env.PATH },
        ...(o.signal ? { signal: o.signal } : {}),
      });
    },
  };
  executor.hooks.stageStart.tapPromise('test', async () => {
    h.during = await findMountsUnder(root);
  });
  return h;
}

/** One step of the stage, as a config object. */
export function stage(step: Record<string, unknown>, name = 'after-upgrade-chroot'): unknown {
  return { stages: { [name]: [step] } };
}

export function stepErrors(result: RunResult): string {
  return result.stages.flatMap((s) => s.steps.flatMap((st) => st.errors.map((e) => e.message))).join('\n');
}

/**
 * A busybox root and a COS_OEM loop image, both removed through `defer`, and a harness that
 * mounts that image at /oem (plus `more` options).
 */
export async function rootWithOem(
  defer: (fn: () => unknown) => void,
  files: Record<string, string> = {},
  more: MountOptions = {},
): Promise<{ root: { path: string }; oem: { image: string; device: string }; h: Harness }> {
  const root = await busyboxRoot();
  defer(root.cleanup);
  const oem = await loopImage({ label: 'COS_OEM', files });
  defer(oem.cleanup);
  const h = harness(root.path, { labels: { COS_OEM: '/oem' }, devices: { COS_OEM: oem.device }, ...more });
  return { root, oem, h };
}
