import {
  addDays,
  daysBetween,
  firstRetainedDay,
  isCalendarDay,
  isExpired,
  isoSeconds,
  ttlFor,
  utcDay,
} from './time';

const NOW = new Date('2026-11-16T10:20:30.456Z');

describe('TTL math', () => {
  it('puts cost entries 90 days out, in epoch seconds', () => {
    expect(ttlFor(NOW, 90)).toBe(
      Math.floor(Date.parse('2027-02-14T10:20:30Z') / 1000),
    );
  });

  it('puts alerts 30 days out, in epoch seconds', () => {
    expect(ttlFor(NOW, 30)).toBe(
      Math.floor(Date.parse('2026-12-16T10:20:30Z') / 1000),
    );
  });

  it('treats an item as gone from the second its TTL is reached', () => {
    const ttl = ttlFor(NOW, 90);
    const at = (iso: string) => new Date(iso);
    expect(isExpired(ttl, at('2027-02-14T10:20:29Z'))).toBe(false);
    expect(isExpired(ttl, at('2027-02-14T10:20:30Z'))).toBe(true);
    expect(isExpired(undefined, at('2100-01-01T00:00:00Z'))).toBe(false);
  });

  it('names the oldest day whose entries are all still retained', () => {
    expect(firstRetainedDay(NOW, 90)).toBe('2026-08-19');
    expect(daysBetween(firstRetainedDay(NOW, 90), utcDay(NOW))).toHaveLength(
      90,
    );
  });
});

describe('dates', () => {
  it('formats the seed alert sort key to the second', () => {
    expect(isoSeconds(NOW)).toBe('2026-11-16T10:20:30Z');
  });

  it('accepts only real calendar days', () => {
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2026-13-01')).toBe(false);
    expect(isCalendarDay('2026-1-01')).toBe(false);
    expect(isCalendarDay('16/11/2026')).toBe(false);
  });

  it('steps across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-29', '2026-12-02')).toEqual([
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
    ]);
  });
});
