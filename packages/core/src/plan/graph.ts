/** Dependency graph helpers: cycles (Tarjan) and layers (longest path), both one depth-first walk. */
import { walkDepthFirst } from './depth-first.js';

/** Strongly connected components with more than one node, or a node that waits for itself. */
export function findCycles(ids: readonly string[], deps: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  walkDepthFirst(ids, deps, {
    enter(id) {
      index.set(id, counter);
      low.set(id, counter++);
      stack.push(id);
      onStack.add(id);
    },
    revisit(from, to) {
      if (onStack.has(to)) low.set(from, Math.min(low.get(from)!, index.get(to)!));
    },
    leave(id, parent) {
      if (parent !== undefined) low.set(parent, Math.min(low.get(parent)!, low.get(id)!));
      if (low.get(id) !== index.get(id)) return;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== id);
      const selfLoop = component.length === 1 && (deps.get(id) ?? []).includes(id);
      if (component.length > 1 || selfLoop) cycles.push(component.reverse());
    },
  });
  return cycles;
}

/** Groups ids into layers: a step's layer is one more than the deepest of its dependencies. */
export function layersOf(ids: readonly string[], deps: ReadonlyMap<string, readonly string[]>): string[][] {
  const level = new Map<string, number>();
  const visiting = new Set<string>();
  const raise = (id: string, to: number): void => {
    level.set(id, Math.max(level.get(id)!, to));
  };
  walkDepthFirst(ids, deps, {
    enter(id) {
      level.set(id, 0);
      visiting.add(id);
    },
    // A dependency still being walked closes a cycle: it counts as layer 0, as a root would.
    revisit(from, to) {
      raise(from, visiting.has(to) ? 1 : level.get(to)! + 1);
    },
    leave(id, parent) {
      visiting.delete(id);
      if (parent !== undefined) raise(parent, level.get(id)! + 1);
    },
  });
  const layers: string[][] = [];
  for (const id of ids) {
    const l = level.get(id)!;
    const layer = layers[l] ?? [];
    layers[l] = layer;
    layer.push(id);
  }
  return layers.filter((l) => l !== undefined);
}
