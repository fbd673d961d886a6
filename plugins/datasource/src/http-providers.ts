/**
 * The metadata services, as yip reads them: a probe (the host name, or the index), then the host
 * name (required), a few metadata entries saved as files, the SSH keys and the user data. Only
 * the probe decides whether a provider is there; a missing entry after it is logged and skipped.
 */
import { httpGet } from './http-get.js';
import type { GetOptions } from './http-get.js';
import { endpointOf } from './options.js';
import type { DatasourceOptions, HttpProviderName } from './options.js';
import { NotAvailable, keyLinesOf, meta } from './provider.js';
import type { MetadataFile, ProviderResult } from './provider.js';

export interface ProbeContext {
  readonly options: DatasourceOptions;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  readonly debug: (message: string) => void;
}

type Get = (path: string, extra?: Partial<GetOptions>) => Promise<Buffer>;

interface SimpleSpec {
  readonly label: string;
  readonly probe: string;
  readonly hostname: string;
  /** [path under the base URL, metadata file name] */
  readonly entries: readonly (readonly [string, string])[];
  readonly ssh?: string;
  readonly userdata?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** How the SSH answer becomes key lines. */
  readonly parseKeys?: (text: string) => string[];
}

const EC2_ENTRIES = [
  ['meta-data/public-ipv4', 'public_ipv4'],
  ['meta-data/local-ipv4', 'local_ipv4'],
  ['meta-data/placement/availability-zone', 'availability_zone'],
  ['meta-data/instance-type', 'instance_type'],
  ['meta-data/instance-id', 'instance_id'],
  ['meta-data/local-hostname', 'local_hostname'],
] as const;

const SIMPLE: Partial<Record<HttpProviderName, SimpleSpec>> = {
  aws: {
    label: 'AWS',
    probe: 'meta-data/hostname',
    hostname: 'meta-data/hostname',
    entries: EC2_ENTRIES,
    ssh: 'meta-data/public-keys/0/openssh-key',
    userdata: 'user-data',
  },
  openstack: {
    label: 'Openstack',
    probe: 'meta-data/hostname',
    hostname: 'meta-data/hostname',
    entries: EC2_ENTRIES,
    ssh: 'meta-data/public-keys/0/openssh-key',
    userdata: 'user-data',
  },
  gcp: {
    label: 'GCP',
    probe: 'instance/hostname',
    hostname: 'instance/hostname',
    entries: [],
    ssh: 'project/attributes/ssh-keys',
    userdata: 'instance/attributes/user-data',
    headers: { 'Metadata-Flavor': 'Google' },
    // Project keys are `user:key`; as yip, every key goes to root and the user part is dropped.
    parseKeys: (text) => text.split('\n').flatMap((l) => (l.includes(':') ? keyLinesOf(l.slice(l.indexOf(':') + 1)) : [])),
  },
  hetzner: {
    label: 'Hetzner',
    probe: 'metadata/hostname',
    hostname: 'metadata/hostname',
    entries: [
      ['metadata/public-ipv4', 'public_ipv4'],
      ['metadata/instance-id', 'instance_id'],
    ],
    userdata: 'userdata',
  },
  digitalocean: {
    label: 'DigitalOcean',
    probe: '',
    hostname: 'hostname',
    entries: [
      ['interfaces/public/0/ipv4/address', 'public_ipv4'],
      ['interfaces/private/0/ipv4/address', 'private_ipv4'],
      ['region', 'region'],
      ['id', 'id'],
    ],
    ssh: 'public-keys',
    userdata: 'user-data',
  },
  // Vultr's service has no user data: it only ever gives metadata.
  vultr: {
    label: 'Vultr',
    probe: '',
    hostname: 'hostname',
    entries: [
      ['interfaces/0/ipv4/address', 'public_ipv4'],
      ['interfaces/1/ipv4/address', 'private_ipv4'],
      ['interfaces/1/ipv4/netmask', 'private_netmask'],
      ['region/regioncode', 'region_code'],
      ['instanceid', 'instance_id'],
    ],
    ssh: 'public-keys',
  },
};

export const HTTP_PROVIDERS: readonly HttpProviderName[] = [
  'aws',
  'gcp',
  'hetzner',
  'openstack',
  'digitalocean',
  'vultr',
  'packet',
  'scaleway',
];

export function isHttpProvider(name: string): name is HttpProviderName {
  return (HTTP_PROVIDERS as readonly string[]).includes(name);
}

function getter(name: HttpProviderName, ctx: ProbeContext, headers?: Readonly<Record<string, string>>): Get {
  const base = endpointOf(ctx.options, name);
  return (path, extra = {}) =>
    httpGet(base + path, { timeoutMs: ctx.timeoutMs, signal: ctx.signal, ...(headers ? { headers } : {}), ...extra });
}

/** Probes one metadata service and reads it. Throws NotAvailable when it does not answer. */
export async function readHttpProvider(name: HttpProviderName, ctx: ProbeContext): Promise<ProviderResult> {
  if (name === 'packet') return readPacket(ctx);
  if (name === 'scaleway') return readScaleway(ctx);
  const spec = SIMPLE[name]!;
  const get = getter(name, ctx, spec.headers);
  await get(spec.probe).catch((e: unknown) => {
    throw new NotAvailable(`${spec.label}: ${(e as Error).message}`);
  });
  const hostname = await get(spec.hostname);
  const metadata: MetadataFile[] = [meta('hostname', hostname)];
  for (const [path, file] of spec.entries) {
    const value = await get(path).catch((e: unknown) => void ctx.debug(`${spec.label}: ${(e as Error).message}`));
    if (value) metadata.push(meta(file, value));
  }
  let sshKeys: string[] = [];
  if (spec.ssh) {
    const text = await get(spec.ssh).catch((e: unknown) => void ctx.debug(`${spec.label}: no ssh keys: ${(e as Error).message}`));
    if (text) {
      sshKeys = (spec.parseKeys ?? keyLinesOf)(text.toString('utf8'));
      metadata.push(meta('ssh/authorized_keys', sshKeys.map((k) => `${k}\n`).join(''), 0o600));
    }
  }
  let userdata: Buffer | undefined;
  if (spec.userdata) {
    userdata = await get(spec.userdata).catch((e: unknown) => {
      ctx.debug(`${spec.label}: no user data: ${(e as Error).message}`);
      return undefined;
    });
  }
  return { name: spec.label, userdata, metadata, sshKeys };
}

interface PacketMetadata {
  readonly hostname?: string;
  readonly ssh_keys?: readonly string[];
  readonly error?: string;
}

async function readPacket(ctx: ProbeContext): Promise<ProviderResult> {
  const get = getter('packet', ctx);
  const body = await get('metadata').catch((e: unknown) => {
    throw new NotAvailable(`Packet: ${(e as Error).message}`);
  });
  let doc: PacketMetadata;
  try {
    doc = JSON.parse(body.toString('utf8')) as PacketMetadata;
  } catch {
    throw new NotAvailable('Packet: the metadata answer is not JSON');
  }
  if (doc.error) throw new Error(`Packet: ${doc.error}`);
  const sshKeys = [...(doc.ssh_keys ?? [])];
  const metadata = [meta('hostname', doc.hostname ?? ''), meta('ssh/authorized_keys', sshKeys.join('\n'), 0o600)];
  const data = await get('userdata');
  // User data that boots iPXE is for the firmware, not for us.
  const userdata = data.length === 0 || data.subarray(0, 6).toString() === '#!ipxe' ? undefined : data;
  return { name: 'Packet', userdata, metadata, sshKeys };
}

/** `KEY=value` lines of Scaleway's `conf` answer. */
function confValue(conf: string, key: string): string | undefined {
  const prefix = `${key.toUpperCase()}=`;
  return conf
    .split('\n')
    .find((l) => l.startsWith(prefix))
    ?.slice(prefix.length);
}

async function readScaleway(ctx: ProbeContext): Promise<ProviderResult> {
  const get = getter('scaleway', ctx);
  const conf = (
    await get('conf').catch((e: unknown) => {
      throw new NotAvailable(`Scaleway: ${(e as Error).message}`);
    })
  ).toString('utf8');
  const required = (key: string): string => {
    const v = confValue(conf, key);
    if (v === undefined) throw new Error(`Scaleway: no ${key} in conf`);
    return v;
  };
  const metadata = [
    meta('hostname', required('hostname')),
    meta('instance_id', required('id')),
    meta('instance_location', required('location_zone_id')),
  ];
  const publicIp = confValue(conf, 'public_ip_address');
  if (publicIp !== undefined) metadata.push(meta('public_ip', publicIp));
  metadata.push(meta('private_ip', required('private_ip')));
  const count = Number(confValue(conf, 'ssh_public_keys') ?? '0');
  const sshKeys: string[] = [];
  for (let i = 0; i < count; i++) {
    const key = confValue(conf, `ssh_public_keys_${i}_key`);
    if (key !== undefined) sshKeys.push(key.replace(/^'+|'+$/g, ''));
  }
  if (sshKeys.length) metadata.push(meta('ssh/authorized_keys', sshKeys.map((k) => `${k}\n`).join(''), 0o600));
  const userdata = await scalewayUserdata(get, ctx);
  return { name: 'Scaleway', userdata, metadata, sshKeys };
}

// Scaleway answers the user-data route only to a source port below 1024 (proof of root);
// ports in use are skipped.
async function scalewayUserdata(get: Get, ctx: ProbeContext): Promise<Buffer | undefined> {
  for (let port = 1; port < 1024; port++) {
    try {
      return await get('user_data/cloud-init', { localPort: port });
    } catch (e) {
      const code = ((e as Error).cause as NodeJS.ErrnoException | undefined)?.code;
      if (code === 'EADDRINUSE' || code === 'EACCES') continue;
      ctx.debug(`Scaleway: no user data: ${(e as Error).message}`);
      return undefined;
    }
  }
  return undefined;
}
