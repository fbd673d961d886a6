/**
 * The JSON Schema of a config file for one executor: only the keys its plugins handle (a key no
 * plugin handles would be ignored at run time, so an editor should flag it), every key
 * described, and `#cloud-config` documents accepted beside yip's own layout (the header is a
 * comment, so the schema offers both shapes).
 */
import type { Registry } from '../registry.js';
import type { JSONSchema } from './json-schema.js';
import { KEY_DOCS } from './key-docs.js';
import { isEngineKey } from './yip.js';

/** Stable identifier of the config schema, for `$schema` references and schema stores. */
export const CONFIG_SCHEMA_ID = 'urn:yipts:schema:config';

const TEXT: JSONSchema = { type: ['string', 'number', 'boolean'] };

export function configJsonSchema(registry: Registry): JSONSchema {
  const step = stepJsonSchema(registry);
  const name: JSONSchema = { type: 'string', description: 'Name of the config: the prefix of its step ids.' };
  const stages: JSONSchema = {
    type: 'object',
    description:
      'Steps by stage (boot, initramfs, network, fs, rootfs, reconcile, after-install-chroot…); a step runs when its stage does.',
    additionalProperties: { type: 'array', description: 'Steps of the stage, run in order unless `after` says otherwise.', items: step },
  };
  const yip: JSONSchema = { title: 'yip config', type: 'object', properties: { name, stages }, additionalProperties: false };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: CONFIG_SCHEMA_ID,
    title: 'yipts config',
    description: 'A config file of stages, or a #cloud-config file (turned into boot, network and initramfs steps).',
    anyOf: [yip, cloudConfigJsonSchema(step, name, stages)],
  };
}

/** One step: the engine's keys and the keys this executor's plugins handle, each described. */
function stepJsonSchema(registry: Registry): JSONSchema {
  const full = registry.stepSchema.toJSONSchema();
  const properties: Record<string, JSONSchema> = {};
  for (const [key, value] of Object.entries(full.properties ?? {})) {
    if (isEngineKey(key) || registry.owners.has(key)) properties[key] = describeTree(value, key);
  }
  return { ...full, description: 'A step: its conditionals are checked first, then its keys run in a fixed order.', properties };
}

/**
 * The cloud-config keys the loader converts, each offered only when the step key it becomes
 * is handled by this executor.
 */
function cloudConfigJsonSchema(step: JSONSchema, name: JSONSchema, stages: JSONSchema): JSONSchema {
  const has = (key: string) => step.properties?.[key] !== undefined;
  const properties: Record<string, JSONSchema> = { name, stages };
  if (has('commands')) {
    properties.runcmd = {
      type: 'array',
      description: 'Commands run at boot: a string is run by the shell, a list is a command and its arguments.',
      items: { anyOf: [TEXT, { type: 'array', items: TEXT }] },
    };
  }
  if (has('files')) {
    properties.write_files = {
      type: 'array',
      description: 'Files written at boot.',
      items: {
        type: 'object',
        properties: {
          path: { ...TEXT, description: 'Absolute path of the file.' },
          content: { ...TEXT, description: 'The content, decoded by `encoding`.' },
          encoding: { ...TEXT, description: 'b64/base64, gz/gzip, gz+b64 and friends; anything else is raw.' },
          permissions: { type: ['string', 'integer'], description: 'Octal mode as a string, e.g. "0644".' },
          owner: { ...TEXT, description: '`user[:group]`, by name.' },
        },
        required: ['path'],
        additionalProperties: false,
      },
    };
  }
  const user = step.properties?.users?.additionalProperties;
  if (user && typeof user === 'object') {
    const groups: JSONSchema = {
      anyOf: [{ type: 'string' }, { type: 'array', items: TEXT }],
      description: 'Existing groups the user joins: a list or a comma-separated string.',
    };
    properties.users = {
      type: 'array',
      description: 'Accounts created at boot.',
      items: {
        anyOf: [
          { type: 'string', description: 'A name cloud-init gives meaning to (such as `default`); ignored.' },
          { ...user, properties: { ...user.properties, name: { ...TEXT, description: 'Login name.' }, groups }, required: ['name'] },
        ],
      },
    };
  }
  if (has('authorized_keys')) {
    properties.ssh_authorized_keys = {
      type: 'array',
      description:
        'Public keys for the users of this file (root when it has none); `github:NAME` and `gitlab:NAME` are fetched at the network stage.',
      items: TEXT,
    };
  }
  if (has('hostname')) properties.hostname = { ...TEXT, description: 'Host name, set at the initramfs stage.' };
  if (has('layout')) {
    properties.growpart = {
      type: 'object',
      description: 'Partitions grown to the end of their disk at boot.',
      properties: {
        devices: { type: 'array', items: TEXT, description: 'Devices whose last partition is grown, e.g. /dev/sda.' },
        mode: { ...TEXT, description: 'Accepted for cloud-init files; growing is always done.' },
      },
      additionalProperties: false,
    };
  }
  return { title: 'cloud-config', type: 'object', properties, additionalProperties: false };
}

/** Adds the documented description of every property under `path` that has none of its own. */
function describeTree(schema: JSONSchema, path: string): JSONSchema {
  const out: JSONSchema = { ...schema };
  const doc = KEY_DOCS[path];
  if (out.description === undefined && doc !== undefined) out.description = doc;
  if (out.properties) {
    out.properties = Object.fromEntries(Object.entries(out.properties).map(([k, v]) => [k, describeTree(v, `${path}.${k}`)]));
  }
  if (out.items) out.items = describeTree(out.items, `${path}[]`);
  if (out.additionalProperties && typeof out.additionalProperties === 'object')
    out.additionalProperties = describeTree(out.additionalProperties, `${path}.*`);
  if (out.anyOf) out.anyOf = out.anyOf.map((alt) => describeTree(alt, path));
  return out;
}
