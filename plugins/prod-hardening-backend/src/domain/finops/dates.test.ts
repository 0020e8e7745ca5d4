import {
  addDays,
  dayRange,
  daysBetween,
  daysInMonth,
  dayToEpochMs,
  eachDay,
  lastDayOfMonth,
  utcDayOf,
} from './dates';

describe('UTC calendar days', () => {
  it('counts 28, 29, 30 and 31-day months', () => {
    expect(daysInMonth('2025-02')).toBe(28);
    expect(daysInMonth('2024-02')).toBe(29);
    expect(daysInMonth('2100-02')).toBe(28);
    expect(daysInMonth('2000-02')).toBe(29);
    expect(daysInMonth('2025-04')).toBe(30);
    expect(daysInMonth('2025-12')).toBe(31);
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
  });

  it('steps across month and year ends', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2025-02-27', '2025-03-02')).toBe(3);
    expect(eachDay('2025-02-27', '2025-03-01')).toEqual([
      '2025-02-27',
      '2025-02-28',
      '2025-03-01',
    ]);
    expect(eachDay('2025-03-02', '2025-03-01')).toEqual([]);
    expect(dayRange('2025-03-01', '2025-03-07')).toEqual({
      from: '2025-03-01',
      to: '2025-03-07',
      days: 7,
    });
  });

  it('takes the day of an instant in UTC', () => {
    expect(utcDayOf(new Date('2025-03-01T23:59:59.999Z'))).toBe('2025-03-01');
    expect(utcDayOf(new Date('2025-03-01T23:30:00-02:00'))).toBe('2025-03-02');
  });

  it('rejects days that do not exist or are not zero-padded', () => {
    expect(() => dayToEpochMs('2025-02-29')).toThrow(/not a calendar day/);
    expect(() => dayToEpochMs('2025-3-1')).toThrow(/not a calendar day/);
    expect(() => utcDayOf(new Date('nonsense'))).toThrow(/not a valid date/);
  });
});
