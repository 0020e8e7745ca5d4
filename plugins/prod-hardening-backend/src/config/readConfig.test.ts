import { ConfigReader } from '@backstage/config';
import { readProdHardeningConfig } from './readConfig';

const valid = {
  aws: { accountId: '123456789012', region: 'us-east-1' },
  redis: { url: 'redis://127.0.0.1:6390' },
};

const read = (prodHardening: unknown) =>
  readProdHardeningConfig(new ConfigReader({ prodHardening } as any));

describe('readProdHardeningConfig', () => {
  it('applies the seed defaults for resource names, budget and timeouts', () => {
    const config = read(valid);
    expect(config.resources.tables.aiCosts).toBe('huntaze-ai-costs-production');
    expect(config.resources.queues.rateLimiter).toBe(
      'huntaze-rate-limiter-queue',
    );
    expect(config.resources.monthlyBudgetUsd).toBe(500);
    expect(config.aws.requestTimeoutMs).toBe(5000);
    expect(config.redis.commandTimeoutMs).toBe(1000);
    expect(config.permissions.remediators).toEqual({ groups: [], users: [] });
  });

  it('gives changes a 60 s deadline by default and accepts 1 s to 5 min', () => {
    expect(read(valid).remediation.deadlineMs).toBe(60_000);
    expect(
      read({ ...valid, remediation: { deadlineMs: 1_000 } }).remediation
        .deadlineMs,
    ).toBe(1_000);
    expect(() => read({ ...valid, remediation: { deadlineMs: 999 } })).toThrow(
      /prodHardening\.remediation\.deadlineMs/,
    );
    expect(() =>
      read({ ...valid, remediation: { deadlineMs: 300_001 } }),
    ).toThrow(/prodHardening\.remediation\.deadlineMs/);
  });

  it('keeps a zero-free explicit value rather than the default', () => {
    expect(
      read({ ...valid, aws: { ...valid.aws, maxAttempts: 1 } }).aws.maxAttempts,
    ).toBe(1);
  });

  it('rejects a malformed Redis URL naming the key without echoing the value', () => {
    expect(() =>
      read({ ...valid, redis: { url: 'not a url :secretpw' } }),
    ).toThrow(/prodHardening\.redis\.url is not a valid URL/);
    expect(() =>
      read({ ...valid, redis: { url: 'not a url :secretpw' } }),
    ).not.toThrow(/secretpw/);
  });

  it('rejects a non-Redis scheme', () => {
    expect(() =>
      read({ ...valid, redis: { url: 'http://127.0.0.1:6379' } }),
    ).toThrow(
      'prodHardening.redis.url must use redis:// or rediss:// (TLS), not http://',
    );
  });

  it('accepts rediss:// with an AUTH password for TLS deployments', () => {
    expect(
      read({ ...valid, redis: { url: 'rediss://:pw@cache.example:6379' } })
        .redis.url,
    ).toBe('rediss://:pw@cache.example:6379');
  });

  it('takes an ACL user and its password for the read-only portal user', () => {
    const redis = read({
      ...valid,
      redis: {
        url: 'rediss://cache.example:6379',
        username: 'prod-hardening-portal',
        password: 'pw',
      },
    }).redis;
    expect(redis).toMatchObject({
      username: 'prod-hardening-portal',
      password: 'pw',
    });
  });

  it('refuses a Redis user without a password, and credentials in two places, never echoing them', () => {
    expect(() =>
      read({ ...valid, redis: { url: valid.redis.url, username: 'portal' } }),
    ).toThrow('prodHardening.redis.password is required with redis.username');
    let message = '';
    try {
      read({
        ...valid,
        redis: {
          url: 'rediss://:urlsecret@cache.example:6379',
          password: 'pw2',
        },
      });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain(
      'prodHardening.redis.url must not carry credentials when redis.username/password are set',
    );
    expect(message).not.toMatch(/urlsecret|pw2/);
  });

  it('rejects an unknown region naming the key and the value', () => {
    expect(() =>
      read({ ...valid, aws: { ...valid.aws, region: 'us-east-9' } }),
    ).toThrow(
      'prodHardening.aws.region is not a known AWS region: "us-east-9"',
    );
  });

  it('reports every problem at once', () => {
    expect(() =>
      read({
        aws: { accountId: '42', region: 'mars-1' },
        redis: { url: 'ftp://x' },
      }),
    ).toThrow(
      /prodHardening\.aws\.accountId must be a 12-digit AWS account id; prodHardening\.aws\.region .*; prodHardening\.redis\.url must use/,
    );
  });

  it('names missing required keys', () => {
    expect(() => read({ aws: { region: 'us-east-1' } })).toThrow(
      /prodHardening\.aws\.accountId is required.*prodHardening\.redis is required/,
    );
  });

  it('explains that the whole block is missing', () => {
    expect(() => readProdHardeningConfig(new ConfigReader({}))).toThrow(
      /Missing configuration: prodHardening\.aws\.accountId/,
    );
  });

  it('rejects a remediator that is not a full group entity ref', () => {
    expect(() =>
      read({
        ...valid,
        permissions: { remediators: { groups: ['platform-oncall'] } },
      }),
    ).toThrow(
      'prodHardening.permissions.remediators.groups.0 must be a full group entity ref',
    );
  });

  it('rejects a role ARN that is not an IAM role', () => {
    expect(() =>
      read({
        ...valid,
        aws: { ...valid.aws, readRoleArn: 'arn:aws:iam::123456789012:user/x' },
      }),
    ).toThrow('prodHardening.aws.readRoleArn must be an IAM role ARN');
  });
});
