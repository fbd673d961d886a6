import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatLayout, timeParts } from '../src/time-layout.js';
import { TemplateExecError } from '../src/index.js';
import { render, rendersAs, throwsWith } from './helpers.js';

const s = suite('sprig date');

// 2021-03-04T05:06:07.089Z, a Thursday, day 63 of the year.
const instant = new Date(Date.UTC(2021, 2, 4, 5, 6, 7, 89));

s('Go reference layouts in UTC', () => {
  const t = timeParts(instant, 'UTC');
  assert.is(formatLayout(t, '2006-01-02 15:04:05'), '2021-03-04 05:06:07');
  assert.is(formatLayout(t, 'Mon Jan _2 3:4:5 PM 06'), 'Thu Mar  4 5:6:7 AM 21');
  assert.is(formatLayout(t, 'Monday, January 2 pm'), 'Thursday, March 4 am');
  assert.is(formatLayout(t, '002 __2 .000 .999 ,00'), '063  63 .089 .089 ,08');
  assert.is(formatLayout(t, 'Z07:00 -0700 MST'), 'Z +0000 UTC');
  assert.is(formatLayout(t, '_2006 Janet'), '_2021 Janet');
});

s('named zones shift the wall clock and offsets', () => {
  const t = timeParts(instant, 'Asia/Kolkata');
  assert.is(formatLayout(t, '15:04 -07:00 Z0700'), '10:36 +05:30 +0530');
  const fallback = timeParts(instant, 'Not/AZone');
  assert.is(formatLayout(fallback, '15:04 MST'), '05:06 UTC');
});

s('date, dateInZone, htmlDate, unixEpoch', () => {
  const d = { t: instant, epoch: 86400 };
  rendersAs([
    ['{{ dateInZone "2006-01-02T15:04:05Z07:00" .t "UTC" }}', '2021-03-04T05:06:07Z', d],
    ['{{ dateInZone "2006-01-02" .epoch "UTC" }}', '1970-01-02', d],
  ]);
  const local = `${instant.getFullYear()}-${String(instant.getMonth() + 1).padStart(2, '0')}-${String(instant.getDate()).padStart(2, '0')}`;
  rendersAs([
    ['{{ date "2006-01-02" .t }}', local, d],
    ['{{ htmlDate .t }}', local, d],
    ['{{ unixEpoch .t }}', String(Math.floor(instant.getTime() / 1000)), d],
  ]);
  throwsWith(() => render('{{ unixEpoch "x" }}', d), TemplateExecError, 'expected time.Time');
});

s('now is the current time', () => {
  const before = Date.now();
  const year = Number(render('{{ now | date "2006" }}', {}));
  assert.is(year, new Date(before).getFullYear());
  const epoch = Number(render('{{ now | unixEpoch }}', {}));
  assert.ok(Math.abs(epoch * 1000 - before) < 5000);
});

s.run();
