/**
 * The conditionals of a step, checked in yip's order before any action: the first that fails
 * skips the step (a skip is not an error).
 */
import { CONDITION_ORDER, defineCondition, definePlugin, recordChanges, s, yipSchema } from '@yipts/core';
import type { Plugin, Schema } from '@yipts/core';
import { execShell } from '@yipts/system';
import { matches } from '@yipts/template/go-regexp';
import { exists, factsOf } from './facts.js';
import type { Facts } from './facts.js';

export const PLUGIN_NAME = 'conditionals';

export interface ConditionalsOptions {
  /** Limit for an `if` snippet in milliseconds; 0 or undefined: none. */
  readonly timeoutMs?: number;
}

/** The options, checked before the plugin is made (an executor configuration's `pluginOptions`). */
export const OPTIONS_SCHEMA = s.object({ timeoutMs: s.describe(s.integer(), 'limit for an `if` snippet in milliseconds; 0: none') });

const c = yipSchema.conditionSchemas;
const IF_FILES_CHECKS = new Set(['any', 'all', 'none']);

/**
 * A conditional that lets the step run only when its pattern (a Go regexp; empty: no check)
 * matches one fact of the machine; the skip reason names the fact (`OS \`…\` does not match \`…\``).
 */
function factMatches(schema: Schema<string>, order: number, what: string, fact: (facts: Facts) => string) {
  return defineCondition({
    schema,
    order,
    check: async (pattern, ctx) => {
      if (!pattern) return undefined;
      const value = fact(await factsOf(ctx.run));
      return matches(pattern, value) ? undefined : `${what} \`${value}\` does not match \`${pattern}\``;
    },
  });
}

export default function conditionalsPlugin(options: ConditionalsOptions = {}): Plugin {
  return definePlugin({
    name: PLUGIN_NAME,
    conditions: {
      node: factMatches(c.node, CONDITION_ORDER.NODE, 'node', (facts) => facts.hostname),
      if: defineCondition({
        schema: c.if,
        order: CONDITION_ORDER.IF,
        check: async (snippet, ctx) => {
          if (!snippet.trim()) return undefined;
          const script = ctx.render(snippet);
          // A plan runs nothing unless asked: the step is shown with what it depends on.
          if (ctx.run.options.plan && !ctx.run.options.plan.runConditions) {
            recordChanges(ctx, [{ kind: 'condition', text: `depends on \`${script.trim()}\`` }]);
            return undefined;
          }
          const result = await execShell(script, {
            root: ctx.run.options.root,
            env: ctx.run.options.env,
            signal: ctx.signal,
            ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
          });
          if (result.exitCode === 0 && !result.timedOut) return undefined;
          const why = result.timedOut ? 'timed out' : `exited with status ${result.exitCode}`;
          return `if \`${script.trim().split('\n')[0]}\` ${why}`;
        },
      }),
      only_os: factMatches(c.only_os, CONDITION_ORDER.ONLY_OS, 'OS', (facts) => facts.os.PRETTY_NAME ?? ''),
      only_os_version: factMatches(c.only_os_version, CONDITION_ORDER.ONLY_OS_VERSION, 'OS version', (facts) => facts.os.VERSION_ID ?? ''),
      only_arch: factMatches(c.only_arch, CONDITION_ORDER.ONLY_ARCH, 'architecture', (facts) => facts.arch),
      only_service_manager: defineCondition({
        schema: c.only_service_manager,
        order: CONDITION_ORDER.ONLY_SERVICE_MANAGER,
        check: async (wanted, ctx) => {
          if (!wanted) return undefined;
          if (!['systemd', 'openrc'].includes(wanted.trim().toLowerCase())) return `service manager \`${wanted}\` is not supported`;
          const { systemd, openrc } = (await factsOf(ctx.run)).serviceManagers;
          // As yip: a system with both or neither cannot be told apart, so the step is skipped.
          const found = systemd && !openrc ? 'systemd' : openrc && !systemd ? 'openrc' : undefined;
          if (found === wanted.trim().toLowerCase()) return undefined;
          return found
            ? `service manager is ${found}, not ${wanted}`
            : `service manager is not known (systemd: ${systemd}, openrc: ${openrc})`;
        },
      }),
      if_files: defineCondition({
        schema: c.if_files,
        order: CONDITION_ORDER.IF_FILES,
        check: async (spec, ctx) => {
          // As yip: a check type it does not know (a typo of `all`…) skips the step rather than
          // leaving it unconditional; the schema has already warned about the key.
          const written = ctx.step.node.entries.find((e) => e.key === 'if_files')?.value;
          const unknown = written?.kind === 'map' ? written.entries.find((e) => !IF_FILES_CHECKS.has(e.key)) : undefined;
          if (unknown) return `unknown if_files check type: ${unknown.key}`;
          const root = ctx.run.options.root;
          const any = spec.any ?? [];
          const all = spec.all ?? [];
          const none = spec.none ?? [];
          if (any.length) {
            let found = false;
            for (const p of any) if (await exists(root, p)) found = true;
            if (!found) return `none of if_files.any exists (${any.join(', ')})`;
          }
          for (const p of all) if (!(await exists(root, p))) return `if_files.all: ${p} does not exist`;
          for (const p of none) if (await exists(root, p)) return `if_files.none: ${p} exists`;
          return undefined;
        },
      }),
    },
  });
}

export { conditionalsPlugin };
