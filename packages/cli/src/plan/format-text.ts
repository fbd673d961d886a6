/**
 * The plan as text: per stage and source, each step that would change something, its changes
 * with Terraform's signs, unified diffs for files; a closing count. Colour only on a terminal.
 */
import type { Attributes, Change, RunResult, StepResult } from '@yipts/core';
import { unifiedDiff } from './diff.js';
import { signOf, summarize } from './summary.js';
import type { Sign } from './summary.js';

const SIGN_COLOUR: Record<Sign, string> = { '+': '32', '~': '33', '-': '31', '>': '36', '?': '35', '#': '90' };

export function formatPlanText(result: RunResult, colour: boolean): string {
  const paint = (code: string, text: string) => (colour ? `\x1b[${code}m${text}\x1b[0m` : text);
  const out: string[] = [];
  for (const stage of result.stages) {
    const steps = stage.steps.filter((s) => (s.changes?.length ?? 0) > 0 || s.status !== 'ok');
    if (!steps.length) continue;
    out.push(paint('1', `stage ${stage.stage} from ${stage.source}`));
    for (const step of steps) out.push(...formatStep(step, paint));
    out.push('');
  }
  const s = summarize(result);
  const unknown = s.unknown ? `, ${s.unknown} action(s) that cannot say` : '';
  out.push(`Plan: ${s.add} to add, ${s.change} to change, ${s.remove} to remove, ${s.run} to run${unknown}.`);
  return `${out.join('\n')}\n`;
}

type Paint = (code: string, text: string) => string;

function formatStep(step: StepResult, paint: Paint): string[] {
  const status = step.status === 'skipped' ? ` (skipped: ${step.skipReason})` : step.status === 'failed' ? ' (failed)' : '';
  const lines = [`  step ${step.id}${status}`];
  for (const change of step.changes ?? []) {
    const sign = signOf(change);
    lines.push(`    ${paint(SIGN_COLOUR[sign], `${sign} ${describe(change)}`)}`);
    if (
      change.kind === 'file' &&
      !change.binary &&
      change.before !== change.after &&
      (change.before !== undefined || change.after !== undefined)
    ) {
      lines.push(...diffLines(change.path, change.before, change.after, paint));
    }
  }
  for (const error of step.errors) lines.push(`    ${paint('31', `error: ${error.reason}`)}`);
  return lines;
}

function diffLines(path: string, before: string | undefined, after: string | undefined, paint: Paint): string[] {
  const text = unifiedDiff(path, before, after).trimEnd();
  return text.split('\n').map((line) => {
    const code =
      line.startsWith('+++') || line.startsWith('---')
        ? '1'
        : line.startsWith('+')
          ? '32'
          : line.startsWith('-')
            ? '31'
            : line.startsWith('@@')
              ? '36'
              : '';
    return `      ${code ? paint(code, line) : line}`;
  });
}

export function describe(change: Change): string {
  switch (change.kind) {
    case 'file':
      return `file ${change.path} (${change.action}${attributeText(change.from, change.to)}${change.binary ? ', binary content' : ''})`;
    case 'directory':
      return `directory ${change.path} (${change.action}${attributeText(change.from, change.to)})`;
    case 'account': {
      // The lines themselves, indented under the change, hashes already masked by the plugin.
      const lines = [...lineOf('-', change.before), ...lineOf('+', change.after)];
      return [`${change.database}: ${change.name} (${change.action})`, ...lines].join('\n        ');
    }
    case 'unit':
      return `unit ${change.unit} (${change.action})`;
    case 'package':
      return `package ${change.name}${change.version ? ` ${change.version}` : ''} (${change.action})`;
    case 'command':
      return `command \`${change.command}\``;
    case 'disk': {
      const what = change.action === 'add-partition' ? 'add a partition' : 'expand the last partition';
      return `disk ${change.device}: ${what} (${change.detail})`;
    }
    case 'fetch':
      return `fetch ${change.url}${change.target ? ` to ${change.target}` : ''}`;
    case 'live':
    case 'condition':
    case 'note':
      return change.text;
  }
}

function attributeText(from: Attributes | undefined, to: Attributes | undefined): string {
  const parts: string[] = [];
  const mode = (m: number | undefined) => (m === undefined ? '?' : m.toString(8).padStart(4, '0'));
  if (to?.mode !== undefined) {
    const changed = from?.mode !== undefined && from.mode !== to.mode;
    parts.push(changed ? `mode ${mode(from?.mode)} → ${mode(to.mode)}` : `mode ${mode(to.mode)}`);
  }
  const owner = (a: Attributes | undefined) => `${a?.uid ?? '?'}:${a?.gid ?? '?'}`;
  if (to?.uid !== undefined || to?.gid !== undefined) {
    const changed = from && (from.uid !== (to.uid ?? from.uid) || from.gid !== (to.gid ?? from.gid));
    parts.push(changed ? `owner ${owner(from)} → ${owner({ ...from, ...to })}` : `owner ${owner(to)}`);
  }
  return parts.length ? `, ${parts.join(', ')}` : '';
}

function lineOf(sign: '-' | '+', line: string | undefined): string[] {
  return line === undefined ? [] : [`${sign} ${line}`];
}
