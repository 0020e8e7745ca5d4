import type {
  GuidedCommand,
  GuidedRunbook,
  GuidedStep,
} from './schema/openapi';

/**
 * A remediation the portal does not execute (GET /remediations/guided/{checkId}): the
 * steps, with exact commands built from the resource's real identifiers, the way back,
 * the expected downtime and the Terraform that keeps the result. There is deliberately
 * no "apply" for it. The wire types are the contract's (openapi.yaml: GuidedRunbook,
 * GuidedStep, GuidedCommand).
 */
export type { GuidedCommand, GuidedRunbook, GuidedStep };
