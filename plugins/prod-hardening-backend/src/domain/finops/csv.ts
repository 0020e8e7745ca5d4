import { InputError } from '@backstage/errors';

/** A number already written as a decimal string, e.g. an exact dollar amount "25.123456". */
export interface CsvNumber {
  readonly numeric: string;
}

export type CsvCell = string | number | boolean | null | undefined | CsvNumber;

export const csvNumber = (numeric: string): CsvNumber => ({ numeric });

const DECIMAL = /^-?\d+(\.\d+)?$/;
/** Leading characters a spreadsheet may take as the start of a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One field, RFC 4180: quoted when it holds a comma, a double quote, CR or LF, with double
 * quotes doubled. Text that starts with = + - @ (or a tab / CR) is prefixed with a single
 * quote so a spreadsheet shows it as text instead of running it as a formula. Numbers are
 * written plainly: a negative number is data, not a formula, and is never prefixed.
 * Null and undefined are empty fields.
 */
export function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) {
    return '';
  }
  if (typeof cell === 'object') {
    if (!DECIMAL.test(cell.numeric)) {
      throw new InputError(`"${cell.numeric}" is not a decimal number`);
    }
    return cell.numeric;
  }
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) {
      throw new InputError(`${cell} cannot be written to CSV`);
    }
    return String(cell);
  }
  if (typeof cell === 'boolean') {
    return String(cell);
  }
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Records joined with CRLF, each ending with CRLF, as RFC 4180 describes. */
export function toCsv(records: readonly (readonly CsvCell[])[]): string {
  return records
    .map(record => `${record.map(csvField).join(',')}\r\n`)
    .join('');
}
