import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A minimal zip writer for the deployment artifact. The archive depends only on the
 * entries' names and contents (fixed timestamps and permissions, entries sorted by
 * name), so an unchanged build gives a byte-identical zip and Terraform's
 * `source_code_hash` publishes no new Lambda version.
 */

export interface ZipEntry {
  /** Path inside the archive, `/`-separated. */
  name: string;
  data: Buffer;
}

/** 1980-01-01 00:00, the earliest MS-DOS date a zip can hold. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** A regular file, rw-r--r--: Lambda must be able to read it as another user. */
const UNIX_FILE_MODE = 0o100644;
/** Upper byte 3: the external attributes are Unix modes. Lower byte: spec 2.0. */
const VERSION_MADE_BY = (3 << 8) | 20;
const VERSION_NEEDED = 20;
/** General purpose flag bit 11: names are UTF-8. */
const UTF8_NAMES = 0x0800;
const STORED = 0;
const DEFLATED = 8;

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** Without zip64 records, sizes and offsets are 32-bit and entry counts 16-bit. */
const MAX_UINT32 = 0xffffffff;
const MAX_ENTRIES = 0xffff;

interface PreparedEntry {
  name: Buffer;
  method: number;
  crc: number;
  size: number;
  body: Buffer;
  offset: number;
}

function prepare(entry: ZipEntry): Omit<PreparedEntry, 'offset'> {
  if (!entry.name || entry.name.startsWith('/') || entry.name.includes('\\')) {
    throw new Error(`zip entry name "${entry.name}" must be a relative / path`);
  }
  const deflated = deflateRawSync(entry.data, { level: 9 });
  // tiny or incompressible files are smaller stored as they are
  const stored = deflated.length >= entry.data.length;
  return {
    name: Buffer.from(entry.name, 'utf8'),
    method: stored ? STORED : DEFLATED,
    crc: crc32(entry.data),
    size: entry.data.length,
    body: stored ? entry.data : deflated,
  };
}

function localHeader(entry: PreparedEntry): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(LOCAL_HEADER, 0);
  header.writeUInt16LE(VERSION_NEEDED, 4);
  header.writeUInt16LE(UTF8_NAMES, 6);
  header.writeUInt16LE(entry.method, 8);
  header.writeUInt16LE(DOS_TIME, 10);
  header.writeUInt16LE(DOS_DATE, 12);
  header.writeUInt32LE(entry.crc, 14);
  header.writeUInt32LE(entry.body.length, 18);
  header.writeUInt32LE(entry.size, 22);
  header.writeUInt16LE(entry.name.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, entry.name]);
}

function centralHeader(entry: PreparedEntry): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(CENTRAL_HEADER, 0);
  header.writeUInt16LE(VERSION_MADE_BY, 4);
  header.writeUInt16LE(VERSION_NEEDED, 6);
  header.writeUInt16LE(UTF8_NAMES, 8);
  header.writeUInt16LE(entry.method, 10);
  header.writeUInt16LE(DOS_TIME, 12);
  header.writeUInt16LE(DOS_DATE, 14);
  header.writeUInt32LE(entry.crc, 16);
  header.writeUInt32LE(entry.body.length, 20);
  header.writeUInt32LE(entry.size, 24);
  header.writeUInt16LE(entry.name.length, 28);
  // extra field, comment, disk number, internal attributes: none
  header.writeUInt32LE((UNIX_FILE_MODE << 16) >>> 0, 38);
  header.writeUInt32LE(entry.offset, 42);
  return Buffer.concat([header, entry.name]);
}

function endOfCentralDirectory(
  count: number,
  size: number,
  offset: number,
): Buffer {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  record.writeUInt16LE(count, 8);
  record.writeUInt16LE(count, 10);
  record.writeUInt32LE(size, 12);
  record.writeUInt32LE(offset, 16);
  return record;
}

/** A zip archive of the entries, deflated where that is smaller. */
export function createZip(entries: readonly ZipEntry[]): Buffer {
  const names = entries.map(e => e.name);
  if (new Set(names).size !== names.length) {
    throw new Error(
      `zip entries must have distinct names: ${names.join(', ')}`,
    );
  }
  if (entries.length > MAX_ENTRIES) throw new Error('too many zip entries');

  const sorted = [...entries].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  const parts: Buffer[] = [];
  const prepared: PreparedEntry[] = [];
  let offset = 0;
  for (const entry of sorted) {
    const next = { ...prepare(entry), offset };
    const header = localHeader(next);
    parts.push(header, next.body);
    prepared.push(next);
    offset += header.length + next.body.length;
  }
  const central = Buffer.concat(prepared.map(centralHeader));
  if (offset + central.length > MAX_UINT32) {
    throw new Error('zip archive over 4 GiB needs zip64, which is not written');
  }
  parts.push(
    central,
    endOfCentralDirectory(prepared.length, central.length, offset),
  );
  return Buffer.concat(parts);
}
