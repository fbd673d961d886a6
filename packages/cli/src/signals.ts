/**
 * SIGINT and SIGTERM stop a run cleanly: the signal aborts it and the root is released. A third
 * one gives up waiting and exits at once.
 */
import type { Logger } from '@yipts/core';

export async function withInterrupts<T>(logger: Logger, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let received = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    received++;
    logger.log('warning', `${signal} received: stopping the run and releasing the root`);
    controller.abort(new Error(signal));
    if (received > 2) process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
