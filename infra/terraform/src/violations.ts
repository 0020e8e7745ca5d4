import { addressOf, Block } from './module';

/** A broken rule, located by the file that holds (or should hold) the offending block. */
export interface Violation {
  file: string;
  message: string;
}

export function violation(block: Block, message: string): Violation {
  return { file: block.file, message: `${addressOf(block)} ${message}` };
}

export function formatViolations(violations: Violation[]): string {
  return violations.map(v => `${v.file}: ${v.message}`).join('\n');
}

/** Fails with one line per violation, each starting with the file name. */
export function assertNoViolations(violations: Violation[]): void {
  if (violations.length > 0) {
    throw new Error(
      `${violations.length} Terraform rule violation(s):\n${formatViolations(
        violations,
      )}`,
    );
  }
}
