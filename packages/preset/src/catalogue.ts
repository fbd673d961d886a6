/**
 * Every plugin of the yip-compatible composition with the schema of its options, in no
 * particular order (the order of actions comes from each plugin's declared ACTION_ORDER).
 * A package without an `OPTIONS_SCHEMA` export takes no options: its entry has `NO_OPTIONS`.
 */
import { NO_OPTIONS } from '@yipts/core';
import type { OptionsSchema, Plugin } from '@yipts/core';
import commandsPlugin, { OPTIONS_SCHEMA as commands } from '@yipts/plugin-commands';
import conditionalsPlugin, { OPTIONS_SCHEMA as conditionals } from '@yipts/plugin-conditionals';
import filesPlugin from '@yipts/plugin-files';
import templatesPlugin, { OPTIONS_SCHEMA as templates } from '@yipts/plugin-templates';
import mountPlugin, { OPTIONS_SCHEMA as mount } from '@yipts/plugin-mount';
import packagesPlugin, { OPTIONS_SCHEMA as packages } from '@yipts/plugin-packages';
import authorizedKeysPlugin, { OPTIONS_SCHEMA as authorizedKeys } from '@yipts/plugin-authorized-keys';
import entitiesPlugin from '@yipts/plugin-entities';
import usersPlugin from '@yipts/plugin-users';
import dnsPlugin from '@yipts/plugin-dns';
import downloadsPlugin, { OPTIONS_SCHEMA as downloads } from '@yipts/plugin-downloads';
import gitPlugin, { OPTIONS_SCHEMA as git } from '@yipts/plugin-git';
import hostnamePlugin from '@yipts/plugin-hostname';
import sysctlPlugin, { OPTIONS_SCHEMA as sysctl } from '@yipts/plugin-sysctl';
import modulesPlugin, { OPTIONS_SCHEMA as modules } from '@yipts/plugin-modules';
import environmentPlugin from '@yipts/plugin-environment';
import timesyncdPlugin from '@yipts/plugin-timesyncd';
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
  { name: 'files', make: filesPlugin, schema: NO_OPTIONS },
  { name: 'commands', make: commandsPlugin, schema: commands },
  { name: 'mount', make: mountPlugin, schema: mount },
  { name: 'packages', make: packagesPlugin, schema: packages },
  { name: 'entities', make: entitiesPlugin, schema: NO_OPTIONS },
  { name: 'users', make: usersPlugin, schema: NO_OPTIONS },
  { name: 'authorized-keys', make: authorizedKeysPlugin, schema: authorizedKeys },
  { name: 'dns', make: dnsPlugin, schema: NO_OPTIONS },
  { name: 'downloads', make: downloadsPlugin, schema: downloads },
  { name: 'git', make: gitPlugin, schema: git },
  { name: 'hostname', make: hostnamePlugin, schema: NO_OPTIONS },
  { name: 'sysctl', make: sysctlPlugin, schema: sysctl },
  { name: 'modules', make: modulesPlugin, schema: modules },
  { name: 'environment', make: environmentPlugin, schema: NO_OPTIONS },
  { name: 'timesyncd', make: timesyncdPlugin, schema: NO_OPTIONS },
  { name: 'systemd-firstboot', make: systemdFirstbootPlugin, schema: systemdFirstboot },
  { name: 'systemctl', make: systemctlPlugin, schema: systemctl },
  { name: 'unpack-images', make: unpackImagesPlugin, schema: unpackImages },
  { name: 'datasource', make: datasourcePlugin, schema: datasource },
  { name: 'layout', make: layoutPlugin, schema: layout },
  { name: 'progress', make: progressPlugin, schema: progress },
]);

export const PRESET_NAMES: readonly string[] = PRESET.map((p) => p.name);
