/**
 * Every plugin of the yip-compatible composition with the schema of its options, in no
 * particular order (the order of actions comes from each plugin's declared ACTION_ORDER).
 */
import type { OptionsSchema, Plugin } from '@yipts/core';
import commandsPlugin, { OPTIONS_SCHEMA as commands } from '@yipts/plugin-commands';
import conditionalsPlugin, { OPTIONS_SCHEMA as conditionals } from '@yipts/plugin-conditionals';
import filesPlugin, { OPTIONS_SCHEMA as files } from '@yipts/plugin-files';
import templatesPlugin, { OPTIONS_SCHEMA as templates } from '@yipts/plugin-templates';
import mountPlugin, { OPTIONS_SCHEMA as mount } from '@yipts/plugin-mount';
import packagesPlugin, { OPTIONS_SCHEMA as packages } from '@yipts/plugin-packages';
import authorizedKeysPlugin, { OPTIONS_SCHEMA as authorizedKeys } from '@yipts/plugin-authorized-keys';
import entitiesPlugin, { OPTIONS_SCHEMA as entities } from '@yipts/plugin-entities';
import usersPlugin, { OPTIONS_SCHEMA as users } from '@yipts/plugin-users';
import dnsPlugin, { OPTIONS_SCHEMA as dns } from '@yipts/plugin-dns';
import downloadsPlugin, { OPTIONS_SCHEMA as downloads } from '@yipts/plugin-downloads';
import gitPlugin, { OPTIONS_SCHEMA as git } from '@yipts/plugin-git';
import hostnamePlugin, { OPTIONS_SCHEMA as hostname } from '@yipts/plugin-hostname';
import sysctlPlugin, { OPTIONS_SCHEMA as sysctl } from '@yipts/plugin-sysctl';
import modulesPlugin, { OPTIONS_SCHEMA as modules } from '@yipts/plugin-modules';
import environmentPlugin, { OPTIONS_SCHEMA as environment } from '@yipts/plugin-environment';
import timesyncdPlugin, { OPTIONS_SCHEMA as timesyncd } from '@yipts/plugin-timesyncd';
import systemdFirstbootPlugin, { OPTIONS_SCHEMA as systemdFirstboot } from '@yipts/plugin-systemd-firstboot';
import systemctlPlugin, { OPTIONS_SCHEMA as systemctl } from '@yipts/plugin-systemctl';
import unpackImagesPlugin, { OPTIONS_SCHEMA as unpackImages } from '@yipts/plugin-unpack-images';
import datasourcePlugin, { OPTIONS_SCHEMA as datasource } from '@yipts/plugin-datasource';
import layoutPlugin, { OPTIONS_SCHEMA as layout } from '@yipts/plugin-layout';
import progressPlugin, { OPTIONS_SCHEMA as progress } from '@yipts/plugin-progress';

export interface PresetEntry {
  /** The plugin's name, as `disable` and `pluginOptions` spell it. */
  readonly name: string;
  /** The package's factory; the options given have been checked against `schema`. */
  // biome-ignore lint/suspicious/noExplicitAny: each factory takes its own options, checked against `schema` first
  readonly make: (options: any) => Plugin;
  readonly schema: OptionsSchema;
}

export const PRESET: readonly PresetEntry[] = Object.freeze([
  { name: 'templates', make: templatesPlugin, schema: templates },
  { name: 'conditionals', make: conditionalsPlugin, schema: conditionals },
  { name: 'files', make: filesPlugin, schema: files },
  { name: 'commands', make: commandsPlugin, schema: commands },
  { name: 'mount', make: mountPlugin, schema: mount },
  { name: 'packages', make: packagesPlugin, schema: packages },
  { name: 'entities', make: entitiesPlugin, schema: entities },
  { name: 'users', make: usersPlugin, schema: users },
  { name: 'authorized-keys', make: authorizedKeysPlugin, schema: authorizedKeys },
  { name: 'dns', make: dnsPlugin, schema: dns },
  { name: 'downloads', make: downloadsPlugin, schema: downloads },
  { name: 'git', make: gitPlugin, schema: git },
  { name: 'hostname', make: hostnamePlugin, schema: hostname },
  { name: 'sysctl', make: sysctlPlugin, schema: sysctl },
  { name: 'modules', make: modulesPlugin, schema: modules },
  { name: 'environment', make: environmentPlugin, schema: environment },
  { name: 'timesyncd', make: timesyncdPlugin, schema: timesyncd },
  { name: 'systemd-firstboot', make: systemdFirstbootPlugin, schema: systemdFirstboot },
  { name: 'systemctl', make: systemctlPlugin, schema: systemctl },
  { name: 'unpack-images', make: unpackImagesPlugin, schema: unpackImages },
  { name: 'datasource', make: datasourcePlugin, schema: datasource },
  { name: 'layout', make: layoutPlugin, schema: layout },
  { name: 'progress', make: progressPlugin, schema: progress },
]);

export const PRESET_NAMES: readonly string[] = PRESET.map((p) => p.name);
