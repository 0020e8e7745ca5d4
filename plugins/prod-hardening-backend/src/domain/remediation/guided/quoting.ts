/**
 * Quoting for generated commands and Terraform. Identifiers come from the account (and
 * evidence strings from the checks), so nothing is pasted into a shell or an HCL string
 * without being quoted for it.
 */

/** Characters that mean nothing special to a POSIX shell. */
const SHELL_SAFE = /^[A-Za-z0-9_./:=@,+%^-]+$/;

/** One POSIX shell word: bare when harmless, else single-quoted ('\'' for a quote). */
export function shellQuote(value: string): string {
  if (value !== '' && SHELL_SAFE.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A word passed through as written, e.g. "$SNAPSHOT" or $(date -u +%Y%m%d). */
export interface RawWord {
  raw: string;
}
export const raw = (text: string): RawWord => ({ raw: text });

export type Word = string | RawWord | false | undefined;

/** A command line: plain strings are quoted, raw words kept, false/undefined dropped. */
export function shellCommand(...words: Word[]): string {
  return words
    .filter((w): w is string | RawWord => w !== false && w !== undefined)
    .map(w => (typeof w === 'string' ? shellQuote(w) : w.raw))
    .join(' ');
}

/**
 * A JMESPath string literal for --query: raw string in single quotes, so an identifier
 * cannot end the expression ('\'' inside is escaped as \').
 */
export function jmesLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A Terraform (HCL) quoted string: escapes quotes, backslashes and interpolation. */
export function hclString(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, '%%{');
  return `"${escaped}"`;
}

/** A Terraform list of strings. */
export function hclList(values: string[]): string {
  return `[${values.map(hclString).join(', ')}]`;
}

/** A Terraform resource address part: letters, digits, _ and -, starting with a letter or _. */
export function hclIdentifier(value: string): string {
  const cleaned = value.replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

/** `NAME=$(command)`: a shell variable set from a command's output. */
export function assignFrom(variable: string, ...words: Word[]): RawWord {
  return raw(`${variable}=$(${shellCommand(...words)})`);
}

/** `NAME=value`, the value quoted. */
export function assign(variable: string, value: string): RawWord {
  return raw(`${variable}=${shellQuote(value)}`);
}
