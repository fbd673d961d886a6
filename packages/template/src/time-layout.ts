// Go's reference-time layouts ("2006-01-02 15:04:05 MST") rendered for a JavaScript Date.

export interface TimeParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanosecond: number;
  weekday: number; // 0 = Sunday
  yearDay: number; // 1-366
  offsetSeconds: number; // east of UTC
  zoneName: string; // '' when no abbreviation is known
}

const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function yearDayOf(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86_400_000) + 1;
}

function partsFromUtcFields(date: Date, shifted: Date, offsetSeconds: number, zoneName: string): TimeParts {
  const year = shifted.getUTCFullYear();
  const month = shifted.getUTCMonth() + 1;
  const day = shifted.getUTCDate();
  return {
    year,
    month,
    day,
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    nanosecond: (((date.getTime() % 1000) + 1000) % 1000) * 1_000_000,
    weekday: shifted.getUTCDay(),
    yearDay: yearDayOf(year, month, day),
    offsetSeconds,
    zoneName,
  };
}

function zoneAbbreviation(date: Date, timeZone: string | undefined): string {
  const options: Intl.DateTimeFormatOptions = { timeZoneName: 'short' };
  if (timeZone) options.timeZone = timeZone;
  const part = new Intl.DateTimeFormat('en-US', options).formatToParts(date).find((p) => p.type === 'timeZoneName');
  const name = part?.value ?? '';
  // "GMT+1" style names are not real abbreviations; Go then falls back to numeric offsets.
  if (name === 'GMT' || name === 'UTC') return 'UTC';
  return /^[A-Z]{2,5}$/.test(name) ? name : '';
}

function offsetInZone(date: Date, timeZone: string): number {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const fields: Record<string, number> = {};
  for (const part of fmt.formatToParts(date)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    fields.year ?? 1970,
    (fields.month ?? 1) - 1,
    fields.day ?? 1,
    fields.hour ?? 0,
    fields.minute ?? 0,
    fields.second ?? 0,
  );
  const wholeSeconds = Math.floor(date.getTime() / 1000) * 1000;
  return Math.round((asUtc - wholeSeconds) / 1000);
}

/**
 * Breaks a Date into wall-clock fields in a zone: 'Local' (process time zone), 'UTC' or an IANA name.
 * Unknown zone names fall back to UTC, as sprig's dateInZone does.
 */
export function timeParts(date: Date, zone = 'Local'): TimeParts {
  if (zone === 'UTC' || zone === '') return partsFromUtcFields(date, date, 0, 'UTC');
  if (zone === 'Local') {
    const offsetSeconds = -date.getTimezoneOffset() * 60;
    const shifted = new Date(date.getTime() + offsetSeconds * 1000);
    const name = offsetSeconds === 0 ? 'UTC' : zoneAbbreviation(date, undefined);
    return partsFromUtcFields(date, shifted, offsetSeconds, name);
  }
  try {
    const offsetSeconds = offsetInZone(date, zone);
    const shifted = new Date(date.getTime() + offsetSeconds * 1000);
    return partsFromUtcFields(date, shifted, offsetSeconds, zoneAbbreviation(date, zone));
  } catch {
    return partsFromUtcFields(date, date, 0, 'UTC');
  }
}

function pad(n: number, width: number, fill = '0'): string {
  const text = String(Math.abs(n)).padStart(width, fill);
  return n < 0 ? `-${text}` : text;
}

type Chunk =
  | { kind: 'literal'; text: string }
  | { kind: 'std'; std: string }
  | { kind: 'frac'; separator: string; digits: number; trim: boolean };

const NUMERIC_ZONES = ['-070000', '-07:00:00', '-0700', '-07:00', '-07'];
const ISO_ZONES = ['Z070000', 'Z07:00:00', 'Z0700', 'Z07:00', 'Z07'];
const ZERO_PAIRS: Record<string, string> = { '1': '01', '2': '02', '3': '03', '4': '04', '5': '05', '6': '06' };

/** Finds the next layout element at position i, following time.nextStdChunk's precedence. */
function stdAt(layout: string, i: number): { std: Chunk; length: number } | undefined {
  const rest = layout.slice(i);
  const std = (name: string): { std: Chunk; length: number } => ({ std: { kind: 'std', std: name }, length: name.length });
  const startsLower = (s: string): boolean => /^[a-z]/.test(s);
  switch (layout[i]) {
    case 'J':
      if (rest.startsWith('January')) return std('January');
      if (rest.startsWith('Jan') && !startsLower(rest.slice(3))) return std('Jan');
      return undefined;
    case 'M':
      if (rest.startsWith('Monday')) return std('Monday');
      if (rest.startsWith('Mon') && !startsLower(rest.slice(3))) return std('Mon');
      if (rest.startsWith('MST')) return std('MST');
      return undefined;
    case '0': {
      const next = layout[i + 1];
      if (next !== undefined && ZERO_PAIRS[next]) return std(ZERO_PAIRS[next]);
      if (rest.startsWith('002')) return std('002');
      return undefined;
    }
    case '1':
      return rest.startsWith('15') ? std('15') : std('1');
    case '2':
      return rest.startsWith('2006') ? std('2006') : std('2');
    case '_':
      if (rest.startsWith('_2')) {
        // "_2006" is a literal underscore followed by the year.
        if (rest.startsWith('_2006')) return { std: { kind: 'literal', text: '_' }, length: 1 };
        return std('_2');
      }
      if (rest.startsWith('__2')) return std('__2');
      return undefined;
    case '3':
    case '4':
    case '5':
      return std(layout[i] ?? '');
    case 'P':
      return rest.startsWith('PM') ? std('PM') : undefined;
    case 'p':
      return rest.startsWith('pm') ? std('pm') : undefined;
    case '-': {
      const zone = NUMERIC_ZONES.find((z) => rest.startsWith(z));
      return zone ? std(zone) : undefined;
    }
    case 'Z': {
      const zone = ISO_ZONES.find((z) => rest.startsWith(z));
      return zone ? std(zone) : undefined;
    }
    case '.':
    case ',': {
      const digit = layout[i + 1];
      if (digit !== '0' && digit !== '9') return undefined;
      let j = i + 1;
      while (layout[j] === digit) j++;
      const after = layout[j];
      if (after !== undefined && after >= '0' && after <= '9') return undefined;
      return {
        std: { kind: 'frac', separator: layout[i] ?? '.', digits: j - i - 1, trim: digit === '9' },
        length: j - i,
      };
    }
    default:
      return undefined;
  }
}

function formatZone(std: string, t: TimeParts): string {
  const iso = std.startsWith('Z');
  if (iso && t.offsetSeconds === 0) return 'Z';
  const sign = t.offsetSeconds < 0 ? '-' : '+';
  const abs = Math.abs(t.offsetSeconds);
  const hours = pad(Math.floor(abs / 3600), 2);
  const minutes = pad(Math.floor(abs / 60) % 60, 2);
  const seconds = pad(abs % 60, 2);
  const shape = std.slice(1);
  switch (shape) {
    case '070000':
      return `${sign}${hours}${minutes}${seconds}`;
    case '07:00:00':
      return `${sign}${hours}:${minutes}:${seconds}`;
    case '0700':
      return `${sign}${hours}${minutes}`;
    case '07:00':
      return `${sign}${hours}:${minutes}`;
    default:
      return `${sign}${hours}`;
  }
}

function formatStd(std: string, t: TimeParts): string {
  const hour12 = t.hour % 12 === 0 ? 12 : t.hour % 12;
  switch (std) {
    case 'January':
      return LONG_MONTHS[t.month - 1] ?? '';
    case 'Jan':
      return (LONG_MONTHS[t.month - 1] ?? '').slice(0, 3);
    case '1':
      return String(t.month);
    case '01':
      return pad(t.month, 2);
    case 'Monday':
      return LONG_DAYS[t.weekday] ?? '';
    case 'Mon':
      return (LONG_DAYS[t.weekday] ?? '').slice(0, 3);
    case '2':
      return String(t.day);
    case '_2':
      return pad(t.day, 2, ' ');
    case '02':
      return pad(t.day, 2);
    case '__2':
      return pad(t.yearDay, 3, ' ');
    case '002':
      return pad(t.yearDay, 3);
    case '15':
      return pad(t.hour, 2);
    case '3':
      return String(hour12);
    case '03':
      return pad(hour12, 2);
    case '4':
      return String(t.minute);
    case '04':
      return pad(t.minute, 2);
    case '5':
      return String(t.second);
    case '05':
      return pad(t.second, 2);
    case '2006':
      return pad(t.year, 4);
    case '06':
      return pad(((t.year % 100) + 100) % 100, 2);
    case 'PM':
      return t.hour >= 12 ? 'PM' : 'AM';
    case 'pm':
      return t.hour >= 12 ? 'pm' : 'am';
    case 'MST': {
      if (t.zoneName) return t.zoneName;
      const sign = t.offsetSeconds < 0 ? '-' : '+';
      const minutes = Math.floor(Math.abs(t.offsetSeconds) / 60);
      return `${sign}${pad(Math.floor(minutes / 60), 2)}${pad(minutes % 60, 2)}`;
    }
    default:
      return formatZone(std, t);
  }
}

function formatFraction(chunk: { separator: string; digits: number; trim: boolean }, t: TimeParts): string {
  if (chunk.trim && (chunk.digits === 0 || t.nanosecond === 0)) return '';
  let digits = pad(t.nanosecond, 9).slice(0, Math.min(chunk.digits, 9));
  if (chunk.trim) digits = digits.replace(/0+$/, '');
  return digits === '' ? '' : `${chunk.separator}${digits}`;
}

/** time.Time.Format(layout). */
export function formatLayout(t: TimeParts, layout: string): string {
  let out = '';
  let i = 0;
  while (i < layout.length) {
    const found = stdAt(layout, i);
    if (!found) {
      out += layout[i];
      i++;
      continue;
    }
    const chunk = found.std;
    if (chunk.kind === 'literal') out += chunk.text;
    else if (chunk.kind === 'frac') out += formatFraction(chunk, t);
    else out += formatStd(chunk.std, t);
    i += found.length;
  }
  return out;
}

/** time.Time.String() in the process time zone, used when a Date is printed with %v. */
export function goTimeString(date: Date): string {
  return formatLayout(timeParts(date, 'Local'), '2006-01-02 15:04:05.999999999 -0700 MST');
}
