// sprig date functions. Layouts use Go's reference time (Mon Jan 2 15:04:05 MST 2006).
import { formatLayout, timeParts } from '../time-layout.js';
import { isIntLike } from '../values.js';
import { define } from './types.js';
import type { FuncMap } from './types.js';

/** sprig accepts time.Time or Unix seconds; anything else silently means "now". */
function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (isIntLike(value)) return new Date(value * 1000);
  return new Date();
}

function dateInZone(layout: string, value: unknown, zone: string): string {
  return formatLayout(timeParts(toDate(value), zone), layout);
}

function unixEpoch(value: unknown): string {
  if (!(value instanceof Date)) throw new Error('wrong type for value; expected time.Time');
  return String(Math.floor(value.getTime() / 1000));
}

export const sprigDate: FuncMap = {
  now: define([], () => new Date()),
  date: define(['string', 'any'], (layout: string, value: unknown) => dateInZone(layout, value, 'Local')),
  dateInZone: define(['string', 'any', 'string'], dateInZone),
  htmlDate: define(['any'], (value: unknown) => dateInZone('2006-01-02', value, 'Local')),
  unixEpoch: define(['any'], unixEpoch),
};
