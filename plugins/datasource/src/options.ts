/** What a consumer (or a test) may change: where the metadata services are, how long to wait for them, which labels mark a data drive. */
import { s } from '@yipts/core';

/** Metadata services reached over HTTP, by the name used in `providers:`. */
export type HttpProviderName = 'aws' | 'gcp' | 'hetzner' | 'openstack' | 'digitalocean' | 'vultr' | 'packet' | 'scaleway';

export interface DatasourceOptions {
  /** Base URL of each metadata service (trailing slash optional). Tests point these at a loopback server. */
  readonly endpoints?: Partial<Record<HttpProviderName, string>>;
  /** Milliseconds for one HTTP request to a metadata service; default 2000, as yip. */
  readonly timeoutMs?: number;
  /** Filesystem labels that mark a drive for `cdrom` (default cidata, CIDATA) and `config-drive` (default config-2, CONFIG-2). */
  readonly labels?: { readonly cdrom?: readonly string[]; readonly configDrive?: readonly string[] };
  /** Optical drives probed besides the labelled ones; default every /dev/srN present. */
  readonly opticalDevices?: readonly string[];
  /** Where provider metadata (hostname, ssh/authorized_keys, ...) goes, inside the root; default /run/config as yip. */
  readonly metadataPath?: string;
  /** yip fails the step when no provider gave user data; false turns that into a warning. Default true. */
  readonly noDataIsError?: boolean;
  /** User data starting with `#!` is run as a script, as yip does. Default true. */
  readonly runScripts?: boolean;
  /** Milliseconds a user-data script may run; default 0 (no limit). */
  readonly scriptTimeoutMs?: number;
}

/** The options, checked before the plugin is made (an executor configuration's `pluginOptions`). */
export const OPTIONS_SCHEMA = s.object({
  endpoints: s.describe(s.record(s.string()), 'base URL of each metadata service, by provider name'),
  timeoutMs: s.describe(s.integer(), 'milliseconds for one request to a metadata service'),
  labels: s.object({ cdrom: s.list(s.string()), configDrive: s.list(s.string()) }),
  opticalDevices: s.describe(s.list(s.string()), 'optical drives probed besides the labelled ones'),
  metadataPath: s.describe(s.string(), 'where provider metadata goes, inside the root'),
  noDataIsError: s.describe(s.boolean(), 'fail the step when no provider gave user data'),
  runScripts: s.describe(s.boolean(), 'run user data starting with #! as a script'),
  scriptTimeoutMs: s.describe(s.integer(), 'limit for a user-data script in milliseconds; 0: none'),
});

export const DEFAULT_TIMEOUT_MS = 2000;
export const DEFAULT_METADATA_PATH = '/run/config';
export const DEFAULT_USERDATA_PATH = '/run/config';
export const DEFAULT_USERDATA_NAME = 'userdata.yaml';
export const DEFAULT_CDROM_LABELS = ['cidata', 'CIDATA'] as const;
export const DEFAULT_CONFIG_DRIVE_LABELS = ['config-2', 'CONFIG-2'] as const;

/** Where each service answers in the clouds themselves. */
export const DEFAULT_ENDPOINTS: Readonly<Record<HttpProviderName, string>> = {
  aws: 'http://169.254.169.254/latest/',
  openstack: 'http://169.254.169.254/latest/',
  gcp: 'http://metadata.google.internal/computeMetadata/v1/',
  hetzner: 'http://169.254.169.254/hetzner/v1/',
  digitalocean: 'http://169.254.169.254/metadata/v1/',
  vultr: 'http://169.254.169.254/v1/',
  packet: 'https://metadata.platformequinix.com/',
  scaleway: 'http://169.254.42.42/',
};

export function endpointOf(options: DatasourceOptions, name: HttpProviderName): string {
  const base = options.endpoints?.[name] ?? DEFAULT_ENDPOINTS[name];
  return base.endsWith('/') ? base : `${base}/`;
}
