import { describe, expect, it } from 'vitest';
import { dateTimeFacts } from './facts-date.js';

// `date -f - '+%s %N %z %Z %Y %m %A %w %W %d %H %M %S'` for now, Jan 1 and half a year later
describe('the date_time fact', () => {
  it('every field date_time.py gives, local and UTC, from the first line', () => {
    const f = Object.fromEntries(
      dateTimeFacts([
        '1796431739 318125280 +0100 CET 2026 12 Saturday 6 48 05 01 48 59',
        '1767225600 000000000 +0100 CET 2026 01 Thursday 4 00 01 01 00 00',
        '1783004400 000000000 +0200 CEST 2026 07 Thursday 4 26 02 17 00 00',
      ]),
    );
    expect(f).toEqual({
      year: '2026',
      month: '12',
      weekday: 'Saturday',
      weekday_number: '6',
      weeknumber: '48',
      day: '05',
      hour: '01',
      minute: '48',
      second: '59',
      epoch: '1796431739',
      epoch_int: '1796431739',
      date: '2026-12-05',
      time: '01:48:59',
      iso8601_micro: '2026-12-05T00:48:59.318125Z',
      iso8601: '2026-12-05T00:48:59Z',
      iso8601_basic: '20261205T014859318125',
      iso8601_basic_short: '20261205T014859',
      tz: 'CET',
      tz_dst: 'CEST',
      tz_offset: '+0100',
    });
  });

  it("tz_dst is January's name where January is further east (the southern summer), now's where there is one line", () => {
    const sydney = dateTimeFacts([
      '1796431739 0 +1100 AEDT 2026 12 Saturday 6 48 05 11 48 59',
      '1767225600 0 +1100 AEDT 2026 01 Thursday 4 00 01 11 00 00',
      '1783004400 0 +1000 AEST 2026 07 Thursday 4 26 02 01 00 00',
    ]);
    expect([sydney.get('tz'), sydney.get('tz_dst')]).toEqual(['AEDT', 'AEDT']);
    const busybox = dateTimeFacts(['1796431739 %N +0000 UTC 2026 12 Saturday 6 48 05 00 48 59']);
    expect([busybox.get('tz_dst'), busybox.get('iso8601_micro')]).toEqual(['UTC', '2026-12-05T00:48:59.000000Z']);
  });
});
