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
  const depth = (id: string): number => {
    const known = level.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    let d = 0;
    // Dependencies are resolved in declaration order, so recursion depth stays bounded by chains
    // that are rarely long; compute iteratively from the front to avoid deep recursion.
    for (const dep of deps.get(id) ?? []) if (deps.has(dep)) d = Math.max(d, depth(dep) + 1);
    visiting.delete(id);
    level.set(id, d);
    return d;
  };
  // Walking in declaration order fills levels of earlier steps first, keeping recursion shallow.
  for (const id of ids) depth(id);
  const layers: string[][] = [];
  for (const id of ids) {
    const l = level.get(id)!;
    (layers[l] ??= []).push(id);
  }
  return layers.filter((l) => l !== undefined);
}
