/** Picking free user and group ids. */

/** Where useradd and yip put people: https://systemd.io/UIDS-GIDS/ */
export const HUMAN_ID_MIN = 1000;
export const HUMAN_ID_MAX = 60000;

/** Where the entities library puts `uid: -1` / `gid: -1`: counted down from 999, as Gentoo does. */
export const DYNAMIC_ID_MAX = 999;
export const DYNAMIC_ID_MIN = 500;

/** The lowest id in [min, max] not in `used`. */
export function lowestFreeId(used: ReadonlySet<number>, min: number, max: number): number | undefined {
  for (let id = min; id <= max; id++) if (!used.has(id)) return id;
  return undefined;
}

/** The highest id in [min, max] not in `used`. */
export function highestFreeId(used: ReadonlySet<number>, min: number, max: number): number | undefined {
  for (let id = max; id >= min; id--) if (!used.has(id)) return id;
  return undefined;
}
