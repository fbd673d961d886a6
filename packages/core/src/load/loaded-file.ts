import type { Diagnostic } from '../diagnostics.js';
import type { MapNode, YNode } from '../node.js';

/** One config file after parsing: its name and its raw steps per stage, with what was found wrong. */
export interface LoadedFile {
  /** Path, URL or name of the source, as printed in messages and step ids. */
  readonly file: string;
  /** The config's `name`, prefix of its step ids. */
  readonly name: string | undefined;
  /** Raw steps per stage, as written (validated when their stage runs). */
  readonly stages: ReadonlyMap<string, readonly YNode[]>;
  readonly diagnostics: readonly Diagnostic[];
  /** False when the file could not be loaded at all: it contributes no steps. */
  readonly ok: boolean;
  /** The whole document, when it parsed. */
  readonly root: MapNode | undefined;
  readonly cloudConfig: boolean;
  /** False when the file was not parsed because it does not mention the stage being run. */
  readonly parsed?: boolean;
  /**
   * False when the file was read by the fast reader, whose nodes have no positions; `text` is
   * kept so that it can be read again precisely when something about it must be reported.
   */
  readonly precise?: boolean;
  readonly text?: string;
}

export function failedFile(file: string, diagnostics: Diagnostic[]): LoadedFile {
  return { file, name: undefined, stages: new Map(), diagnostics, ok: false, root: undefined, cloudConfig: false };
}
