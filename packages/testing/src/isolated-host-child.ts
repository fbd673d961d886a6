/**
 * Runs inside the private namespaces set up by isolated-host.ts: composes the plugins named in
 * the spec, runs one stage of an inline config against the host root (`/`, or the spec's root), and writes a
 * summary (step results, log records, the namespace's host name) as JSON.
 */
import { createExecutor } from '@yipts/core';
import type { LogLevel, Plugin } from '@yipts/core';
import { readFile, writeFile } from 'node:fs/promises';
import type { HostRunSpec, HostRunSummary } from './isolated-host.js';

const [specPath, outPath] = process.argv.slice(2);
const spec = JSON.parse(await readFile(specPath!, 'utf8')) as HostRunSpec;
const plugins: Plugin[] = [];
for (const p of spec.plugins) {
  const mod = (await import(String(p.module))) as { default: (o?: unknown) => Plugin };
  plugins.push(mod.default(p.options));
}
const logs: { level: LogLevel; message: string }[] = [];
const executor = createExecutor({ plugins, logger: { log: (level, message) => logs.push({ level, message }) } });
const result = await executor.runStage(spec.stage, [{ kind: 'inline', name: 'host-test.yaml', text: spec.yaml }], {
  root: spec.root ?? '/',
  env: { ...process.env, ...spec.env },
});
const summary: HostRunSummary = {
  ok: result.ok,
  steps: result.stages.flatMap((s) => s.steps.map((st) => ({ id: st.id, status: st.status, errors: st.errors.map((e) => e.message) }))),
  // Every error, as runYaml gives them: the steps' first, then the run's own.
  errors: [...result.stages.flatMap((s) => s.steps.flatMap((st) => st.errors)), ...result.errors].map((e) => e.message),
  logs,
  hostname: (await readFile('/proc/sys/kernel/hostname', 'utf8')).trim(),
  probes: Object.fromEntries(
    await Promise.all((spec.probes ?? []).map(async (p) => [p, await readFile(p, 'utf8').catch(() => null)] as const)),
  ),
};
await writeFile(outPath!, JSON.stringify(summary));
