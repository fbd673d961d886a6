/**
 * The depth-first walk of a dependency graph that cycle finding and layering share. Iterative:
 * `after` may chain thousands of steps backwards, which a recursive walk would turn into a stack
 * overflow. Dependencies that are not ids of the graph (`deps` has no entry for them) are skipped.
 */

/** What a walk tells its visitor, in depth-first order. */
export interface DepthFirstVisitor {
  /** `id` is reached for the first time. */
  enter(id: string): void;
  /** `from` waits for `to`, which was reached before: it is done, or still being walked (a cycle). */
  revisit(from: string, to: string): void;
  /** Every dependency of `id` has been walked; `parent` is the id that reached it, if any. */
  leave(id: string, parent: string | undefined): void;
}

/** Walks from every id, in order, that no earlier walk reached. */
export function walkDepthFirst(ids: readonly string[], deps: ReadonlyMap<string, readonly string[]>, visitor: DepthFirstVisitor): void {
  const reached = new Set<string>();
  const reach = (id: string, work: Array<{ id: string; next: number }>): void => {
    reached.add(id);
    visitor.enter(id);
    work.push({ id, next: 0 });
  };
  for (const start of ids) {
    if (reached.has(start)) continue;
    const work: Array<{ id: string; next: number }> = [];
    reach(start, work);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const edges = deps.get(frame.id) ?? [];
      if (frame.next < edges.length) {
        const to = edges[frame.next++]!;
        if (!deps.has(to)) continue;
        if (reached.has(to)) visitor.revisit(frame.id, to);
        else reach(to, work);
        continue;
      }
      work.pop();
      visitor.leave(frame.id, work[work.length - 1]?.id);
    }
  }
}
