/**
 * The list of plugins of the yip-compatible composition, in no particular order (the order of
 * actions comes from each plugin's declared ACTION_ORDER, not from this list).
 * One entry per plugin package; each entry passes the part of the preset options it takes.
 */
import type { Plugin } from '@yipts/core';
import commandsPlugin from '@yipts/plugin-commands';
import conditionalsPlugin from '@yipts/plugin-conditionals';
import filesPlugin from '@yipts/plugin-files';
import templatesPlugin from '@yipts/plugin-templates';
import mountPlugin, { type MountOptions } from '@yipts/plugin-mount';
import packagesPlugin, { type PackagesOptions } from '@yipts/plugin-packages';
import authorizedKeysPlugin, { type AuthorizedKeysOptions } from '@yipts/plugin-authorized-keys';
import entitiesPlugin from '@yipts/plugin-entities';
import usersPlugin, { type UsersOptions } from '@yipts/plugin-users';
import dnsPlugin from '@yipts/plugin-dns';
import downloadsPlugin, { type DownloadsOptions } from '@yipts/plugin-downloads';
import gitPlugin, { type GitOptions } from '@yipts/plugin-git';
import hostnamePlugin from '@yipts/plugin-hostname';
import sysctlPlugin, { type SysctlOptions } from '@yipts/plugin-sysctl';
import modulesPlugin, { type ModulesOptions } from '@yipts/plugin-modules';
import environmentPlugin from '@yipts/plugin-environment';
import timesyncdPlugin from '@yipts/plugin-timesyncd';
import systemdFirstbootPlugin, { type SystemdFirstbootOptions } from '@yipts/plugin-systemd-firstboot';
import systemctlPlugin, { type SystemctlOptions } from '@yipts/plugin-systemctl';
import unpackImagesPlugin, { type UnpackImagesOptions } from '@yipts/plugin-unpack-images';
import datasourcePlugin, { type DatasourceOptions } from '@yipts/plugin-datasource';
import layoutPlugin, { type LayoutOptions } from '@yipts/plugin-layout';
import progressPlugin, { type ProgressOptions } from '@yipts/plugin-progress';
import type { PresetOptions } from './options.js';

export function presetPlugins(options: PresetOptions = {}): Plugin[] {
  const timeout = options.commandTimeoutMs ? { timeoutMs: options.commandTimeoutMs } : {};
  const plugins: Plugin[] = [
    templatesPlugin(),
    conditionalsPlugin(timeout),
    filesPlugin(),
    commandsPlugin(timeout),
    mountPlugin((options.mount ?? {}) as MountOptions),
    packagesPlugin({ ...(options.commandTimeoutMs !== undefined ? { timeoutMs: options.commandTimeoutMs } : {}), ...(options.plugins?.packages as PackagesOptions | undefined) }),
    entitiesPlugin(),
    usersPlugin(options.plugins?.users as UsersOptions | undefined),
    authorizedKeysPlugin(options.plugins?.['authorized-keys'] as AuthorizedKeysOptions | undefined),
    dnsPlugin(),
    downloadsPlugin(options.plugins?.downloads as DownloadsOptions | undefined),
    gitPlugin(options.plugins?.git as GitOptions | undefined),
    hostnamePlugin(),
    sysctlPlugin(options.plugins?.sysctl as SysctlOptions | undefined),
    modulesPlugin({ ...timeout, ...(options.plugins?.modules as ModulesOptions | undefined) }),
    environmentPlugin(),
    timesyncdPlugin(),
    systemdFirstbootPlugin({ ...timeout, ...(options.plugins?.['systemd-firstboot'] as SystemdFirstbootOptions | undefined) }),
    systemctlPlugin({ ...timeout, ...(options.plugins?.systemctl as SystemctlOptions | undefined) }),
    unpackImagesPlugin(options.plugins?.['unpack-images'] as UnpackImagesOptions | undefined),
    datasourcePlugin(options.plugins?.datasource as DatasourceOptions | undefined),
    layoutPlugin(options.plugins?.layout as LayoutOptions | undefined),
    progressPlugin(options.plugins?.progress as ProgressOptions | undefined),
  ];
  return plugins;
}
