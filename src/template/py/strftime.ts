// Python's time.strftime for the codes templates use, and strptime's inverse for to_datetime.

export const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const MONTH_NAMES = [
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

/** Python's strftime for the codes Ansible templates use (local time, or UTC when asked). */
export function strftime(fmt: string, when: Date, utc = false): string {
  // a UTC reading is the local reading of the date shifted by the zone offset
  const d = utc ? new Date(when.getTime() + when.getTimezoneOffset() * 60000) : when;
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const days = DAY_NAMES;
  const months = MONTH_NAMES;
  const map: Record<string, () => string> = {
    Y: () => String(d.getFullYear()),
    m: () => p(d.getMonth() + 1),
    d: () => p(d.getDate()),
    H: () => p(d.getHours()),
    M: () => p(d.getMinutes()),
    S: () => p(d.getSeconds()),
    y: () => p(d.getFullYear() % 100),
    j: () => p(Math.floor((d.getTime() - new Date(d.getFullYear(), 0, 1).getTime()) / 86400000) + 1, 3),
    a: () => (days[d.getDay()] ?? '').slice(0, 3),
    A: () => days[d.getDay()] ?? '',
    b: () => (months[d.getMonth()] ?? '').slice(0, 3),
    B: () => months[d.getMonth()] ?? '',
    s: () => String(Math.floor(when.getTime() / 1000)),
    f: () => p(when.getMilliseconds() * 1000, 6),
    '%': () => '%',
    // time.strftime's %z: the local zone's offset (none for a UTC reading)
    z: () => {
      const off = utc ? 0 : -when.getTimezoneOffset();
      return `${off < 0 ? '-' : '+'}${p(Math.floor(Math.abs(off) / 60))}${p(Math.abs(off) % 60)}`;
    },
    Z: () => 'UTC',
    p: () => (d.getHours() < 12 ? 'AM' : 'PM'),
    I: () => p(d.getHours() % 12 || 12),
    e: () => String(d.getDate()).padStart(2, ' '),
    F: () => `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`,
    T: () => `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`,
    // the C locale's date and time (%a %b %e %H:%M:%S %Y)
    c: () =>
      `${(days[d.getDay()] ?? '').slice(0, 3)} ${(months[d.getMonth()] ?? '').slice(0, 3)} ${String(d.getDate()).padStart(2, ' ')} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ${d.getFullYear()}`,
  };
  return fmt.replace(/%([a-zA-Z%])/g, (whole, c: string) => map[c]?.() ?? whole);
}
