/**
 * Go text/template rendering (with the sprig functions real configs use) for every string a
 * plugin renders through `ctx.render`. A template that does not parse or fails to execute is
 * left as written, with a warning naming the step, as yip does.
 */
import type { Plugin, RunContext, YNode } from '@yipts/core';
import { definePlugin, s } from '@yipts/core';
import type { TemplateData } from './data.js';
import { collectTemplateData } from './data.js';

export const PLUGIN_NAME = 'templates';

export interface TemplatesOptions {
  /** Extra data merged over the collected facts (tests, custom executors). */
  readonly data?: Partial<TemplateData>;
}

/** The options, checked before the plugin is made (an executor configuration's `pluginOptions`). */
export const OPTIONS_SCHEMA = s.object({ data: s.describe(s.record(s.unknownValue()), 'extra data merged over the collected facts') });

const STATE = Symbol('templates:state');

interface Ready {
  readonly data: TemplateData;
  readonly render: typeof import('./engine.js').renderTemplate;
}

export default function templatesPlugin(options: TemplatesOptions = {}): Plugin {
  // Rendering is synchronous, so the engine and the facts are made ready when the first step that
  // holds a template starts: a stage without templates (the common case at boot) loads and reads
  // nothing.
  const readyOf = (run: RunContext): Ready | undefined => run.state.get(STATE) as Ready | undefined;
  return definePlugin({
    name: PLUGIN_NAME,
    apply(hooks) {
      hooks.stepStart.tapPromise(PLUGIN_NAME, async (step) => {
        if (readyOf(step.run) || !mentionsTemplate(step.step.node)) return;
        const [engine, data] = await Promise.all([import('./engine.js'), collectTemplateData(step.run)]);
        if (!readyOf(step.run)) step.run.state.set(STATE, { data: { ...data, ...options.data }, render: engine.renderTemplate });
      });
      hooks.render.tap(PLUGIN_NAME, (text, ctx) => {
        if (!text.includes('{{')) return text;
        const ready = readyOf(ctx.run);
        if (!ready) {
          ctx.logger.log('warning', 'template left unrendered: it is not part of any step of the run', { plugin: PLUGIN_NAME });
          return text;
        }
        try {
          return ready.render(text, ready.data);
        } catch (error) {
          // A runaway template (a loop, a string or an output beyond the engine's limits) fails
          // the step: the step's error names its file and id, the message the position in the text.
          if ((error as Error).name === 'TemplateLimitError')
            ctx.report(new Error(`template stopped: ${(error as Error).message}`, { cause: error }));
          else ctx.logger.log('warning', `template left unrendered: ${(error as Error).message}`, { plugin: PLUGIN_NAME });
          return text;
        }
      });
    },
  });
}

/** True when some text of the step, anywhere in it, holds `{{`. */
function mentionsTemplate(node: YNode): boolean {
  if (node.kind === 'scalar') return typeof node.value === 'string' && node.value.includes('{{');
  if (node.kind === 'seq') return node.items.some(mentionsTemplate);
  return node.entries.some((e) => mentionsTemplate(e.value));
}

export { templatesPlugin, collectTemplateData };
export type { TemplateData };
