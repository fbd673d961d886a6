/**
 * `datasource: {providers, path, userdata_name}`: user data and metadata from cloud metadata
 * services (aws, gcp, hetzner, openstack, digitalocean, vultr, packet, scaleway), a cidata or
 * config-2 drive (`cdrom`, `config-drive`) or a file (`file`).
 */
import { definePlugin, yipActions } from '@yipts/core';
import type { Plugin } from '@yipts/core';
import { datasourceAction } from './action.js';
import type { DatasourceOptions } from './options.js';

export const PLUGIN_NAME = 'datasource';

export type { DatasourceOptions, HttpProviderName } from './options.js';
export { DEFAULT_ENDPOINTS, DEFAULT_TIMEOUT_MS, OPTIONS_SCHEMA } from './options.js';

export default function datasourcePlugin(options: DatasourceOptions = {}): Plugin {
  return definePlugin({ name: PLUGIN_NAME, actions: yipActions({ datasource: { run: datasourceAction(options) } }) });
}

export { datasourcePlugin };
export { classify, unwrapMultipart } from './userdata.js';
