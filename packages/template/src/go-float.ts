// strconv.FormatFloat for the 'e', 'f' and 'g' formats. Rounding works on the exact decimal expansion of the
// double with round-half-even, because that is what Go does (JavaScript's toFixed rounds ties away from zero).

interface Decimal {
  /** Significant digits without leading or trailing zeros ('' for zero). */
  digits: string;
  /** Position of the decimal point relative to the start of digits. */
  dp: number;
}

function trimZeros(d: Decimal): Decimal {
  let digits = d.digits.replace(/0+$/, '');
  let dp = d.dp;
  const lead = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(lead);
  dp -= lead;
  return digits === '' ? { digits: '', dp: 0 } : { digits, dp };
}

/** The exact value of a positive finite double as decimal digits. */
function exactDecimal(value: number): Decimal {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exp2 = (biased === 0 ? 1 : biased) - 1075;
  if (mantissa === 0n) return { digits: '', dp: 0 };
  if (exp2 >= 0) {
    const digits = (mantissa << BigInt(exp2)).toString();
    return trimZeros({ digits, dp: digits.length });
  }
  const scaled = (mantissa * 5n ** BigInt(-exp2)).toString();
  return trimZeros({ digits: scaled, dp: scaled.length + exp2 });
}

/** Shortest digits that round-trip; JavaScript's number-to-string picks the same ones as Go. */
function shortestDecimal(value: number): Decimal {
  if (value === 0) return { digits: '', dp: 0 };
  const [mantissa = '0', exponent = '0'] = value.toExponential().split('e');
  const digits = mantissa.replace('.', '');
  return trimZeros({ digits, dp: Number(exponent) + 1 });
}

/** Rounds to nd significant digits, ties to even, like strconv's decimal.Round. */
function roundDecimal(d: Decimal, nd: number): Decimal {
  if (nd < 0) return { digits: '', dp: 0 };
  if (nd >= d.digits.length) return d;
  const next = d.digits.charCodeAt(nd) - 48;
  let up: boolean;
  if (next === 5 && nd + 1 === d.digits.length) {
    up = nd > 0 && (d.digits.charCodeAt(nd - 1) - 48) % 2 === 1;
  } else {
    up = next >= 5;
  }
  if (!up) return trimZeros({ digits: d.digits.slice(0, nd), dp: d.dp });
  const kept = d.digits.slice(0, nd).split('');
  let i = kept.length - 1;
  while (i >= 0 && kept[i] === '9') {
    kept[i] = '0';
    i--;
  }
  if (i < 0) return { digits: '1', dp: d.dp + 1 };
  kept[i] = String(Number(kept[i]) + 1);
  return trimZeros({ digits: kept.join(''), dp: d.dp });
}

function digitAt(d: Decimal, i: number): string {
  return i >= 0 && i < d.digits.length ? (d.digits[i] ?? '0') : '0';
}

function formatE(d: Decimal, prec: number, upper: boolean): string {
  let out = d.digits === '' ? '0' : digitAt(d, 0);
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) out += digitAt(d, i);
  }
  const exp = d.digits === '' ? 0 : d.dp - 1;
  const sign = exp < 0 ? '-' : '+';
  const magnitude = String(Math.abs(exp)).padStart(2, '0');
  return `${out}${upper ? 'E' : 'e'}${sign}${magnitude}`;
}

function formatF(d: Decimal, prec: number): string {
  let out = '';
  if (d.dp > 0) {
    for (let i = 0; i < d.dp; i++) out += digitAt(d, i);
  } else {
    out = '0';
  }
  if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) out += digitAt(d, d.dp + i);
  }
  return out;
}

export type FloatFormat = 'e' | 'E' | 'f' | 'F' | 'g' | 'G';

/** strconv.FormatFloat(value, format, prec, 64); prec < 0 selects the shortest representation. */
export function formatFloat(value: number, format: FloatFormat, prec: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  const negative = value < 0 || Object.is(value, -0);
  const abs = Math.abs(value);
  const shortest = prec < 0;
  let body: string;
  const lower = format.toLowerCase();
  if (lower === 'e') {
    const d = shortest ? shortestDecimal(abs) : roundDecimal(exactDecimal(abs), prec + 1);
    body = formatE(d, shortest ? Math.max(d.digits.length - 1, 0) : prec, format === 'E');
  } else if (lower === 'f') {
    const exact = exactDecimal(abs);
    const d = shortest ? shortestDecimal(abs) : roundDecimal(exact, exact.dp + prec);
    body = formatF(d, shortest ? Math.max(d.digits.length - d.dp, 0) : prec);
  } else {
    let p = prec;
    let d: Decimal;
    if (shortest) {
      d = shortestDecimal(abs);
      p = d.digits.length;
    } else {
      if (p === 0) p = 1;
      d = roundDecimal(exactDecimal(abs), p);
    }
    const nd = d.digits.length;
    let eprec = p;
    if (eprec > nd && nd >= d.dp) eprec = nd;
    if (shortest) eprec = 6;
    const exp = d.dp - 1;
    if (exp < -4 || exp >= eprec) {
      if (p > nd) p = nd;
      body = formatE(d, p - 1, format === 'G');
    } else {
      if (p > d.dp) p = nd;
      body = formatF(d, Math.max(p - d.dp, 0));
    }
  }
  return negative ? `-${body}` : body;
}
