import { ACTION_ORDER, CONDITION_ORDER, defineAction, defineCondition, definePlugin, s } from '@yipts/core';
import type { Plugin } from '@yipts/core';

export const PLUGIN_NAME = 'greeting';

export interface GreetingOptions {
  readonly greeting?: string;
}

export default function greetingPlugin(options: GreetingOptions = {}): Plugin {
  return definePlugin({
    name: PLUGIN_NAME, // required, unique in an executor
    actions: {
      // `greet: world` does work: it logs a greeting.
      greet: defineAction({
        schema: s.string(),
        order: ACTION_ORDER.COMMANDS + 20,
        run: (who, ctx) => {
          const text = `${options.greeting ?? 'hello'} ${ctx.render(who)}`;
          ctx.logger.log('info', ctx.step.spec.greet_loudly === true ? text.toUpperCase() : text);
        },
      }),
    },
    conditions: {
      // `only_with_env: NAME` skips the step unless the run's environment has NAME.
      only_with_env: defineCondition({
        schema: s.string(),
        order: CONDITION_ORDER.IF_FILES + 10,
        check: (name, ctx) => (ctx.run.options.env[name] ? undefined : `${name} is not set`),
      }),
    },
    // `greet_loudly: true` changes `greet` and does nothing alone.
    fields: { greet_loudly: s.boolean() },
    apply(hooks) {
      // Called once, when the executor is created.
      hooks.stepEnd.tap(PLUGIN_NAME, (ctx, result) => {
        if ('greet' in ctx.step.spec) ctx.logger.log('debug', `greeting step ${result.status}`);
      });
    },
  });
}
