/**
 * Go text/template rendering (with the sprig functions real configs use) for every string a
 * plugin renders through `ctx.render`. A template that does not parse or fails to execute is
 * left as written, with a warning naming the step, as yip does.
 */
import type { Plugin, RunContext } from '@yipts/core';
import { definePlugin } from '@yipts/core';
import { hasTemplate, renderTemplate } from '@yipts/template';
import type { TemplateData } from './data.js';
import { collectTemplateData } from './data.js';

export const PLUGIN_NAME = 'templates';

export interface TemplatesOptions {
  /** Extra data merged over the collected facts (tests, custom executors). */
  readonly data?: Partial<TemplateData>;
}

const DATA = Symbol('templates:data');

export default function templatesPlugin(options: TemplatesOptions = {}): Plugin {
  // Rendering is synchronous, so the facts are read before the first stage runs.
  const dataOf = (run: RunContext): TemplateData | undefined => run.state.get(DATA) as TemplateData | undefined;
  return definePlugin({
    name: PLUGIN_NAME,
    apply(hooks) {
      hooks.stageStart.tapPromise(PLUGIN_NAME, async (stage) => {
        if (!dataOf(stage.run)) stage.run.state.set(DATA, { ...(await collectTemplateData(stage.run)), ...options.data });
      });
      hooks.render.tap(PLUGIN_NAME, (text, ctx) => {
        if (!hasTemplate(text)) return text;
        const data = dataOf(ctx.run);
        try {
          return renderTemplate(text, data ?? {});
        } catch (error) {
          ctx.logger.log('warning', `template left unrendered: ${(error as Error).message}`, { plugin: PLUGIN_NAME });
          return text;
        }
      });
    },
  });
}

export { templatesPlugin, collectTemplateData };
export type { TemplateData };
