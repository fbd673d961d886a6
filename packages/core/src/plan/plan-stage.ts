/**
 * Plans one stage of one source: validates each step of the stage, gives it a unique id and its
 * dependencies (implicit chaining inside a file and from file to file, or explicit `after`), and
 * reports cycles and unknown `after` names on the steps involved instead of failing the stage.
 */
import type { PlannedStep } from '../context.js';
import type { Diagnostic } from '../diagnostics.js';
import { diagnostic, forStep } from '../diagnostics.js';
import type { LoadedFile } from '../load/loaded-file.js';
import type { MapNode } from '../node.js';
import { describeKind } from '../node.js';
import { INVALID } from '../schema/dsl.js';
import type { Schema } from '../schema/dsl.js';
import { cycleProblems } from './cycles.js';
import { findCycles, layersOf } from './graph.js';
import { DuplicateIds, StepIds } from './step-ids.js';

export interface StagePlanResult {
  readonly steps: PlannedStep[];
  readonly layers: string[][];
  readonly diagnostics: Diagnostic[];
}

interface Draft {
  id: string;
  name: string | undefined;
  index: number;
  file: LoadedFile;
  node: MapNode;
  spec: Record<string, unknown>;
  explicitAfter: { name: string; line: number; col: number }[] | undefined;
  problems: Diagnostic[];
  deps: string[];
}

export function planStage(files: readonly LoadedFile[], stage: string, stepSchema: Schema<Record<string, unknown>>): StagePlanResult {
  const diagnostics: Diagnostic[] = [];
  const ids = new StepIds();
  const duplicates = new DuplicateIds();
  const drafts: Draft[] = [];
  const byNatural = new Map<string, string>();
  let previousFile: Draft[] = [];

  for (const file of files) {
    const raw = file.stages.get(stage);
    if (!file.ok || !raw || raw.length === 0) continue;
    const prefix = file.name ?? file.file;
    const current: Draft[] = [];
    raw.forEach((node, index) => {
      const stepDiagnostics: Diagnostic[] = [];
      let name: string | undefined;
      if (node.kind === 'map') {
        const n = node.entries.find((e) => e.key === 'name')?.value;
        if (n?.kind === 'scalar' && n.value !== null) name = typeof n.value === 'string' ? n.value : n.source;
      }
      const { id, natural, suffixed } = ids.assign(prefix, name, index);
      if (!byNatural.has(natural)) byNatural.set(natural, id);
      const stepNode: MapNode = node.kind === 'map' ? node : { kind: 'map', entries: [], pos: node.pos };
      let spec: Record<string, unknown> = {};
      if (node.kind !== 'map') {
        stepDiagnostics.push(diagnostic('error', 'type', `a step must be a mapping, found ${describeKind(node)}`, file.file, node.pos));
      } else {
        const checked = stepSchema.check(node, { file: file.file, diagnostics: stepDiagnostics });
        if (checked !== INVALID) spec = checked;
      }
      if (suffixed) duplicates.add(natural, { id, file: file.file, pos: stepNode.pos });
      const afterNode = stepNode.entries.find((e) => e.key === 'after')?.value;
      const explicitAfter = Array.isArray(spec.after)
        ? (spec.after as { name: string }[]).map((a, i) => {
            const pos = afterNode?.kind === 'seq' ? afterNode.items[i]?.pos : undefined;
            return { name: a.name, line: pos?.line ?? stepNode.pos.line, col: pos?.col ?? stepNode.pos.col };
          })
        : undefined;
      const problems = stepDiagnostics.filter((d) => d.severity === 'error').map((d) => forStep(d, id));
      for (const d of stepDiagnostics) if (d.severity !== 'error') diagnostics.push(forStep(d, id));
      const draft: Draft = {
        id,
        name,
        index,
        file,
        node: stepNode,
        spec,
        explicitAfter: explicitAfter?.length ? explicitAfter : undefined,
        problems,
        deps: [],
      };
      // Implicit chaining, as yip does it: every step waits for the steps of the previous file that
      // have no `after` (a step placed by `after` may wait for a later file, which would close a
      // cycle); a step without `after` also waits for the previous step of its own file.
      const prev = current[current.length - 1];
      draft.deps = previousFile.filter((d) => !d.explicitAfter).map((d) => d.id);
      if (!draft.explicitAfter && prev) draft.deps.push(prev.id);
      current.push(draft);
      drafts.push(draft);
    });
    previousFile = current;
  }

  diagnostics.push(...duplicates.diagnostics());
  const known = new Set(drafts.map((d) => d.id));
  for (const d of drafts) {
    if (!d.explicitAfter) continue;
    const prefix = d.file.name ?? d.file.file;
    for (const a of d.explicitAfter) {
      const target = known.has(a.name) ? a.name : (byNatural.get(a.name) ?? byNatural.get(`${prefix}.${a.name}`));
      if (target) d.deps.push(target);
      else {
        const message = `\`after\` names \`${a.name}\`, which is no step of stage \`${stage}\``;
        d.problems.push(forStep(diagnostic('error', 'after', message, d.file.file, a), d.id));
      }
    }
  }

  const depMap = new Map(drafts.map((d) => [d.id, d.deps] as const));
  const byId = new Map(drafts.map((d) => [d.id, d] as const));
  const order = new Map(drafts.map((d, i) => [d.id, i] as const));
  for (const cycle of findCycles([...known], depMap)) {
    // Reported on the member written first, which is where a reader looks.
    const members = cycle.map((id) => byId.get(id)!).sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    const problems = cycleProblems(members.map((d) => ({ id: d.id, file: d.file.file, pos: d.node.pos })));
    const inCycle = new Set(cycle);
    members.forEach((d, i) => {
      d.problems.push(problems[i]!);
      // Break the cycle so the rest of the graph stays schedulable; the step itself will not run.
      d.deps = d.deps.filter((dep) => !inCycle.has(dep));
    });
  }

  const steps: PlannedStep[] = drafts.map((d) => ({
    id: d.id,
    name: d.name,
    index: d.index,
    file: d.file.file,
    configName: d.file.name,
    pos: d.node.pos,
    after: [...new Set(d.deps)],
    spec: d.spec,
    node: d.node,
    problems: d.problems,
  }));
  const layers = layersOf(
    steps.map((s) => s.id),
    new Map(steps.map((s) => [s.id, s.after] as const)),
  );
  return { steps, layers, diagnostics };
}
