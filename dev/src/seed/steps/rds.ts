import {
  CreateDBParameterGroupCommand,
  DescribeDBParameterGroupsCommand,
  ModifyDBParameterGroupCommand,
  Parameter,
} from '@aws-sdk/client-rds';
import { isAwsError } from '../awsErrors';
import { emptyReport, SeedContext, SeedStep } from '../context';

export const RDS_PARAMETER_GROUP_FAMILY = 'postgres16';

/**
 * `rds.force_ssl` set explicitly to 0. Leaving it unset is not enough: on real RDS the
 * PostgreSQL 15+ default is 1, so the unencrypted story has to say so.
 */
export function buildForceSslOff(): Parameter {
  return {
    ParameterName: 'rds.force_ssl',
    ParameterValue: '0',
    ApplyMethod: 'immediate',
  };
}

async function parameterGroupExists(
  ctx: SeedContext,
  name: string,
): Promise<boolean> {
  try {
    const res = await ctx.clients.rds.send(
      new DescribeDBParameterGroupsCommand({ DBParameterGroupName: name }),
    );
    // Real RDS throws for an unknown name; the emulator answers with an empty list.
    return (res.DBParameterGroups ?? []).length > 0;
  } catch (err) {
    if (
      isAwsError(
        err,
        'DBParameterGroupNotFound',
        'DBParameterGroupNotFoundFault',
      )
    ) {
      return false;
    }
    throw err;
  }
}

export const rdsStep: SeedStep = {
  name: 'rds',
  async run(ctx) {
    const report = emptyReport('rds');
    const name = ctx.resources.rdsParameterGroupName;
    if (await parameterGroupExists(ctx, name)) {
      report.existing.push(`parameter group ${name}`);
    } else {
      await ctx.clients.rds.send(
        new CreateDBParameterGroupCommand({
          DBParameterGroupName: name,
          DBParameterGroupFamily: RDS_PARAMETER_GROUP_FAMILY,
          Description: 'Huntaze PostgreSQL production parameters',
        }),
      );
      report.created.push(`parameter group ${name}`);
    }
    await ctx.clients.rds.send(
      new ModifyDBParameterGroupCommand({
        DBParameterGroupName: name,
        Parameters: [buildForceSslOff()],
      }),
    );
    return report;
  },
};
