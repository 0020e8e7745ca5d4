import { evaluateTopicEncryption } from './evaluate';

const topic = (name: string, kmsMasterKeyId?: string, found = true) => ({
  name,
  arn: `arn:aws:sns:us-east-1:123456789012:${name}`,
  found,
  kmsMasterKeyId,
});

describe('evaluateTopicEncryption (SNS.1)', () => {
  it('passes a topic encrypted with a customer managed key', () => {
    const e = evaluateTopicEncryption({
      topics: [topic('cost', 'alias/huntaze-production-hardening')],
    });
    expect(e.status).toBe('PASS');
    expect(e.resources[0]).toMatchObject({
      resourceId: 'arn:aws:sns:us-east-1:123456789012:cost',
      resourceType: 'AwsSnsTopic',
      evidence: 'KmsMasterKeyId=alias/huntaze-production-hardening',
    });
  });

  it('fails an unencrypted topic', () => {
    const e = evaluateTopicEncryption({
      topics: [topic('cost', 'alias/custom'), topic('ops')],
    });
    expect(e.status).toBe('FAIL');
    expect(e.resources[1].evidence).toMatch(/^KmsMasterKeyId unset/);
    expect(e.summary).toBe(
      '1 of 2 alert topics are encrypted with a key AWS services may publish with.',
    );
  });

  it.each([
    'alias/aws/sns',
    'arn:aws:kms:us-east-1:123456789012:alias/aws/sns',
  ])(
    'warns about the AWS managed key %s: AWS services cannot publish with it',
    key => {
      const e = evaluateTopicEncryption({ topics: [topic('security', key)] });
      expect(e.status).toBe('WARN');
      expect(e.resources[0].evidence).toContain('alerts are dropped');
    },
  );

  it('warns about a configured topic that does not exist', () => {
    expect(
      evaluateTopicEncryption({ topics: [topic('gone', undefined, false)] })
        .status,
    ).toBe('WARN');
  });
});
