/** The JSON Schema of an executor configuration, with the options of every preset plugin (`--config-schema`). */
import { s } from '@yipts/core';
import type { JSONSchema } from '@yipts/core';
import { PRESET } from '@yipts/preset';
import { ExecutorConfigSchema } from './schema.js';

export function executorConfigJsonSchema(): JSONSchema {
  const pluginOptions = s.object(Object.fromEntries(PRESET.map((p) => [p.name, s.describe(p.schema, `options of the ${p.name} plugin`)])));
  const schema = s.object({
    ...ExecutorConfigSchema.shape,
    plugins: s.describe(s.list(s.unknownValue()), 'plugins loaded after the preset: a path or package name, or [name, options]'),
    pluginOptions: s.describe(pluginOptions, 'options per preset plugin name'),
  });
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', title: 'yipts executor configuration', ...schema.toJSONSchema() };
}
