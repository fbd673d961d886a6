/** Shell completion scripts for bash and zsh, written from the flag table and the commands. */
import type { Shell } from './commands.js';
import { SUBCOMMANDS } from './commands.js';
import type { Flag, ValueFlag } from './flag-table.js';
import { flagsOf } from './flag-table.js';

export function completionScript(shell: Shell): string {
  return shell === 'bash' ? bashScript() : zshScript();
}

function words(flags: readonly Flag[]): string {
  return flags.flatMap((f) => [`--${f.long}`, ...(f.short ? [`-${f.short}`] : [])]).join(' ');
}

/** The bash `case` arm that completes the value of a flag. */
function bashValue(flag: Flag): string | undefined {
  if (flag.kind !== 'value' || flag.complete === 'none') return undefined;
  const names = [`--${flag.long}`, ...(flag.short ? [`-${flag.short}`] : [])].join('|');
  const action =
    flag.complete === 'file'
      ? 'COMPREPLY=($(compgen -f -- "$cur"))'
      : flag.complete === 'dir'
        ? 'COMPREPLY=($(compgen -d -- "$cur"))'
        : `COMPREPLY=($(compgen -W "${flag.complete.join(' ')}" -- "$cur"))`;
  return `    ${names}) ${action}; return ;;`;
}

function bashScript(): string {
  const commands = ['run', 'run-stage', 'plan', 'plan-stage', 'validate', 'blame'] as const;
  const all = [...new Map(commands.flatMap((c) => flagsOf(c)).map((f) => [f.long, f])).values()];
  const values = all.map(bashValue).filter(Boolean).join('\n');
  return `# bash completion for yip and yipts: source it, or put it in /etc/bash_completion.d/
_yipts() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  case "$prev" in
${values}
  esac
  case "\${COMP_WORDS[1]}" in
    run-stage) COMPREPLY=($(compgen -W "${words(flagsOf('run-stage'))}" -- "$cur")); return ;;
    plan) COMPREPLY=($(compgen -W "run-stage ${words([...new Set([...flagsOf('plan'), ...flagsOf('plan-stage')])])}" -- "$cur")); return ;;
    validate) COMPREPLY=($(compgen -W "${words(flagsOf('validate'))}" -- "$cur") $(compgen -f -- "$cur")); return ;;
    blame) COMPREPLY=($(compgen -W "${words(flagsOf('blame'))}" -- "$cur") $(compgen -f -- "$cur")); return ;;
    completion) COMPREPLY=($(compgen -W "bash zsh" -- "$cur")); return ;;
    help) COMPREPLY=($(compgen -W "run ${SUBCOMMANDS.join(' ')}" -- "$cur")); return ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "${words(flagsOf('run'))}" -- "$cur"))
  elif [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W "${SUBCOMMANDS.join(' ')}" -- "$cur") $(compgen -f -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -F _yipts yip yipts
`;
}

/** One `_arguments` spec of zsh: `(-s --stage)'{-s,--stage}'[help]:STAGE:_files'`. */
function zshSpec(flag: Flag): string {
  const help = flag.help.replace(/[[\]':]/g, (c) => `\\${c}`);
  const value = flag.kind === 'value' ? `:${flag.placeholder}:${zshAction(flag.complete)}` : '';
  const repeat = flag.kind === 'value' && flag.repeat ? '*' : '';
  if (!flag.short) return `'${repeat}--${flag.long}[${help}]${value}'`;
  return `'(-${flag.short} --${flag.long})'{-${flag.short},--${flag.long}}'[${help}]${value}'`;
}

function zshAction(complete: ValueFlag<unknown>['complete']): string {
  if (complete === 'file') return '_files';
  if (complete === 'dir') return '_files -/';
  if (complete === 'none') return ' ';
  return `(${complete.join(' ')})`;
}

function zshScript(): string {
  const specs = (flags: readonly Flag[]) => flags.map((f) => `      ${zshSpec(f)}`).join(' \\\n');
  // A command's own words: the command is dropped from `words`, then its flags and arguments.
  const branch = (name: string, flags: readonly Flag[], rest: string) => `[[ $words[2] == ${name} ]]; then
    shift words; (( CURRENT-- ))
    _arguments -s \\
${specs(flags)} \\
      ${rest}`;
  return `#compdef yip yipts
# zsh completion for yip and yipts: put it in a directory of $fpath as _yipts
_yipts() {
  if ${branch('run-stage', flagsOf('run-stage'), "':stage: '")}
  elif ${branch('plan', [...new Set([...flagsOf('plan'), ...flagsOf('plan-stage')])], "'*:source or run-stage:_files'")}
  elif ${branch('validate', flagsOf('validate'), "'*:source:_files'")}
  elif ${branch('blame', flagsOf('blame'), "':report:_files'")}
  elif [[ $words[2] == completion ]]; then
    _values shell bash zsh
  elif [[ $words[2] == help ]]; then
    _values command run ${SUBCOMMANDS.join(' ')}
  else
    _arguments -s \\
${specs(flagsOf('run'))} \\
      '1:source or command:{_alternative "commands:command:(${SUBCOMMANDS.join(' ')})" "files:source:_files"}' \\
      '*:source:_files'
  fi
}
_yipts "$@"
`;
}
