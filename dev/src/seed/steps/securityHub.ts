import {
  BatchImportFindingsCommand,
  DescribeHubCommand,
  EnableSecurityHubCommand,
  GetFindingsCommand,
} from '@aws-sdk/client-securityhub';
import { isAwsError } from '../awsErrors';
import { emptyReport, SeedContext, SeedStep } from '../context';
import { buildStoryFindings } from './securityHubFindings';
import { findAlertKeyId } from './sns';
import { findVpcId } from './vpc';

/** BatchImportFindings accepts at most 100 findings per call. */
const IMPORT_BATCH_SIZE = 100;

async function hubEnabled(ctx: SeedContext): Promise<boolean> {
  try {
    await ctx.clients.securityHub.send(new DescribeHubCommand({}));
    return true;
  } catch (err) {
    if (isAwsError(err, 'InvalidAccessException', 'ResourceNotFoundException'))
      return false;
    throw err;
  }
}

/**
 * Ids of the findings already in the hub. Real Security Hub would take an Id filter;
 * the emulator ignores filters, so this reads them all, which is fine at demo scale.
 */
async function importedFindingIds(ctx: SeedContext): Promise<Set<string>> {
  const ids = new Set<string>();
  let NextToken: string | undefined;
  do {
    const page = await ctx.clients.securityHub.send(
      new GetFindingsCommand({ MaxResults: 100, NextToken }),
    );
    for (const f of page.Findings ?? []) if (f.Id) ids.add(f.Id);
    NextToken = page.NextToken;
  } while (NextToken);
  return ids;
}

export const securityHubStep: SeedStep = {
  name: 'securityhub',
  async run(ctx) {
    const report = emptyReport('securityhub');
    const { securityHub } = ctx.clients;
    if (await hubEnabled(ctx)) {
      report.existing.push('Security Hub');
    } else {
      // The default standards include FSBP, whose controls produce the findings below.
      await securityHub.send(
        new EnableSecurityHubCommand({ EnableDefaultStandards: true }),
      );
      report.created.push('Security Hub');
    }

    // The emulator picks these ids at creation; findings about them need the real ones.
    const ids = {
      vpcId: await findVpcId(ctx),
      alertKeyId: await findAlertKeyId(ctx),
    };
    const findings = buildStoryFindings({ ...ctx, ids });
    const known = await importedFindingIds(ctx);
    const fresh = findings.filter(f => !known.has(f.Id!)).length;
    for (let i = 0; i < findings.length; i += IMPORT_BATCH_SIZE) {
      const batch = findings.slice(i, i + IMPORT_BATCH_SIZE);
      const res = await securityHub.send(
        new BatchImportFindingsCommand({ Findings: batch }),
      );
      if (res.FailedCount) {
        const first = res.FailedFindings?.[0];
        throw new Error(
          `Security Hub rejected ${res.FailedCount} finding(s), e.g. ${first?.Id}: ${first?.ErrorMessage}`,
        );
      }
    }
    // Imports are upserts by finding id, so a re-run updates rather than duplicates.
    if (fresh > 0) report.created.push(`${fresh} findings`);
    if (findings.length > fresh)
      report.existing.push(`${findings.length - fresh} findings`);
    return report;
  },
};
