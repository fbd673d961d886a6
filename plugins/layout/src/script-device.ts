/**
 * `device.path: "script://PROGRAM ARG…"`: the disk is whatever PROGRAM prints (trimmed), as in
 * yip, for images that pick their disk at boot. PROGRAM runs on the host like every disk tool,
 * with the words after it as arguments (no shell). Any other path is returned as written.
 */
import { describeFailure } from '@yipts/system';
import { toolResult } from './tools.js';
import type { ToolOptions } from './tools.js';

const SCHEME = 'script://';

export async function resolveScriptDevice(path: string, options: ToolOptions = {}): Promise<string> {
  if (!path.startsWith(SCHEME)) return path;
  const argv = path.slice(SCHEME.length).trim().split(/\s+/).filter(Boolean);
  if (argv.length === 0) throw new Error(`device.path ${path}: no program after ${SCHEME}`);
  const result = await toolResult(argv, options);
  if (result.exitCode !== 0 || result.timedOut) throw new Error(`device.path script ${argv[0]} ${describeFailure(result)}`);
  const device = result.stdout.trim();
  if (!device) throw new Error(`device.path script ${argv[0]} printed nothing: empty device path`);
  return device;
}
