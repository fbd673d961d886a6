/**
 * Human-readable log lines on stderr: level, location (file:line:col), step, plugin, message.
 * Colour only on a terminal and never with NO_COLOR set; LOGLEVEL picks how much is shown.
 * On a terminal, a message with a line is followed by that line of YAML and a caret.
 */
import type { Logger, LogLevel, LogMeta } from '@yipts/core';
import { formatLocation, LOG_LEVELS, parseLogLevel } from '@yipts/core';
import { codeFrame, SourceLines } from './code-frame.js';

const LABEL: Record<LogLevel, string> = { error: 'ERROR', warning: 'WARN ', info: 'INFO ', debug: 'DEBUG', trace: 'TRACE' };
const COLOUR: Record<LogLevel, string> = { error: '31', warning: '33', info: '36', debug: '90', trace: '90' };

export interface StderrLoggerOptions {
  readonly level: LogLevel;
  readonly colour: boolean;
  readonly write?: (line: string) => void;
  readonly format?: 'text' | 'json';
  /** Print the YAML line under messages that have one (a terminal: see `useFrames`). */
  readonly frames?: boolean;
}

/** Code frames on a terminal only, whatever the colour: NO_COLOR is about colour, not layout. */
export function useFrames(stream: { isTTY?: boolean }): boolean {
  return stream.isTTY === true;
}

export function useColour(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

export function stderrLogger(options: StderrLoggerOptions): Logger {
  const threshold = LOG_LEVELS.indexOf(options.level);
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const paint = (code: string, text: string) => (options.colour ? `\x1b[${code}m${text}\x1b[0m` : text);
  const sources = options.frames ? new SourceLines() : undefined;
  const frameOf = (level: LogLevel, meta: LogMeta): string => {
    const text = sources && meta.file && meta.line ? sources.line(meta.file, meta.line) : undefined;
    return text === undefined ? '' : codeFrame(text, meta.line!, meta.col ?? 1, (caret) => paint(COLOUR[level], caret));
  };
  return {
    log(level, message, meta: LogMeta = {}) {
      if (LOG_LEVELS.indexOf(level) > threshold) return;
      if (options.format === 'json') {
        write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...meta })}\n`);
        return;
      }
      const parts = [paint(COLOUR[level], LABEL[level])];
      if (meta.file) parts.push(paint('1', formatLocation({ file: meta.file, line: meta.line, col: meta.col })));
      if (meta.stepId) parts.push(paint('2', `(${meta.stepId})`));
      if (meta.plugin) parts.push(paint('35', `[${meta.plugin}]`));
      parts.push(message);
      write(`${parts.join(' ')}\n${frameOf(level, meta)}`);
    },
  };
}

/**
 * The command line's logger, for executors of one's own: stderr, LOGLEVEL (default info),
 * colour on a terminal unless NO_COLOR, code frames on a terminal; `format: 'json'` for records.
 */
export function consoleLogger(options: { env?: Record<string, string | undefined>; format?: 'text' | 'json' } = {}): Logger {
  const env = options.env ?? process.env;
  return stderrLogger({
    level: parseLogLevel(env.LOGLEVEL),
    colour: useColour(process.stderr, env),
    frames: useFrames(process.stderr),
    format: options.format ?? 'text',
  });
}
