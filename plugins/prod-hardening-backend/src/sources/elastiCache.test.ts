import {
  CreateReplicationGroupCommand,
  ElastiCacheClient,
} from '@aws-sdk/client-elasticache';
import { MotoServer, startMoto } from '@prod-hardening/dev-stack';
import { DefaultAwsClientFactory } from '../aws';
import { evaluateElastiCacheEncryption } from '../checks/elastiCacheEncryption/evaluate';
import { useEmulatorCredentials } from '../testUtils/localAccount';
import { ElastiCacheSource } from './elastiCache';

jest.setTimeout(60_000);

describe('the Redis encryption and AUTH check on moto_server', () => {
  let moto: MotoServer;
  let aws: DefaultAwsClientFactory;
  let admin: ElastiCacheClient;

  beforeAll(async () => {
    useEmulatorCredentials();
    moto = await startMoto();
    aws = new DefaultAwsClientFactory({
      accountId: '123456789012',
      region: 'us-east-1',
      endpoint: moto.endpoint,
      connectTimeoutMs: 1000,
      requestTimeoutMs: 5000,
      maxAttempts: 1,
    });
    admin = aws.client(ElastiCacheClient);
  });

  afterAll(async () => {
    aws?.destroy();
    await moto?.stop();
  });

  it('passes a group whose clients authenticate as RBAC users (AuthTokenEnabled=false)', async () => {
    // moto has no CreateUserGroup; it keeps the ids a replication group is given,
    // which is all DescribeReplicationGroups reports on AWS too.
    await admin.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: 'huntaze-redis-rbac',
        ReplicationGroupDescription: 'encrypted, RBAC',
        Engine: 'redis',
        CacheNodeType: 'cache.t4g.small',
        NumCacheClusters: 2,
        AtRestEncryptionEnabled: true,
        TransitEncryptionEnabled: true,
        UserGroupIds: ['huntaze-redis-users'],
      }),
    );
    const groups = await new ElastiCacheSource(aws).describeReplicationGroups();
    const rbac = groups.find(g => g.id === 'huntaze-redis-rbac');
    expect(rbac).toMatchObject({
      authTokenEnabled: false,
      userGroupIds: ['huntaze-redis-users'],
    });
    expect(evaluateElastiCacheEncryption({ groups: [rbac!] }).status).toBe(
      'PASS',
    );
  });
});
