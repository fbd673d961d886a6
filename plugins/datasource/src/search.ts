/**
 * Which provider wins. As yip: the drives (`cdrom`, `config-drive`) are looked at first, one
 * after another, since they answer at once and cost nothing when absent; then the network
 * providers and `file` are all probed at the same time, so a boot off-cloud waits one timeout,
 * not one per provider. Unlike yip, whose winner is whichever answers first, the winner here is
 * the first in the order the config lists them that has user data.
 */
import { CDROM_FILES, CONFIG_DRIVE_FILES, listDrives, readDrive } from './drives.js';
import type { DriveKind } from './drives.js';
import { readFileProvider } from './file-provider.js';
import { isHttpProvider, readHttpProvider } from './http-providers.js';
import { DEFAULT_CDROM_LABELS, DEFAULT_CONFIG_DRIVE_LABELS, DEFAULT_TIMEOUT_MS } from './options.js';
import type { DatasourceOptions } from './options.js';
import { NotAvailable } from './provider.js';
import type { ProviderResult } from './provider.js';

/** Names yip knows that this project does not read yet. */
export const NOT_IMPLEMENTED = ['azure', 'metaldata', 'maas', 'vmware'] as const;

export interface SearchContext {
  readonly root: string;
  /** The step's `path`, as written (the `file` provider's source). */
  readonly path: string | undefined;
  readonly options: DatasourceOptions;
  readonly signal: AbortSignal;
  readonly log: (level: 'warning' | 'info' | 'debug', message: string) => void;
}

export interface SearchOutcome {
  /** The first provider with user data. */
  readonly winner: ProviderResult | undefined;
  /** Without a winner: the first provider that answered, whose metadata is still worth keeping. */
  readonly answered: ProviderResult | undefined;
}

function driveKinds(options: DatasourceOptions): Record<'cdrom' | 'config-drive', DriveKind> {
  return {
    cdrom: { label: 'CDROM', fsLabels: options.labels?.cdrom ?? DEFAULT_CDROM_LABELS, files: CDROM_FILES },
    'config-drive': {
      label: 'CONFIG_DRIVE',
      fsLabels: options.labels?.configDrive ?? DEFAULT_CONFIG_DRIVE_LABELS,
      files: CONFIG_DRIVE_FILES,
    },
  };
}

export async function search(providers: readonly string[], ctx: SearchContext): Promise<SearchOutcome> {
  const debug = (m: string) => ctx.log('debug', m);
  const kinds = driveKinds(ctx.options);
  const abort = new AbortController();
  const remote: (() => Promise<ProviderResult>)[] = [];

  for (const name of providers) {
    if (name === 'cdrom' || name === 'config-drive') continue;
    if (isHttpProvider(name)) {
      remote.push(() =>
        readHttpProvider(name, {
          options: ctx.options,
          timeoutMs: ctx.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
          signal: abort.signal,
          debug,
        }),
      );
    } else if (name === 'file') {
      // As yip: without a path there is nothing to read.
      if (ctx.path) remote.push(() => readFileProvider(ctx.root, ctx.path!));
      else ctx.log('warning', 'datasource: provider `file` needs `path` (the file to read); skipped');
    } else if ((NOT_IMPLEMENTED as readonly string[]).includes(name)) {
      ctx.log('info', `datasource: provider \`${name}\` is not supported yet; skipped`);
    } else {
      ctx.log('warning', `datasource: unknown provider \`${name}\`; skipped`);
    }
  }

  for (const name of providers) {
    if (name !== 'cdrom' && name !== 'config-drive') continue;
    const kind = kinds[name];
    for (const device of await listDrives(kind, { opticalDevices: ctx.options.opticalDevices, signal: ctx.signal, debug })) {
      debug(`datasource: probing ${kind.label}(${device})`);
      const found = await readDrive(device, kind, { opticalDevices: ctx.options.opticalDevices, signal: ctx.signal, debug });
      if (found) return { winner: found, answered: found };
    }
  }

  const onStepAbort = () => abort.abort();
  ctx.signal.addEventListener('abort', onStepAbort);
  try {
    const pending = remote.map((read) =>
      read().then(
        (r) => ({ ok: true as const, r }),
        (e: unknown) => ({ ok: false as const, e }),
      ),
    );
    let answered: ProviderResult | undefined;
    for (const p of pending) {
      const outcome = await p;
      if (!outcome.ok) {
        const e = outcome.e as Error;
        if (e instanceof NotAvailable) debug(`datasource: ${e.message}`);
        else ctx.log('warning', `datasource: ${e.message}`);
        continue;
      }
      answered ??= outcome.r;
      if (outcome.r.userdata) return { winner: outcome.r, answered };
      debug(`datasource: ${outcome.r.name} has no user data`);
    }
    return { winner: undefined, answered };
  } finally {
    // The winner is known: the slower providers are not waited for.
    abort.abort();
    ctx.signal.removeEventListener('abort', onStepAbort);
  }
}
