/** Log records kept in memory, flat, so a test can assert on them with `assert.equal`. */
import { formatLocation } from '@yipts/core';
import type { Logger, LogLevel, LogMeta } from '@yipts/core';

export interface LogRecord extends LogMeta {
  readonly level: LogLevel;
  readonly message: string;
}

export interface RecordingLogger extends Logger {
  readonly records: LogRecord[];
}

/** A logger that keeps every record, and passes each on to `forward` when given. */
export function recordingLogger(forward?: Logger): RecordingLogger {
  const records: LogRecord[] = [];
  return {
    records,
    log(level, message, meta) {
      const record: Record<string, unknown> = { level, message };
      for (const [k, v] of Object.entries(meta ?? {})) if (v !== undefined) record[k] = v;
      records.push(record as unknown as LogRecord);
      forward?.log(level, message, meta);
    },
  };
}

/** One line as the command line prints it: `file:line:col (step) [plugin] message`. */
export function formatLog(record: LogRecord): string {
  const parts: string[] = [];
  if (record.file) parts.push(formatLocation({ file: record.file, line: record.line, col: record.col }));
  if (record.stepId) parts.push(`(${record.stepId})`);
  if (record.plugin) parts.push(`[${record.plugin}]`);
  parts.push(record.message);
  return parts.join(' ');
}
