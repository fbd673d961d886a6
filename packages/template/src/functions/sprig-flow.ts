// Control helpers that stop a render on purpose.
import { define } from './types.js';
import type { FuncMap } from './types.js';

export const sprigFlow: FuncMap = {
  fail: define(['string'], (message: string) => {
    throw new Error(message);
  }),
};
