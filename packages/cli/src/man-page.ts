/** The manual page (roff, section 1), written from the flag table: `yip man`, and dist/yipts.1 at build time. */
import { COMMANDS } from './commands.js';
import type { Flag } from './flag-table.js';
import { flagsOf } from './flag-table.js';
import { ENVIRONMENT, EXIT_CODES } from './help.js';
import { VERSION } from './version.js';

/** roff: a backslash is written `\e`, a leading dot or quote would be read as a request. */
function esc(text: string): string {
  return text
    .replace(/\\/g, '\\e')
    .replace(/-/g, '\\-')
    .replace(/^([.'])/gm, '\\&$1');
}

function flagItem(flag: Flag): string {
  const value = flag.kind === 'value' ? ` \\fI${esc(flag.placeholder)}\\fR` : '';
  const names = `${flag.short ? `\\fB\\-${flag.short}\\fR, ` : ''}\\fB\\-\\-${esc(flag.long)}\\fR${value}`;
  return `.TP\n${names}\n${esc(flag.help)}`;
}

export function manPage(): string {
  const commands = COMMANDS.map((c) => `.TP\n\\fB${esc(c.usage)}\\fR\n${esc(c.summary)}`).join('\n');
  const rows = (list: readonly (readonly [string, string])[]) => list.map(([a, b]) => `.TP\n\\fB${esc(a)}\\fR\n${esc(b)}`).join('\n');
  return `.TH YIPTS 1 "" "yipts ${esc(VERSION)}" "User Commands"
.SH NAME
yip, yipts \\- run the stages of immutable Linux images
.SH SYNOPSIS
${COMMANDS.map((c) => `.B ${esc(c.usage)}\n.br`).join('\n')}
.SH DESCRIPTION
Runs the steps (files, commands, users, units, packages...) of a stage from YAML config files, as yip does.
.SH COMMANDS
${commands}
.SH OPTIONS
${flagsOf('run').map(flagItem).join('\n')}
.SS run-stage
${flagsOf('run-stage')
  .filter((f) => !f.commands.includes('run'))
  .map(flagItem)
  .join('\n')}
.SS plan
${flagsOf('plan')
  .filter((f) => !f.commands.includes('run') && !f.commands.includes('run-stage'))
  .map(flagItem)
  .join('\n')}
.SS validate
${flagsOf('validate')
  .filter((f) => !f.commands.includes('run') && !f.commands.includes('plan'))
  .map(flagItem)
  .join('\n')}
.SS blame
${flagsOf('blame')
  .filter((f) => !f.commands.includes('run'))
  .map(flagItem)
  .join('\n')}
.SH ENVIRONMENT
${rows(ENVIRONMENT)}
.SH EXIT STATUS
${rows(EXIT_CODES)}
.SH FILES
.TP
.B /etc/yipts/yip.config.yaml
executor configuration (also yip.config.*, .yiprc* and package.json#yip in the working directory)
`;
}
