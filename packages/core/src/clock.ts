/**
 * Milliseconds from a monotonic clock. `performance.now()` would do, but its first use loads
 * node:perf_hooks, a measurable part of the start-up of a program that runs at every boot stage.
 */
export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
