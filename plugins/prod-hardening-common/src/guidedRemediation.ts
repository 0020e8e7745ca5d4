import type { ResourceEvidence } from './posture';

/** One shell command of a guided runbook, generated from what the check read. */
export interface GuidedCommand {
  /** What running it does or shows, in one line. */
  description: string;
  /** The exact command, shell-quoted, ready to paste. */
  command: string;
  /** True when it changes the account (or its clients); false for reads and local files. */
  mutates: boolean;
}

/** One step an operator performs; the runbook lists them in order. */
export interface GuidedStep {
  title: string;
  /** Why this step, and what to look for before going on. */
  detail: string;
  commands: GuidedCommand[];
  /** Commands that prove the step worked. */
  verify: GuidedCommand[];
}

/**
 * A remediation the portal does not execute: the steps, with exact commands built from
 * the resource's real identifiers, the way back, the expected downtime and the
 * Terraform that keeps the result. There is deliberately no "apply" for it.
 */
export interface GuidedRunbook {
  checkId: string;
  /** The resource the runbook is for (one of the check's evidence resources). */
  resourceId: string;
  title: string;
  summary: string;
  expectedDowntime: string;
  /** Facts the commands were generated from, e.g. node type, subnet group. */
  facts: Record<string, string>;
  /** Facts that could not be read; the commands look them up instead. */
  unreadFacts: string[];
  /** What the check saw on this resource. */
  evidence?: ResourceEvidence;
  prerequisites: string[];
  steps: GuidedStep[];
  rollback: GuidedStep[];
  terraform: {
    /** The module file the snippet follows. */
    path: string;
    snippet: string;
    /** How to bring the result under Terraform, e.g. an import command. */
    commands: GuidedCommand[];
  };
  /** Repository paths of longer runbooks, e.g. docs/runbooks/elasticache-migration.md. */
  references: string[];
  generatedAt: string;
}
