/** A parsed document to a LoadedFile: its `name` and its steps per stage. */
import type { Diagnostic } from '../diagnostics.js';
import { diagnostic } from '../diagnostics.js';
import type { MapNode, YNode } from '../node.js';
import { describeKind } from '../node.js';
import { nearest } from '../schema/suggest.js';
import type { LoadedFile } from './loaded-file.js';
import { failedFile } from './loaded-file.js';
import { LIMITS } from './limits.js';

const TOP_LEVEL = ['name', 'stages'];

export function interpretConfig(node: YNode | undefined, file: string, diagnostics: Diagnostic[], cloudConfig: boolean): LoadedFile {
  if (!node || (node.kind === 'scalar' && node.value === null)) {
    diagnostics.push(diagnostic('warning', 'empty', 'the file has no configuration', file));
    return { file, name: undefined, stages: new Map(), diagnostics, ok: true, root: undefined, cloudConfig };
  }
  if (node.kind !== 'map') {
    diagnostics.push(
      diagnostic('error', 'type', `expected a mapping with \`name\` and \`stages\`, found ${describeKind(node)}`, file, node.pos),
    );
    return failedFile(file, diagnostics);
  }
  let name: string | undefined;
  const stages = new Map<string, YNode[]>();
  for (const e of node.entries) {
    if (e.key === 'name') {
      if (e.value.kind === 'scalar')
        name = e.value.value === null ? undefined : typeof e.value.value === 'string' ? e.value.value : e.value.source;
      else diagnostics.push(diagnostic('error', 'type', `\`name\` must be a string, found ${describeKind(e.value)}`, file, e.value.pos));
    } else if (e.key === 'stages') {
      if (e.value.kind === 'scalar' && e.value.value === null) continue;
      if (e.value.kind !== 'map') {
        diagnostics.push(
          diagnostic(
            'error',
            'type',
            `\`stages\` must be a mapping of stage names to lists of steps, found ${describeKind(e.value)}`,
            file,
            e.value.pos,
          ),
        );
        return failedFile(file, diagnostics);
      }
      for (const s of e.value.entries) {
        if (s.value.kind === 'scalar' && s.value.value === null) continue;
        if (s.value.kind !== 'seq') {
          diagnostics.push(
            diagnostic('error', 'type', `stage \`${s.key}\` must be a list of steps, found ${describeKind(s.value)}`, file, s.value.pos),
          );
          continue;
        }
        if (s.value.items.length > LIMITS.stepsPerStage) {
          const count = s.value.items.length;
          const message = `stage \`${s.key}\` has ${count} steps, more than the ${LIMITS.stepsPerStage} a file may have; refusing the file`;
          diagnostics.push(diagnostic('error', 'limit-steps', message, file, s.value.pos));
          return failedFile(file, diagnostics);
        }
        stages.set(s.key, [...s.value.items]);
      }
    } else if (!cloudConfig) {
      const suggestion = nearest(e.key, TOP_LEVEL);
      diagnostics.push(
        diagnostic(
          'warning',
          'unknown-key',
          `unknown top-level key \`${e.key}\` is ignored${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`,
          file,
          e.keyPos,
        ),
      );
    }
  }
  if (!cloudConfig && !node.entries.some((e) => e.key === 'stages')) diagnostics.push(noStages(node, file));
  return { file, name, stages, diagnostics, ok: true, root: node, cloudConfig };
}

/** Step keys (`commands:`) or stage names (`boot:`) at the top level are a missing `stages:` level. */
function noStages(node: MapNode, file: string): Diagnostic {
  const misplaced = node.entries.find((e) => e.key !== 'name' && e.value.kind !== 'scalar');
  const hint = misplaced ? `; \`${misplaced.key}\` belongs under \`stages:\` (\`stages: {boot: [{commands: […]}]}\`)` : '';
  const message = `the file has no \`stages:\` key, so it defines no steps${hint}`;
  return diagnostic('warning', 'no-stages', message, file, misplaced?.keyPos ?? node.pos);
}
