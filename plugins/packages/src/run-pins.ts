/**
 * The `package_pins` action: `{name: version}` held by the root's manager (see pins/*.ts for
 * what each one writes). Names and versions are templates, as package names are. A pin that
 * cannot be written (empty version, whitespace) is an error naming it; the others still apply.
 */
import type { ActionContext } from '@yipts/core';
import { invalidPinPart } from './names.js';
import type { ResolvedOptions } from './options.js';
import { PIN_WRITERS } from './pins/index.js';
import type { Pin } from './pins/index.js';
import { withRootLock } from './root-lock.js';
import { resolveTarget } from './target.js';

/** Templated pins in name order (yip sorts them too), and the errors of those that are unusable. */
export function planPins(value: Readonly<Record<string, string>>, render: (text: string) => string): { pins: Pin[]; errors: Error[] } {
  const pins: Pin[] = [];
  const errors: Error[] = [];
  for (const [rawName, rawVersion] of Object.entries(value)) {
    const name = render(rawName).trim();
    const version = render(rawVersion).trim();
    const problem = invalidPinPart('name', name) ?? invalidPinPart('version', version);
    if (problem) errors.push(new Error(`cannot pin ${JSON.stringify(rawName)}: ${problem}`));
    else pins.push({ name, version });
  }
  pins.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { pins, errors };
}

export async function runPins(value: Readonly<Record<string, string>>, ctx: ActionContext, options: ResolvedOptions): Promise<void> {
  const { pins, errors } = planPins(value, (text) => ctx.render(text));
  for (const error of errors) ctx.report(error);
  if (pins.length === 0) return;
  await withRootLock(ctx.run.options.root, async () => {
    const target = await resolveTarget(ctx, options);
    await PIN_WRITERS[target.manager.name](pins, target);
  });
}
