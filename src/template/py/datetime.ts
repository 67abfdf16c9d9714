// Python's datetime.datetime (naive) and datetime.timedelta as templates meet them: what
// to_datetime and now() return, their attributes and methods, str() and repr(), and the
// arithmetic playbooks do ("{{ (expiry | to_datetime(fmt) - now()).days }}").
import { fail } from '../errors.js';
import { escapeRegExp, onYamlDatetime } from '../../util/index.js';
import { PyFunction } from './callable.js';
import { PyFloat, MISSING } from './values.js';
import { strftime, MONTH_NAMES, DAY_NAMES } from './strftime.js';

const MICROS_PER_DAY = 86_400_000_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** A duration in microseconds, shown as Python shows a timedelta. */
export class PyTimedelta {
  constructor(readonly micros: number) {}

  get days(): number {
    return Math.floor(this.micros / MICROS_PER_DAY);
  }

  get seconds(): number {
    return Math.floor((this.micros - this.days * MICROS_PER_DAY) / 1_000_000);
  }

  get microseconds(): number {
    return this.micros - this.days * MICROS_PER_DAY - this.seconds * 1_000_000;
  }

  getAttr(name: string): unknown {
    if (name === 'days') return this.days;
    if (name === 'seconds') return this.seconds;
    if (name === 'microseconds') return this.microseconds;
    if (name === 'total_seconds') return new PyFunction('total_seconds', () => new PyFloat(this.micros / 1_000_000));
    return MISSING;
  }

  /** str(timedelta): "2 days, 3:04:05.000006". */
  toString(): string {
    const s = this.seconds;
    const clock = `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
    const micro = this.microseconds ? `.${pad(this.microseconds, 6)}` : '';
    const days = this.days ? `${this.days} day${Math.abs(this.days) === 1 ? '' : 's'}, ` : '';
    return `${days}${clock}${micro}`;
  }

  repr(): string {
    const parts = [
      this.days ? `days=${this.days}` : '',
      this.seconds ? `seconds=${this.seconds}` : '',
      this.microseconds ? `microseconds=${this.microseconds}` : '',
    ].filter(Boolean);
    return `datetime.timedelta(${parts.length ? parts.join(', ') : '0'})`;
  }
}

/**
 * A datetime: its wall-clock fields, kept as microseconds since 0001-01-01 in a UTC calendar;
 * naive, or aware of a fixed offset (a YAML timestamp with a zone: datetime.timezone(delta)).
 */
export class PyDatetime {
  private readonly date: Date;

  constructor(
    /** Milliseconds of Date.UTC for the wall-clock fields. */
    readonly utcMillis: number,
    readonly microsecond: number,
    /** Minutes east of UTC for an aware datetime; null for a naive one. */
    readonly tzOffset: number | null = null,
  ) {
    this.date = new Date(utcMillis);
  }

  static fromFields(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, us = 0): PyDatetime {
    if (y < 1 || y > 9999) fail('ValueError', `year ${y} is out of range`);
    const when = new Date(0);
    when.setUTCFullYear(y, mo - 1, d);
    if (when.getUTCMonth() !== mo - 1 || when.getUTCDate() !== d) fail('ValueError', 'day is out of range for month');
    when.setUTCHours(h, mi, s, 0);
    return new PyDatetime(when.getTime(), us);
  }

  /** The local wall clock now (datetime.now()), or UTC's (utcnow()). */
  static now(utc: boolean): PyDatetime {
    const t = new Date();
    const ms = utc ? t.getTime() : t.getTime() - t.getTimezoneOffset() * 60000;
    return new PyDatetime(ms - (ms % 1000), t.getMilliseconds() * 1000);
  }

  get fields(): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
    const d = this.date;
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
    };
  }

  /** Microseconds on the naive time line (for differences and comparisons). */
  get micros(): number {
    return this.utcMillis * 1000 + this.microsecond;
  }

  plus(delta: PyTimedelta): PyDatetime {
    const total = this.micros + delta.micros;
    const us = ((total % 1_000_000) + 1_000_000) % 1_000_000;
    return new PyDatetime((total - us) / 1000, us, this.tzOffset);
  }

  /** A local Date with the same wall clock, for strftime (which reads local fields). */
  private localDate(): Date {
    const f = this.fields;
    const d = new Date(2000, 0, 1);
    d.setFullYear(f.year, f.month - 1, f.day);
    d.setHours(f.hour, f.minute, f.second, Math.floor(this.microsecond / 1000));
    return d;
  }

  strftime(fmt: string): string {
    return strftime(fmt.replace(/%f/g, pad(this.microsecond, 6)), this.localDate());
  }

  getAttr(name: string): unknown {
    const f = this.fields as Record<string, number>;
    if (name in f) return f[name];
    if (name === 'microsecond') return this.microsecond;
    const methods: Record<string, (...a: unknown[]) => unknown> = {
      strftime: (fmt) => this.strftime(String(fmt)),
      isoformat: (sep = 'T') => this.isoformat(String(sep)),
      weekday: () => (this.date.getUTCDay() + 6) % 7,
      isoweekday: () => this.date.getUTCDay() || 7,
      timestamp: () => new PyFloat(this.localDate().getTime() / 1000 + (this.microsecond % 1000) / 1e6),
      date: () => new Date(Date.UTC(this.fields.year, this.fields.month - 1, this.fields.day)),
    };
    const m = methods[name];
    return m ? new PyFunction(name, (args) => m(...args)) : MISSING;
  }

  isoformat(sep = 'T'): string {
    const f = this.fields;
    const micro = this.microsecond ? `.${pad(this.microsecond, 6)}` : '';
    return `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}${sep}${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}${micro}${this.utcOffset()}`;
  }

  /** The +HH:MM isoformat and str() add for an aware datetime. */
  private utcOffset(): string {
    if (this.tzOffset === null) return '';
    const m = Math.abs(this.tzOffset);
    return `${this.tzOffset < 0 ? '-' : '+'}${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
  }

  toString(): string {
    return this.isoformat(' ');
  }

  repr(): string {
    const f = this.fields;
    const parts = [f.year, f.month, f.day, f.hour, f.minute, f.second, this.microsecond];
    while (parts.length > 5 && parts[parts.length - 1] === 0) parts.pop();
    // datetime.timezone's repr: utc, or its timedelta
    const tz =
      this.tzOffset === null
        ? ''
        : this.tzOffset === 0
          ? ', tzinfo=datetime.timezone.utc'
          : `, tzinfo=datetime.timezone(${new PyTimedelta(this.tzOffset * 60_000_000).repr()})`;
    return `datetime.datetime(${parts.join(', ')}${tz})`;
  }
}

const DIRECTIVES: Record<string, string> = {
  Y: '(?<Y>\\d{4})',
  m: '(?<m>1[0-2]|0[1-9]|[1-9])',
  d: '(?<d>3[01]|[12]\\d|0[1-9]|[1-9]| [1-9])',
  H: '(?<H>2[0-3]|[0-1]\\d|\\d)',
  I: '(?<I>1[0-2]|0[1-9]|[1-9])',
  M: '(?<M>[0-5]\\d|\\d)',
  S: '(?<S>6[0-1]|[0-5]\\d|\\d)',
  f: '(?<f>[0-9]{1,6})',
  y: '(?<y>\\d\\d)',
  j: '(?<j>36[0-6]|3[0-5]\\d|[12]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9])',
  p: '(?<p>am|pm)',
  b: `(?<b>${MONTH_NAMES.map((m) => m.slice(0, 3)).join('|')})`,
  B: `(?<B>${MONTH_NAMES.join('|')})`,
  a: `(?:${DAY_NAMES.map((m) => m.slice(0, 3)).join('|')})`,
  A: `(?:${DAY_NAMES.join('|')})`,
  '%': '%',
};

/** datetime.strptime (Lib/_strptime.py) for the directives above, case-insensitive as Python's. */
export function strptime(text: string, format: string): PyDatetime {
  let pattern = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i] ?? '';
    if (c === '%' && i + 1 < format.length) {
      const directive = format[++i] ?? '';
      const re = DIRECTIVES[directive];
      if (!re) return fail('ValueError', `'${directive}' is a bad directive in format '${format}'`);
      pattern += re;
    } else if (/\s/.test(c)) {
      pattern += '\\s+';
      while (/\s/.test(format[i + 1] ?? '')) i++;
    } else pattern += escapeRegExp(c);
  }
  const m = new RegExp(`^${pattern}`, 'i').exec(text);
  if (!m) return fail('ValueError', `time data '${text}' does not match format '${format}'`);
  if (m[0].length < text.length) return fail('ValueError', `unconverted data remains: ${text.slice(m[0].length)}`);
  const g = m.groups ?? {};
  const monthName = g.B ?? g.b;
  const month = monthName
    ? MONTH_NAMES.findIndex((n) => n.toLowerCase().startsWith(monthName.toLowerCase())) + 1
    : Number(g.m ?? 1);
  const year = g.Y ? Number(g.Y) : g.y ? (Number(g.y) < 69 ? 2000 : 1900) + Number(g.y) : 1900;
  let hour = Number(g.H ?? 0);
  if (g.I !== undefined) hour = (Number(g.I) % 12) + (g.p?.toLowerCase() === 'pm' ? 12 : 0);
  const micro = g.f ? Number(g.f.padEnd(6, '0')) : 0;
  if (g.j !== undefined && g.d === undefined && g.m === undefined && !monthName) {
    return PyDatetime.fromFields(year, 1, 1, hour, Number(g.M ?? 0), Number(g.S ?? 0), micro).plus(
      new PyTimedelta((Number(g.j) - 1) * MICROS_PER_DAY),
    );
  }
  return PyDatetime.fromFields(year, month, Number(g.d ?? 1), hour, Number(g.M ?? 0), Number(g.S ?? 0), micro);
}

/** datetime arithmetic: datetime − datetime, datetime ± timedelta, timedelta ± timedelta, date − date. */
export function datetimeSub(a: unknown, b: unknown): unknown {
  if (a instanceof PyDatetime && b instanceof PyDatetime) {
    if ((a.tzOffset === null) !== (b.tzOffset === null))
      fail('TypeError', "can't subtract offset-naive and offset-aware datetimes");
    // aware datetimes compare in UTC
    const utc = (d: PyDatetime): number => d.micros - (d.tzOffset ?? 0) * 60_000_000;
    return new PyTimedelta(utc(a) - utc(b));
  }
  if (a instanceof PyDatetime && b instanceof PyTimedelta) return a.plus(new PyTimedelta(-b.micros));
  if (a instanceof PyTimedelta && b instanceof PyTimedelta) return new PyTimedelta(a.micros - b.micros);
  if (a instanceof Date && b instanceof Date) return new PyTimedelta((a.getTime() - b.getTime()) * 1000);
  return MISSING;
}

export function datetimeAdd(a: unknown, b: unknown): unknown {
  if (a instanceof PyDatetime && b instanceof PyTimedelta) return a.plus(b);
  if (a instanceof PyTimedelta && b instanceof PyDatetime) return b.plus(a);
  if (a instanceof PyTimedelta && b instanceof PyTimedelta) return new PyTimedelta(a.micros + b.micros);
  return MISSING;
}

/** Ordering of two datetimes or two timedeltas, or undefined when they are not such a pair. */
export function datetimeCompare(a: unknown, b: unknown): number | undefined {
  if ((a instanceof PyDatetime && b instanceof PyDatetime) || (a instanceof PyTimedelta && b instanceof PyTimedelta))
    return Math.sign(a.micros - b.micros);
  return undefined;
}

// a YAML timestamp with a time is a datetime (PyYAML's construct_yaml_timestamp)
onYamlDatetime((f) => {
  const naive = PyDatetime.fromFields(f.year, f.month, f.day, f.hour, f.minute, f.second, f.microsecond);
  return f.tzOffset === null ? naive : new PyDatetime(naive.utcMillis, naive.microsecond, f.tzOffset);
});
