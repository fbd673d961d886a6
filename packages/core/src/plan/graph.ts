/** Dependency graph helpers: cycles (Tarjan) and layers (longest path). */

/** Strongly connected components with more than one node, or a node that waits for itself. */
export function findCycles(ids: readonly string[], deps: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];

  // Iterative to survive long chains (thousands of steps) without overflowing the call stack.
  for (const start of ids) {
    if (index.has(start)) continue;
    const work: Array<{ id: string; next: number }> = [{ id: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const edges = deps.get(frame.id) ?? [];
      if (frame.next < edges.length) {
        const to = edges[frame.next++]!;
        if (!deps.has(to)) continue;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ id: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        const selfLoop = component.length === 1 && (deps.get(frame.id) ?? []).includes(frame.id);
        if (component.length > 1 || selfLoop) cycles.push(component.reverse());
      }
    }
  }
  return cycles;
}

/** Groups ids into layers: a step's layer is one more than the deepest of its dependencies. */
export function layersOf(ids: readonly string[], deps: ReadonlyMap<string, readonly string[]>): string[][] {
  const level = new Map<string, number>();
  const visiting = new Set<string>();
  // Iterative depth-first walk: `after` may chain thousands of steps backwards, which a
  // recursive walk would turn into a stack overflow.
  for (const start of ids) {
    if (level.has(start)) continue;
    const work: Array<{ id: string; next: number; depth: number }> = [{ id: start, next: 0, depth: 0 }];
    visiting.add(start);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const edges = deps.get(frame.id) ?? [];
      if (frame.next < edges.length) {
        const dep = edges[frame.next++]!;
        if (!deps.has(dep)) continue;
        const known = level.get(dep);
        if (known !== undefined) frame.depth = Math.max(frame.depth, known + 1);
        // A dependency still being walked closes a cycle: it counts as layer 0, as a root would.
        else if (visiting.has(dep)) frame.depth = Math.max(frame.depth, 1);
        else {
          visiting.add(dep);
          work.push({ id: dep, next: 0, depth: 0 });
        }
        continue;
      }
      work.pop();
      visiting.delete(frame.id);
      level.set(frame.id, frame.depth);
      const parent = work[work.length - 1];
      if (parent) parent.depth = Math.max(parent.depth, frame.depth + 1);
    }
  }
  const layers: string[][] = [];
  for (const id of ids) {
    const l = level.get(id)!;
    const layer = layers[l] ?? [];
    layers[l] = layer;
    layer.push(id);
  }
  return layers.filter((l) => l !== undefined);
}
