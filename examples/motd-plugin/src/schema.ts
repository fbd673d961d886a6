/** The `motd` key: declared with the core's schema DSL, which gives its type, its check and its JSON Schema. */
import { s } from '@yipts/core';
import type { Infer } from '@yipts/core';

export const motdSchema = s.object(
  {
    message: s.describe(s.string(), 'the message of the day; a template'),
    path: s.describe(s.string(), 'where to write it inside the target root; the plugin option `path` when missing'),
  },
  { required: ['message'] },
);

export type MotdSpec = Infer<typeof motdSchema>;
