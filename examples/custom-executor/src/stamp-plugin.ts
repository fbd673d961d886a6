/**
 * The tool's own plugin: `stamp: TEXT` appends `STAGE TEXT` to a ledger file inside the target
 * root, so an image records which provisioning stages ran on it.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ACTION_ORDER, defineAction, definePlugin, s } from '@yipts/core';
import type { Plugin } from '@yipts/core';
import { resolveInRoot } from '@yipts/system';

export const PLUGIN_NAME = 'acme-stamp';

export const OPTIONS_SCHEMA = s.object({ ledger: s.describe(s.string(), 'the ledger file inside the root') });

export interface StampOptions {
  readonly ledger?: string;
}

export default function stampPlugin(options: StampOptions = {}): Plugin {
  const ledger = options.ledger ?? '/var/lib/acme/stamps';
  return definePlugin({
    name: PLUGIN_NAME,
    actions: {
      stamp: defineAction({
        schema: s.string(),
        // After `files` of the same step, so the stamp follows what the step wrote.
        order: ACTION_ORDER.FILES + 60,
        run: async (text, ctx) => {
          const path = await resolveInRoot(ctx.run.options.root, ledger);
          await mkdir(dirname(path), { recursive: true });
          await appendFile(path, `${ctx.stage} ${ctx.render(text)}\n`);
        },
      }),
    },
  });
}
