// PyYAML's construct_yaml_timestamp (yaml/constructor.py, 6.0): a date alone is a date, a date
// with a time a datetime — naive, or aware when a zone is written (Z, +02, -05:30). util/ has no
// datetime of its own: the template layer, which does, registers how one is made.

export interface TimestampFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** The fraction's first six digits, zero-padded (microseconds). */
  microsecond: number;
  /** Minutes east of UTC, or null for a naive datetime. */
  tzOffset: number | null;
}

const TIMESTAMP =
  /^([0-9]{4})-([0-9][0-9]?)-([0-9][0-9]?)(?:(?:[Tt]|[ \t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?)?$/;

let makeDatetime: ((f: TimestampFields) => unknown) | undefined;

/** The template layer's datetime for a YAML timestamp with a time (set once, when it loads). */
export function onYamlDatetime(make: (f: TimestampFields) => unknown): void {
  makeDatetime = make;
}

/** A timestamp scalar's value: a Date at midnight UTC for a date, the registered datetime otherwise. */
export function constructTimestamp(text: string): unknown {
  const m = TIMESTAMP.exec(text);
  if (!m) return text;
  const [, y, mo, d, h, mi, s, fraction, tz, sign, tzh, tzm] = m;
  if (h === undefined || !makeDatetime) return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  const offset =
    tz === undefined ? null : tz === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (Number(tzh) * 60 + Number(tzm ?? 0));
  return makeDatetime({
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s),
    microsecond: Number((fraction ?? '').slice(0, 6).padEnd(6, '0')),
    tzOffset: offset,
  });
}
