/** What a pin writer gets: the pins of one step (names and versions templated and checked), and the root. */
import type { Target } from '../target.js';

export interface Pin {
  readonly name: string;
  readonly version: string;
}

/** Applies every pin, or throws; a writer that edits one file writes all pins at once or none. */
export type PinWriter = (pins: readonly Pin[], target: Target) => Promise<void>;
