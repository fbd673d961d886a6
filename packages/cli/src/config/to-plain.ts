/** Options given to a plugin factory: plain data, never nodes. */
export function toPlain(value: unknown): unknown {
  return value === undefined ? {} : value;
}
