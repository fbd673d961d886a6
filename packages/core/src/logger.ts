import { redactText } from '@yipts/http';

/** Where a log record points: the source file, the step and the plugin involved. */
export interface LogMeta {
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
  readonly stepId?: string;
  readonly plugin?: string;
  /** What happened, for machine readers of the log: `step-start`, `step-end`, `run-end`… */
  readonly event?: string;
  /** The stage the record belongs to. */
  readonly stage?: string;
  /** How a step or run ended. */
  readonly status?: string;
  /** How long the step or run took (or has been running, for `step-running`). */
  readonly durationMs?: number;
  /** Counts of steps by outcome, on the record that ends a run. */
  readonly steps?: { readonly ok: number; readonly failed: number; readonly skipped: number };
  /** The stable code of a finding (see ERROR_CODES). */
  readonly code?: string;
}

export type LogLevel = 'error' | 'warning' | 'info' | 'debug' | 'trace';

export const LOG_LEVELS: readonly LogLevel[] = ['error', 'warning', 'info', 'debug', 'trace'];

export interface Logger {
  log(level: LogLevel, message: string, meta?: LogMeta): void;
}

/** A logger that drops everything: the default for library use. */
export const silentLogger: Logger = Object.freeze({ log() {} });

/** A logger whose records all carry `meta` (e.g. the step being run). */
export function withMeta(logger: Logger, meta: LogMeta): Logger {
  return { log: (level, message, extra) => logger.log(level, message, { ...meta, ...extra }) };
}

export function parseLogLevel(value: string | undefined, fallback: LogLevel = 'info'): LogLevel {
  const v = value?.toLowerCase();
  if (v === 'warn') return 'warning';
  return (LOG_LEVELS as readonly string[]).includes(v ?? '') ? (v as LogLevel) : fallback;
}

/**
 * The last line of defence for credentials written in URLs (`http://user:secret@…`): every
 * record's message, file and step id with passwords replaced by `***`, whatever its level or
 * the format it is written in. Callers redact too; this catches what they missed.
 */
export function redactingLogger(logger: Logger): Logger {
  if (redacting.has(logger)) return logger;
  const wrapped: Logger = {
    log(level, message, meta) {
      if (!meta) return logger.log(level, redactText(message));
      const { file, stepId } = meta;
      logger.log(level, redactText(message), {
        ...meta,
        ...(file ? { file: redactText(file) } : {}),
        ...(stepId ? { stepId: redactText(stepId) } : {}),
      });
    },
  };
  redacting.add(wrapped);
  return wrapped;
}

const redacting = new WeakSet<Logger>();
