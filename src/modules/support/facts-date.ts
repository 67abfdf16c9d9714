// The date_time facts (facts/system/date_time.py at stable-2.14): the target's clock and time
// zone, from one `date` that prints three instants — now, and the two CPython's time module
// takes its tzname from on glibc (init_timezone: Jan 1 and half a year later of the current
// "year" of 365¼ days; the second name is the one further east of UTC, tz_dst).

/** CPython's YEAR in init_timezone: (365 * 24 + 6) * 3600 seconds. */
const YEAR = (365 * 24 + 6) * 3600;

/** Epoch, nanoseconds, offset, zone name and the local fields Python's strftime gives. */
const FORMAT = '+%s %N %z %Z %Y %m %A %w %W %d %H %M %S';

/**
 * The program's line: GNU date reads the instants from a here-document (no second process);
 * busybox's date has no -f: then now only. Its weekday is the C locale's, as Python's strftime
 * gives it (Python sets no LC_TIME). `nowSeconds`: the controller's clock, for the "year".
 */
export function dateProbe(nowSeconds: number): string[] {
  const jan = Math.floor(nowSeconds / YEAR) * YEAR;
  return [
    'echo "date<<"',
    `{ LC_ALL=C date -f - '${FORMAT}' 2>/dev/null <<'RB_DATE'`,
    'now',
    `@${jan}`,
    `@${jan + YEAR / 2}`,
    'RB_DATE',
    `} || LC_ALL=C date '${FORMAT}'`,
    'echo ">>"',
  ];
}

interface Instant {
  epoch: number;
  micro: string;
  offset: string;
  zone: string;
  local: string[];
}

function instant(line: string): Instant | undefined {
  const [epoch, nanos, offset, zone, ...local] = line.split(' ');
  if (!epoch || !/^-?\d+$/.test(epoch) || local.length !== 9) return undefined;
  const micro = /^\d{9}$/.test(nanos ?? '') ? (nanos ?? '').slice(0, 6) : '000000';
  return { epoch: Number(epoch), micro, offset: offset ?? '+0000', zone: zone ?? 'UTC', local };
}

/** +HHMM as seconds east of UTC. */
function seconds(offset: string): number {
  const m = /^([+-])(\d\d)(\d\d)$/.exec(offset);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60) : 0;
}

/** time.tzname[1]: July's name, but January's where January is further east (southern summer). */
function dstName(jan: Instant | undefined, jul: Instant | undefined, now: Instant): string {
  if (!jan || !jul) return now.zone;
  return seconds(jan.offset) > seconds(jul.offset) ? jan.zone : jul.zone;
}

const p2 = (n: number): string => String(n).padStart(2, '0');

function utc(epoch: number): string {
  const d = new Date(epoch * 1000);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}T${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** The date_time fact from the program's `date` block; the controller's clock in UTC without them. */
export function dateTimeFacts(lines: string[]): Map<string, string> {
  const [now, jan, jul] = lines.map(instant);
  const at: Instant = now ?? {
    epoch: Math.floor(Date.now() / 1000),
    micro: '000000',
    offset: '+0000',
    zone: 'UTC',
    local: utcLocal(Math.floor(Date.now() / 1000)),
  };
  const [
    year = '',
    month = '',
    weekday = '',
    weekdayNumber = '',
    weeknumber = '',
    day = '',
    hour = '',
    minute = '',
    second = '',
  ] = at.local;
  const basic = `${year}${month}${day}T${hour}${minute}${second}`;
  return new Map([
    ['year', year],
    ['month', month],
    ['weekday', weekday],
    ['weekday_number', weekdayNumber],
    ['weeknumber', weeknumber],
    ['day', day],
    ['hour', hour],
    ['minute', minute],
    ['second', second],
    ['epoch', String(at.epoch)],
    ['epoch_int', String(at.epoch)],
    ['date', `${year}-${month}-${day}`],
    ['time', `${hour}:${minute}:${second}`],
    ['iso8601_micro', `${utc(at.epoch)}.${at.micro}Z`],
    ['iso8601', `${utc(at.epoch)}Z`],
    ['iso8601_basic', `${basic}${at.micro}`],
    ['iso8601_basic_short', basic],
    ['tz', at.zone],
    ['tz_dst', dstName(jan, jul, at)],
    ['tz_offset', at.offset],
  ]);
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The local fields in UTC (a target whose date printed nothing: chosen, the controller's clock). */
function utcLocal(epoch: number): string[] {
  const d = new Date(epoch * 1000);
  const jan1 = Date.UTC(d.getUTCFullYear(), 0, 1);
  const yday = Math.floor((d.getTime() - jan1) / 86400000);
  // %W: weeks starting on Monday; days before the year's first Monday are week 0
  const week = Math.floor((yday + 7 - ((d.getUTCDay() + 6) % 7)) / 7);
  return [
    String(d.getUTCFullYear()),
    p2(d.getUTCMonth() + 1),
    WEEKDAYS[d.getUTCDay()] ?? '',
    String(d.getUTCDay()),
    p2(week),
    p2(d.getUTCDate()),
    p2(d.getUTCHours()),
    p2(d.getUTCMinutes()),
    p2(d.getUTCSeconds()),
  ];
}
