import {
  formatSignedPercent,
  formatUnitUsd,
  formatUsd,
  roundedDecimal,
  usdDecimal,
} from './format';
import { escapeMarkdown, markdownTable } from './markdown';

describe('number formats', () => {
  it('writes exact dollars for CSV with at least two decimals', () => {
    expect(usdDecimal(25_000_000)).toBe('25.00');
    expect(usdDecimal(123_456)).toBe('0.123456');
    expect(usdDecimal(120_000)).toBe('0.12');
    expect(usdDecimal(-7_000_000)).toBe('-7.00');
    expect(usdDecimal(1_234_567_890_123)).toBe('1234567.890123');
    expect(usdDecimal(-0.0001)).toBe('0.00');
    expect(roundedDecimal(-0.001)).toBe('0.00');
    expect(roundedDecimal(34.41558)).toBe('34.42');
  });

  it('writes dollars for people with separators and an optional sign', () => {
    expect(formatUsd(1_234_567_890)).toBe('$1,234.57');
    expect(formatUsd(-7_000_000)).toBe('-$7.00');
    expect(formatUsd(42_000_000, { signed: true })).toBe('+$42.00');
    expect(formatUsd(0, { signed: true })).toBe('$0.00');
  });

  it('shows small unit costs with three significant digits', () => {
    expect(formatUnitUsd(60_000)).toBe('$0.0600');
    expect(formatUnitUsd(5_238.095)).toBe('$0.00524');
    expect(formatUnitUsd(500)).toBe('$0.000500');
    expect(formatUnitUsd(2_500_000)).toBe('$2.50');
    expect(formatUnitUsd(null)).toBe('n/a');
  });

  it('signs percentages and never shows -0.0%', () => {
    expect(formatSignedPercent(34.4156)).toBe('+34.4%');
    expect(formatSignedPercent(-50)).toBe('-50.0%');
    expect(formatSignedPercent(-0.01)).toBe('0.0%');
    expect(formatSignedPercent(null)).toBe('n/a');
  });
});

describe('Markdown tables', () => {
  it('escapes pipes, line breaks, HTML and emphasis in cells', () => {
    expect(escapeMarkdown('a|b\nc <img> *x* [l](u)')).toBe(
      'a\\|b c \\<img\\> \\*x\\* \\[l\\](u)',
    );
  });

  it('right-aligns numeric columns', () => {
    expect(
      markdownTable(
        [{ title: 'Name' }, { title: 'Cost', align: 'right' }],
        [['EC2', '$1.00']],
      ),
    ).toBe('| Name | Cost |\n| --- | ---: |\n| EC2 | $1.00 |');
  });
});
