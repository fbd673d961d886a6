/**
 * The schema of every key yip understands: the single source of truth for the types plugins
 * receive, the runtime check and the exported JSON Schema. Plugins import the schema of the
 * keys they handle from here; keys with no plugin are still validated.
 */
import { boolean, describe, integer, list, mode, object, record, string } from './dsl.js';
import type { Infer } from './dsl.js';
import { After } from './after.js';

export { After };

const str = string;

export const FileEntry = object(
  {
    path: describe(str(), 'absolute path of the file (inside the target root)'),
    permissions: describe(mode(), 'file mode; 0644 when missing'),
    owner: integer(),
    group: integer(),
    content: str(),
    encoding: describe(str(), 'b64/base64, gz/gzip, gz+b64 and friends; anything else is raw'),
    ownerstring: describe(str(), '"user[:group]", wins over owner/group'),
  },
  { aliases: { owner_string: 'ownerstring' } },
);

export const DirectoryEntry = object({ path: str(), permissions: mode(), owner: integer(), group: integer() });

export const DownloadEntry = object(
  {
    path: str(),
    url: str(),
    permissions: mode(),
    owner: integer(),
    group: integer(),
    timeout: describe(integer(), 'seconds'),
    ownerstring: str(),
    checksum: describe(str(), 'ALGO:HEX, e.g. sha256:…; verified while downloading'),
    retries: integer(),
  },
  { aliases: { owner_string: 'ownerstring' } },
);

export const EntityEntry = object({ path: str(), entity: describe(str(), 'YAML text of a user, group, shadow or gshadow entry') });

export const Dns = object({ nameservers: list(str()), search: list(str()), options: list(str()), path: str() });

export const Git = object({
  url: str(),
  path: str(),
  branch: str(),
  branch_only: boolean(),
  auth: object({ username: str(), password: str(), private_key: str(), public_key: str(), insecure: boolean() }),
});

export const User = object({
  name: str(),
  passwd: str(),
  lock_passwd: boolean(),
  uid: str(),
  homedir: str(),
  shell: str(),
  gecos: str(),
  primary_group: str(),
  groups: list(str()),
  no_create_home: boolean(),
  ssh_authorized_keys: list(str()),
  system: boolean(),
});

export const Systemctl = object({
  enable: list(str()),
  disable: list(str()),
  mask: list(str()),
  start: list(str()),
  overrides: list(object({ service: str(), name: str(), content: str() })),
});

export const Datasource = object({ providers: list(str()), path: str(), userdata_name: str() });

export const Layout = object({
  device: object({ path: str(), label: str() }),
  expand_partition: object({ size: describe(integer(), 'MiB; 0 means the rest of the disk') }),
  add_partitions: list(object({ fsLabel: str(), pLabel: str(), size: integer(), filesystem: str(), bootable: boolean() })),
});

export const Packages = object({ install: list(str()), remove: list(str()), refresh: boolean(), upgrade: boolean() });

export const UnpackImage = object({ source: str(), target: str(), platform: str() });

export const IfFiles = object({ any: list(str()), all: list(str()), none: list(str()) });

/** Action keys, in the fixed order yip runs them inside a step. */
export const actionSchemas = {
  dns: Dns,
  downloads: list(DownloadEntry),
  git: Git,
  ensure_entities: list(EntityEntry),
  directories: list(DirectoryEntry),
  files: list(FileEntry),
  commands: list(str()),
  delete_entities: list(EntityEntry),
  hostname: str(),
  sysctl: record(str()),
  users: record(User),
  authorized_keys: record(list(str())),
  modules: list(str()),
  timesyncd: record(str()),
  systemctl: Systemctl,
  environment: record(str()),
  environment_file: str(),
  systemd_firstboot: record(str()),
  datasource: Datasource,
  layout: Layout,
  package_pins: record(str()),
  packages: Packages,
  unpack_images: list(UnpackImage),
} as const;

/** Conditional keys, in the order yip checks them. */
export const conditionSchemas = {
  node: str(),
  if: str(),
  only_os: str(),
  only_os_version: str(),
  only_arch: str(),
  only_service_manager: str(),
  if_files: IfFiles,
} as const;

/** Keys of a step that belong to the engine itself. */
export const stepCoreSchemas = { name: str(), after: After } as const;

export function isEngineKey(key: string): boolean {
  return Object.hasOwn(stepCoreSchemas, key);
}

export type YipActionKey = keyof typeof actionSchemas;
export type YipConditionKey = keyof typeof conditionSchemas;
export type FileSpec = Infer<typeof FileEntry>;
export type DirectorySpec = Infer<typeof DirectoryEntry>;
export type DownloadSpec = Infer<typeof DownloadEntry>;
export type EntitySpec = Infer<typeof EntityEntry>;
export type UserSpec = Infer<typeof User>;
export type PackagesSpec = Infer<typeof Packages>;
export type SystemctlSpec = Infer<typeof Systemctl>;
export type IfFilesSpec = Infer<typeof IfFiles>;
export type GitSpec = Infer<typeof Git>;
/** Every yip key with its type: what a step may contain. */
export type YipStep = { [K in keyof typeof actionSchemas]?: Infer<(typeof actionSchemas)[K]> } & {
  [K in keyof typeof conditionSchemas]?: Infer<(typeof conditionSchemas)[K]>;
} & { name?: string; after?: { name?: string }[] };
