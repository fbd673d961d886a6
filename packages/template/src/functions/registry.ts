// The single table of callable functions, shared by the parser (name checks) and the executor.
import { goBuiltins } from './go-builtins.js';
import { sprigConversion } from './sprig-conversion.js';
import { sprigDate } from './sprig-date.js';
import { sprigDefaults } from './sprig-defaults.js';
import { sprigDicts } from './sprig-dicts.js';
import { sprigEncoding } from './sprig-encoding.js';
import { sprigFlow } from './sprig-flow.js';
import { sprigJson } from './sprig-json.js';
import { sprigLists } from './sprig-lists.js';
import { sprigMath } from './sprig-math.js';
import { sprigOs } from './sprig-os.js';
import { sprigPath } from './sprig-path.js';
import { sprigRandom } from './sprig-random.js';
import { sprigReflect } from './sprig-reflect.js';
import { sprigRegex } from './sprig-regex.js';
import { sprigSemver } from './sprig-semver.js';
import { sprigStrings } from './sprig-strings.js';
import type { FuncDef } from './types.js';

export const FUNCTIONS: ReadonlyMap<string, FuncDef> = new Map(
  Object.entries({
    ...sprigStrings,
    ...sprigConversion,
    ...sprigDefaults,
    ...sprigLists,
    ...sprigDicts,
    ...sprigMath,
    ...sprigEncoding,
    ...sprigRandom,
    ...sprigDate,
    ...sprigJson,
    ...sprigRegex,
    ...sprigOs,
    ...sprigPath,
    ...sprigReflect,
    ...sprigSemver,
    ...sprigFlow,
    ...goBuiltins,
  }),
);

export function hasFunction(name: string): boolean {
  return FUNCTIONS.has(name);
}
