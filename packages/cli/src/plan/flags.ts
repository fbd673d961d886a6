/** Flags of `yipts plan`. */
import type { FlagSpec } from '../args.js';
import { COMMON_FLAGS } from '../flags.js';

export const PLAN_FLAGS: readonly FlagSpec[] = [
  { long: 'stage', short: 's', value: 'one', placeholder: 'STAGE', help: 'stage to plan (default "default")' },
  { long: 'run-conditions', help: 'run `if` commands to decide which steps apply (otherwise shown as "depends on")' },
  { long: 'fetch', help: 'let plans reach the network to say what a fetch would bring' },
  { long: 'format', value: 'one', placeholder: 'text|json', help: 'output on stdout (default text)' },
  { long: 'cloud-init-paths', value: 'repeat', placeholder: 'PATH', help: 'run-stage: more config paths, after the default ones' },
  { long: 'cmdline', value: 'one', placeholder: 'FILE', help: 'run-stage: kernel command line to read (default /proc/cmdline)' },
  { long: 'no-cmdline', help: 'run-stage: do not read the kernel command line' },
  ...COMMON_FLAGS,
];

export const USAGE_PLAN =
  'Usage: yipts plan [-s STAGE] [--root DIR] [--run-conditions] [--fetch] [--format text|json] SOURCE...\n' +
  '       yipts plan run-stage [--root DIR] [--run-conditions] [--fetch] [--format text|json] STAGE\n\n' +
  'Shows what the stage would change, as a diff, and changes nothing.\n' +
  'Exit status: 0 nothing would change, 2 something would, 1 error.';
