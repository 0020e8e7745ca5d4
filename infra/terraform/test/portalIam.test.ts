import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SESSION_TAG_KEYS } from '@prod-hardening/plugin-prod-hardening-backend';
import { expandBlocks } from '../src/blocks';
import { findData, loadModule, TfModule } from '../src/module';
import { BACKEND_DIR, MODULE_DIR, REPO_ROOT } from '../src/paths';
import { roleAttachments, roleStatements } from '../src/policies';
import {
  ACTION_EXCEPTIONS,
  CLIENT_IAM_PREFIX,
  iamActionsFor,
  portalActions,
  READ_VERBS,
  sdkCallsIn,
  workspacePackages,
} from '../src/sdkIam';

let mod: TfModule;

beforeAll(async () => {
  mod = await loadModule(MODULE_DIR);
});

async function roleActions(role: string): Promise<string[]> {
  const statements = await roleStatements(mod, role);
  return [
    ...new Set(
      statements.filter(s => s.effect === 'Allow').flatMap(s => s.actions),
    ),
  ].sort();
}

describe('portal IAM roles match the backend code', () => {
  const actions = portalActions(BACKEND_DIR, workspacePackages(REPO_ROOT));

  it('gives the read role exactly the actions of the SDK calls under src/sources (iam_portal.tf)', async () => {
    expect({
      file: 'iam_portal.tf',
      role: 'portal_read',
      actions: await roleActions('portal_read'),
    }).toEqual({
      file: 'iam_portal.tf',
      role: 'portal_read',
      actions: actions.read,
    });
  });

  it('gives the remediation role exactly the actions of the SDK calls under src/sources/remediation (iam_portal.tf)', async () => {
    expect({
      file: 'iam_portal.tf',
      role: 'portal_remediation',
      actions: await roleActions('portal_remediation'),
    }).toEqual({
      file: 'iam_portal.tf',
      role: 'portal_remediation',
      actions: actions.remediation,
    });
  });

  it('keeps write calls out of the read sources (move them to src/sources/remediation/)', () => {
    const writes = actions.read.filter(
      a => !READ_VERBS.some(v => a.split(':')[1].startsWith(v)),
    );
    expect(writes).toEqual([]);
  });

  it('attaches no managed policy to the portal roles', () => {
    expect(roleAttachments(mod, 'portal_read')).toEqual([]);
    expect(roleAttachments(mod, 'portal_remediation')).toEqual([]);
  });

  it("lets the remediation role be assumed only with a SourceIdentity, and with no session tags but the backend's", () => {
    const doc = findData(
      mod,
      'aws_iam_policy_document',
      'portal_remediation_assume',
    )!;
    const [statement, ...others] = expandBlocks(mod, doc.body, 'statement');
    expect(others).toEqual([]);
    expect(statement.actions).toEqual([
      'sts:AssumeRole',
      'sts:SetSourceIdentity',
      'sts:TagSession',
    ]);
    const conditions = expandBlocks(mod, statement, 'condition').map(c => [
      c.test,
      c.variable,
      c.values,
    ]);
    expect(conditions).toEqual(
      expect.arrayContaining([
        ['Null', 'sts:SourceIdentity', ['false']],
        [
          'ForAllValues:StringEquals',
          'aws:TagKeys',
          Object.values(SESSION_TAG_KEYS),
        ],
      ]),
    );
    expect(
      mod.blocks.find(
        b => b.type === 'aws_iam_role' && b.name === 'portal_remediation',
      )?.body.assume_role_policy,
    ).toBe('${data.aws_iam_policy_document.portal_remediation_assume.json}');
  });

  it('maps every SDK call found in the backend sources to IAM actions', () => {
    for (const call of [...actions.calls.read, ...actions.calls.remediation]) {
      expect(() => iamActionsFor(call)).not.toThrow();
    }
  });
});

describe('mapping SDK commands to IAM actions', () => {
  it('reads named, aliased and paginated imports and ignores type-only ones', () => {
    const source = `
      import { SecurityHubClient, GetFindingsCommand, paginateGetFindings } from '@aws-sdk/client-securityhub';
      import {
        GetPublicAccessBlockCommand as GetAccountBpa,
        type PublicAccessBlockConfiguration,
      } from "@aws-sdk/client-s3-control";
      import type { DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
      import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
    `;
    expect(sdkCallsIn('x.ts', source).map(iamActionsFor)).toEqual([
      ['securityhub:GetFindings'],
      ['securityhub:GetFindings'],
      ['s3:GetAccountPublicAccessBlock'],
      [],
    ]);
  });

  it.each([
    [
      '@aws-sdk/client-s3-control',
      'PutPublicAccessBlock',
      's3:PutAccountPublicAccessBlock',
    ],
    [
      '@aws-sdk/client-s3',
      'GetPublicAccessBlock',
      's3:GetBucketPublicAccessBlock',
    ],
    [
      '@aws-sdk/client-s3',
      'GetBucketEncryption',
      's3:GetEncryptionConfiguration',
    ],
    ['@aws-sdk/client-budgets', 'DescribeBudgets', 'budgets:ViewBudget'],
    ['@aws-sdk/client-cost-explorer', 'GetCostAndUsage', 'ce:GetCostAndUsage'],
    [
      '@aws-sdk/client-cloudwatch-logs',
      'DescribeLogGroups',
      'logs:DescribeLogGroups',
    ],
    [
      '@aws-sdk/client-secrets-manager',
      'DescribeSecret',
      'secretsmanager:DescribeSecret',
    ],
    [
      '@aws-sdk/client-application-auto-scaling',
      'DescribeScalableTargets',
      'application-autoscaling:DescribeScalableTargets',
    ],
    [
      '@aws-sdk/client-support',
      'DescribeTrustedAdvisorChecks',
      'support:DescribeTrustedAdvisorChecks',
    ],
    ['@aws-sdk/client-sqs', 'StartMessageMoveTask', 'sqs:StartMessageMoveTask'],
    ['@aws-sdk/client-lambda', 'Invoke', 'lambda:InvokeFunction'],
  ])('maps %s %s to %s', (client, operation, action) => {
    expect(iamActionsFor({ file: 'x.ts', client, operation })).toEqual([
      action,
    ]);
  });

  it('covers every client the posture, FinOps and throttling checks use', () => {
    for (const client of [
      'securityhub',
      'guardduty',
      'cloudtrail',
      'ecs',
      'elasticache',
      'rds',
      's3',
      's3-control',
      'dynamodb',
      'sqs',
      'sns',
      'secrets-manager',
      'ec2',
      'cloudwatch',
      'cloudwatch-logs',
      'budgets',
      'cost-explorer',
      'iam',
      'lambda',
      'application-auto-scaling',
      'support',
      'sts',
    ]) {
      expect(CLIENT_IAM_PREFIX[`@aws-sdk/client-${client}`]).toEqual(
        expect.any(String),
      );
    }
    for (const client of Object.keys(ACTION_EXCEPTIONS))
      expect(CLIENT_IAM_PREFIX[client]).toBeDefined();
  });

  it('fails naming the file for a client without an IAM prefix', () => {
    expect(() =>
      iamActionsFor({
        file: 'src/sources/x.ts',
        client: '@aws-sdk/client-unknown',
        operation: 'Get',
      }),
    ).toThrow(
      /^src\/sources\/x\.ts: @aws-sdk\/client-unknown has no IAM prefix/,
    );
  });

  it('splits reads and remediation writes by folder and ignores tests', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-'));
    try {
      const write = (rel: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), text);
      };
      write(
        'src/sources/s3Account.ts',
        "import { GetPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';",
      );
      write(
        'src/sources/guardduty.ts',
        "import { ListDetectorsCommand, GetDetectorCommand } from '@aws-sdk/client-guardduty';",
      );
      write(
        'src/sources/guardduty.test.ts',
        "import { CreateDetectorCommand } from '@aws-sdk/client-guardduty';",
      );
      write(
        'src/sources/remediation/s3Account.ts',
        "import { PutPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';",
      );
      write(
        'src/domain/x.ts',
        "import { DeleteBucketCommand } from '@aws-sdk/client-s3';",
      );
      const found = portalActions(dir);
      expect(found.read).toEqual([
        'guardduty:GetDetector',
        'guardduty:ListDetectors',
        's3:GetAccountPublicAccessBlock',
      ]);
      expect(found.remediation).toEqual(['s3:PutAccountPublicAccessBlock']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
