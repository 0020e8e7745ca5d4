import { csvField, csvNumber, toCsv } from './csv';

describe('csvField', () => {
  it('quotes fields with commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });

  it.each(['=SUM(A1:A9)', '+1+1', '-2+3', '@cmd', '\t=1', '\r=1'])(
    'prefixes text that could run as a formula: %j',
    text => {
      expect(csvField(text).replace(/^"/, '')).toMatch(/^'/);
    },
  );

  it('keeps the quoting rules after the prefix', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(
      '"\'=HYPERLINK(""http://x"",""y"")"',
    );
  });

  it('writes numbers as numbers, negative ones unprefixed', () => {
    expect(csvField(-7)).toBe('-7');
    expect(csvField(csvNumber('-7.50'))).toBe('-7.50');
    expect(csvField(0)).toBe('0');
  });

  it('writes null as an empty field and booleans as words', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(true)).toBe('true');
  });

  it('refuses a pre-formatted number that is not a decimal, and infinities', () => {
    expect(() => csvField(csvNumber('=1'))).toThrow(/not a decimal/);
    expect(() => csvField(Number.NaN)).toThrow(/cannot be written/);
  });
});

describe('toCsv', () => {
  it('ends every record with CRLF', () => {
    expect(toCsv([['a', 1], [], ['b', null]])).toBe('a,1\r\n\r\nb,\r\n');
  });
});
