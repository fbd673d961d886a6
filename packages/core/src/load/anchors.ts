/**
 * Alias resolution in one pass. The `yaml` library resolves each alias by walking the document
 * from the start, so a config with a few hundred aliases took a second; here the anchors are
 * listed once, in document order, and an alias takes the last anchor of its name before it
 * (an anchor may be defined again further down).
 */
import type { Alias, Document, Node as YamlNode } from 'yaml';
import { yamlLibrary } from './yaml-libraries.js';

export class Anchors {
  private byName: Map<string, { offset: number; node: YamlNode }[]> | undefined;

  constructor(private readonly doc: Document) {}

  resolve(alias: Alias): YamlNode | undefined {
    const at = alias.range?.[0] ?? Number.POSITIVE_INFINITY;
    const candidates = this.index().get(alias.source) ?? [];
    let found: YamlNode | undefined;
    for (const c of candidates) {
      if (c.offset >= at) break;
      found = c.node;
    }
    return found;
  }

  private index(): Map<string, { offset: number; node: YamlNode }[]> {
    if (this.byName) return this.byName;
    const byName = new Map<string, { offset: number; node: YamlNode }[]>();
    yamlLibrary().visit(this.doc, (_key, node) => {
      // Empty values are visited as null.
      const anchor = node === null ? undefined : (node as { anchor?: string }).anchor;
      if (anchor && !yamlLibrary().isAlias(node)) {
        const list = byName.get(anchor) ?? [];
        list.push({ offset: (node as YamlNode).range?.[0] ?? 0, node: node as YamlNode });
        byName.set(anchor, list);
      }
    });
    for (const list of byName.values()) list.sort((a, b) => a.offset - b.offset);
    this.byName = byName;
    return byName;
  }
}
