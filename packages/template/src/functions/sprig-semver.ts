// semverCompare; an invalid version or constraint is an error that stops the render, as in sprig.
import { satisfies } from '../semver.js';
import { define } from './types.js';
import type { FuncMap } from './types.js';

export const sprigSemver: FuncMap = {
  semverCompare: define(['string', 'string'], satisfies),
};
