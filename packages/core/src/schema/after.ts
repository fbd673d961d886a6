/**
 * `after: [{name: a}]`. Writing `after: [a]` or `after: a` is the common mistake: yip wants
 * mappings, and a bare "expected a mapping" does not say how to fix it.
 */
import { diagnostic } from '../diagnostics.js';
import type { YNode } from '../node.js';
import { INVALID, list, object, string } from './dsl.js';
import type { CheckContext, Infer, Invalid, Schema } from './dsl.js';

const entries = list(object({ name: string() }, { required: ['name'] }));

type AfterList = Infer<typeof entries>;

function bareName(node: YNode): string | undefined {
  if (node.kind !== 'scalar' || node.value === null) return undefined;
  return typeof node.value === 'string' ? node.value : node.source;
}

function check(node: YNode, cx: CheckContext): AfterList | Invalid {
  const names = node.kind === 'seq' ? node.items.map(bareName) : [bareName(node)];
  const bare = names.filter((n): n is string => n !== undefined);
  if (bare.length === 0) return entries.check(node, cx);
  const fix = bare.map((n) => `{name: ${n}}`).join(', ');
  const message = `\`after\` takes a list of mappings naming steps: write \`after: [${fix}]\``;
  cx.diagnostics.push(diagnostic('error', 'type', message, cx.file, node.pos));
  return INVALID;
}

export const After: Schema<AfterList> = Object.freeze({ kind: 'list', check, toJSONSchema: () => entries.toJSONSchema() });
