import type { GuidedCommand } from '@prod-hardening/plugin-prod-hardening-common';
import { hclString, shellCommand, Word } from './quoting';

/** A command that only reads (the account, or writes a local file). */
export function read(description: string, ...words: Word[]): GuidedCommand {
  return { description, command: shellCommand(...words), mutates: false };
}

/** A command that changes the account or its clients. */
export function change(description: string, ...words: Word[]): GuidedCommand {
  return { description, command: shellCommand(...words), mutates: true };
}

/** `aws <service> <operation> ... --region <region>`: every command names its region. */
export const awsCli =
  (region: string) =>
  (service: string, operation: string, ...args: Word[]): Word[] =>
    ['aws', service, operation, ...args, '--region', region];

/** UTC yyyymmdd-hhmm of `now`, for snapshot names that sort by time. */
export function stamp(now: Date): string {
  const iso = now.toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso
    .slice(11, 16)
    .replace(':', '')}`;
}

/** Facts that were read; unknown ones are listed separately, not shown as empty. */
export function compact(
  record: Record<string, string | undefined>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record).filter(
      (e): e is [string, string] => e[1] !== undefined && e[1] !== '',
    ),
  );
}

/** The module's KMS key looked up by alias (data.aws_kms_alias.hardening), then a blank line. */
export function hclKmsAlias(alias: string): string[] {
  return [
    'data "aws_kms_alias" "hardening" {',
    `  name = ${hclString(alias)}`,
    '}',
    '',
  ];
}
