import {
  DescribeReplicationGroupsCommand,
  ElastiCacheClient,
} from '@aws-sdk/client-elasticache';
import type { AwsClientFactory } from '../aws';

export interface ReplicationGroupState {
  id: string;
  arn: string;
  atRestEncryption: boolean;
  transitEncryption: boolean;
  authTokenEnabled: boolean;
}

/** Redis replication groups of the region. */
export class ElastiCacheSource {
  constructor(private readonly aws: AwsClientFactory) {}

  async describeReplicationGroups(): Promise<ReplicationGroupState[]> {
    const client = this.aws.client(ElastiCacheClient);
    const groups: ReplicationGroupState[] = [];
    let marker: string | undefined;
    do {
      const page = await client.send(
        new DescribeReplicationGroupsCommand({ Marker: marker }),
      );
      for (const g of page.ReplicationGroups ?? []) {
        groups.push({
          id: g.ReplicationGroupId ?? '',
          arn: g.ARN ?? g.ReplicationGroupId ?? '',
          atRestEncryption: g.AtRestEncryptionEnabled ?? false,
          transitEncryption: g.TransitEncryptionEnabled ?? false,
          authTokenEnabled: g.AuthTokenEnabled ?? false,
        });
      }
      marker = page.Marker;
    } while (marker);
    return groups;
  }
}
