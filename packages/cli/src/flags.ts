import type { FlagSpec } from './args.js';

export const COMMON_FLAGS: readonly FlagSpec[] = [
  { long: 'root', value: 'one', placeholder: 'DIR', help: 'target root: paths, files and commands are inside it (chroot)' },
  { long: 'concurrency', value: 'one', placeholder: 'N', help: 'steps that may run at the same time' },
  { long: 'command-timeout', value: 'one', placeholder: 'DURATION', help: 'limit for each command (e.g. 10m; default none)' },
  { long: 'log-format', value: 'one', placeholder: 'text|json', help: 'format of the log lines on stderr' },
  { long: 'config', value: 'one', placeholder: 'FILE', help: 'executor configuration (plugins, paths, …); default: yip.config.* or .yiprc* here, then /etc/yipts/' },
  { long: 'help', short: 'h', help: 'show this help' },
  { long: 'version', short: 'v', help: 'print the version' },
];

export const RUN_FLAGS: readonly FlagSpec[] = [
  { long: 'stage', short: 's', value: 'one', placeholder: 'STAGE', help: 'stage to run (default "default")' },
  { long: 'analyze', short: 'a', help: 'print the dependency layers of each source and run nothing' },
  { long: 'dotnotation', short: 'd', help: 'read sources as dot notation (stages.boot[0].commands[0]=...)' },
  { long: 'json-schema', help: 'print the JSON Schema of a config file for the loaded plugins, and exit' },
  ...COMMON_FLAGS,
];

export const RUN_STAGE_FLAGS: readonly FlagSpec[] = [
  { long: 'strict', help: 'exit 65 when any step failed' },
  { long: 'cloud-init-paths', value: 'repeat', placeholder: 'PATH', help: 'more config paths, after the default ones' },
  { long: 'cmdline', value: 'one', placeholder: 'FILE', help: 'kernel command line to read (default /proc/cmdline)' },
  { long: 'no-cmdline', help: 'do not read the kernel command line' },
  { long: 'analyze', short: 'a', help: 'print the dependency layers and run nothing' },
  ...COMMON_FLAGS,
];

export const USAGE_RUN = 'Usage: yip [-s STAGE] [-a] [-d] [--root DIR] SOURCE...\n       yip run-stage [--strict] [--root DIR] [--cloud-init-paths PATH]... STAGE\n\nRuns the steps of a stage from YAML config files, directories, URLs or - (stdin).';
export const USAGE_RUN_STAGE = 'Usage: yip run-stage [--strict] [--root DIR] [--cloud-init-paths PATH]... [--cmdline FILE] STAGE\n\nRuns STAGE.before, STAGE and STAGE.after over /system/oem, /oem, /usr/local/cloud-config\n(inside the root), the extra paths, and the kernel command line.';
