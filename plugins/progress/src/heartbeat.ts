/**
 * A repeating reminder that something is still running. The timer is unref'd: a heartbeat never
 * keeps the process alive on its own, and a step that ends stops it.
 */
export function startHeartbeat(intervalMs: number, beat: (elapsedMs: number) => void): () => void {
  const started = Date.now();
  const timer = setInterval(() => beat(Date.now() - started), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
