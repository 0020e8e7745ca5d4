import type { CheckMeta } from '../../domain/posture/checkMeta';

export const lambdaAliasMeta = {
  id: 'lambda-alias-in-use',
  title: 'The rate limiter runs through its alias on a published version',
  pillar: 'observability',
  control: 'baseline',
  severity: 'MEDIUM',
  remediation: {
    kind: 'manual',
    why: 'Moving the event source mapping changes which code processes the messages: the module (lambda.tf) publishes the version, points the alias at it and maps the queue to the alias in one reviewed apply.',
  },
} as const satisfies CheckMeta;
