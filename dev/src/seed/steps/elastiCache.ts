import {
  CreateReplicationGroupCommand,
  CreateReplicationGroupCommandInput,
  DescribeReplicationGroupsCommand,
} from '@aws-sdk/client-elasticache';
import { isAwsError } from '../awsErrors';
import { emptyReport, SeedStep } from '../context';

/**
 * The Redis the plan starts from: no encryption at rest or in transit, no AUTH token.
 * Encryption cannot be switched on in place, which is why the design migrates to a new
 * replication group; the seed therefore only creates this one, never "fixes" it back.
 */
export function buildReplicationGroupInput(
  id: string,
): CreateReplicationGroupCommandInput {
  return {
    ReplicationGroupId: id,
    ReplicationGroupDescription: 'Huntaze Redis (sessions, rate-limiter state)',
    Engine: 'redis',
    EngineVersion: '7.1',
    CacheNodeType: 'cache.t4g.small',
    NumCacheClusters: 2,
    AutomaticFailoverEnabled: true,
    Port: 6379,
    AtRestEncryptionEnabled: false,
    TransitEncryptionEnabled: false,
  };
}

export const elastiCacheStep: SeedStep = {
  name: 'elasticache',
  async run(ctx) {
    const report = emptyReport('elasticache');
    const id = ctx.resources.redisReplicationGroupId;
    try {
      await ctx.clients.elastiCache.send(
        new DescribeReplicationGroupsCommand({ ReplicationGroupId: id }),
      );
      report.existing.push(`replication group ${id}`);
      return report;
    } catch (err) {
      if (!isAwsError(err, 'ReplicationGroupNotFoundFault')) throw err;
    }
    await ctx.clients.elastiCache.send(
      new CreateReplicationGroupCommand(buildReplicationGroupInput(id)),
    );
    report.created.push(`replication group ${id}`);
    return report;
  },
};
