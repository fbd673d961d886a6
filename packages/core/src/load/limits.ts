/**
 * Limits on what one config file may hold. Real configs are far below every one of them (the
 * vendored corpus: at most 6 KiB, 7 levels, 6 steps in a stage); they exist so that a hostile
 * or broken file is refused with an error naming it, instead of exhausting memory, the stack
 * or the time of a boot stage.
 */
export const LIMITS = Object.freeze({
  /** Bytes of one file (or characters of one text source). */
  fileBytes: 8 * 1024 * 1024,
  /** Levels of nested mappings and sequences. */
  depth: 100,
  /** Values of the document once every alias is expanded ("billion laughs"). */
  expandedNodes: 200_000,
  /** Characters of one scalar. */
  stringChars: 1024 * 1024,
  /** Steps of one stage in one file. */
  stepsPerStage: 50_000,
});

export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) ? 1 : 0)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}
