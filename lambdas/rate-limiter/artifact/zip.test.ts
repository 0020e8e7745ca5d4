import { unzipSync } from 'fflate';
import { randomBytes } from 'node:crypto';
import { createZip } from './zip';

const text = Buffer.from('exports.handler = async () => ({});\n'.repeat(50));
const noise = randomBytes(4096);

/** The central directory's records, as an unzip tool reads them. */
function centralDirectory(zip: Buffer) {
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const records = [];
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const nameLength = zip.readUInt16LE(at + 28);
    records.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      madeBy: zip.readUInt16LE(at + 4) >> 8,
      mode: zip.readUInt32LE(at + 38) >>> 16,
      dosDate: zip.readUInt16LE(at + 14),
    });
    at += 46 + nameLength;
  }
  return records;
}

describe('createZip', () => {
  it('writes an archive another implementation reads back byte for byte', () => {
    const zip = createZip([
      { name: 'index.js', data: text },
      { name: 'index.js.map', data: noise },
      { name: 'nested/empty.txt', data: Buffer.alloc(0) },
    ]);
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual([
      'index.js',
      'index.js.map',
      'nested/empty.txt',
    ]);
    expect(Buffer.from(files['index.js']).equals(text)).toBe(true);
    expect(Buffer.from(files['index.js.map']).equals(noise)).toBe(true);
    expect(files['nested/empty.txt']).toHaveLength(0);
  });

  it('deflates what compresses and stores what does not', () => {
    const zip = createZip([
      { name: 'index.js', data: text },
      { name: 'random.bin', data: noise },
    ]);
    expect(centralDirectory(zip).map(r => [r.name, r.method])).toEqual([
      ['index.js', 8],
      ['random.bin', 0],
    ]);
    expect(zip.length).toBeLessThan(text.length + noise.length);
  });

  it('gives the same bytes for the same files in any order, readable files with a fixed date', () => {
    const a = createZip([
      { name: 'b.js', data: text },
      { name: 'a.js', data: noise },
    ]);
    const b = createZip([
      { name: 'a.js', data: Buffer.from(noise) },
      { name: 'b.js', data: Buffer.from(text) },
    ]);
    expect(a.equals(b)).toBe(true);
    for (const record of centralDirectory(a)) {
      expect(record.madeBy).toBe(3); // Unix: the mode below is honoured
      expect(record.mode.toString(8)).toBe('100644');
      expect(record.dosDate).toBe(0x21); // 1980-01-01
    }
  });

  it('refuses duplicate or absolute names', () => {
    expect(() =>
      createZip([
        { name: 'index.js', data: text },
        { name: 'index.js', data: text },
      ]),
    ).toThrow(/distinct/);
    expect(() => createZip([{ name: '/index.js', data: text }])).toThrow(
      /relative/,
    );
  });
});
