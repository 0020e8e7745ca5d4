import {
  DescribeCacheClustersCommand,
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
  /** RBAC user groups; with one, AuthTokenEnabled is false and users authenticate. */
  userGroupIds: string[];
}

/** What a migration to an encrypted group copies from the old one. */
export interface ReplicationGroupDetails {
  id: string;
  arn: string;
  nodeType?: string;
  memberClusters: string[];
  automaticFailover: boolean;
  multiAz: boolean;
  port: number;
  primaryEndpoint?: string;
  /** From a member cluster; undefined when it could not be described. */
  engineVersion?: string;
  subnetGroup?: string;
  securityGroupIds?: string[];
  parameterGroup?: string;
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
          userGroupIds: g.UserGroupIds ?? [],
        });
      }
      marker = page.Marker;
    } while (marker);
    return groups;
  }

  /**
   * One group with the network and engine settings of its first member. The member is
   * read separately: where DescribeCacheClusters is denied or does not know the
   * member, those settings stay undefined and the group's own facts still count.
   */
  async describeReplicationGroupDetails(
    id: string,
  ): Promise<ReplicationGroupDetails | undefined> {
    const client = this.aws.client(ElastiCacheClient);
    const { ReplicationGroups: groups } = await client.send(
      new DescribeReplicationGroupsCommand({ ReplicationGroupId: id }),
    );
    const g = groups?.[0];
    if (!g) return undefined;
    const members = g.MemberClusters ?? [];
    const primary = g.NodeGroups?.[0]?.PrimaryEndpoint;
    const member = members.length
      ? await client
          .send(
            new DescribeCacheClustersCommand({
              CacheClusterId: members[0],
              ShowCacheNodeInfo: true,
            }),
          )
          .then(out => out.CacheClusters?.[0])
          .catch(() => undefined)
      : undefined;
    return {
      id: g.ReplicationGroupId ?? id,
      arn: g.ARN ?? id,
      nodeType: g.CacheNodeType,
      memberClusters: members,
      automaticFailover: g.AutomaticFailover === 'enabled',
      multiAz: g.MultiAZ === 'enabled',
      port: primary?.Port ?? 6379,
      primaryEndpoint: primary?.Address,
      engineVersion: member?.EngineVersion,
      subnetGroup: member?.CacheSubnetGroupName,
      securityGroupIds: member?.SecurityGroups?.map(
        sg => sg.SecurityGroupId ?? '',
      ).filter(Boolean),
      parameterGroup: member?.CacheParameterGroup?.CacheParameterGroupName,
    };
  }
}
