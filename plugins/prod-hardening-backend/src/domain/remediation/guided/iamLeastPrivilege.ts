import type {
  GuidedRunbook,
  ResourceEvidence,
} from '@prod-hardening/plugin-prod-hardening-common';
import { awsCli, change, compact, read } from './commands';
import {
  assignFrom,
  hclIdentifier,
  hclList,
  hclString,
  raw,
  shellQuote,
} from './quoting';

/** The role a check found too broad, and the resources its tasks legitimately use. */
export interface IamLeastPrivilegeFacts {
  accountId: string;
  region: string;
  /** Role ARN (or name) from the check's evidence. */
  roleArn: string;
  costTables: string[];
  workQueues: string[];
  costAlertsTopic: string;
  kmsKeyAlias: string;
  evidence?: ResourceEvidence;
  now: Date;
}

export const IAM_TERRAFORM = 'infra/terraform/production-hardening/iam_ecs.tf';
/** The one inline policy the module gives each ECS role. */
export const LEAST_PRIVILEGE_POLICY = 'least-privilege';

/** The same item-level actions the module grants on the cost tables. */
export const DYNAMODB_ITEM_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];
export const QUEUE_ACTIONS = [
  'sqs:SendMessage',
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:ChangeMessageVisibility',
  'sqs:GetQueueAttributes',
  'sqs:GetQueueUrl',
];

/** arn:aws:iam::123:role/path/name → name; a bare name stays as it is. */
export function roleNameOf(arnOrName: string): string {
  return arnOrName.includes(':role/')
    ? arnOrName.slice(arnOrName.lastIndexOf('/') + 1)
    : arnOrName;
}

/**
 * IAM least privilege for an ECS task role, guided: back up what the role has, look at
 * what it really used, give it the module's scoped policy, then detach the broad ones.
 * A too-narrow policy shows up as AccessDenied in the service, so every change has
 * its restore command from the backup taken first.
 */
export function iamLeastPrivilegeRunbook(
  f: IamLeastPrivilegeFacts,
): GuidedRunbook {
  const aws = awsCli(f.region);
  const role = roleNameOf(f.roleArn);
  const roleArn = f.roleArn.startsWith('arn:')
    ? f.roleArn
    : `arn:aws:iam::${f.accountId}:role/${role}`;
  const arn = (service: string, resource: string) =>
    `arn:aws:${service}:${f.region}:${f.accountId}:${resource}`;
  const tableArns = f.costTables.map(t => arn('dynamodb', `table/${t}`));
  const queueArns = f.workQueues.map(q => arn('sqs', q));
  const topicArn = arn('sns', f.costAlertsTopic);
  const backupAttached = `${role}-attached-before.json`;
  const q = shellQuote;

  const simulate = (action: string, resource: string, expect: string) =>
    read(
      `${action} on ${resource}: expect ${expect}`,
      ...aws(
        'iam',
        'simulate-principal-policy',
        '--policy-source-arn',
        roleArn,
        '--action-names',
        action,
        '--resource-arns',
        resource,
        '--query',
        'EvaluationResults[].{action:EvalActionName,decision:EvalDecision}',
      ),
    );
  const allowedChecks = [
    ...tableArns.map(t => simulate('dynamodb:PutItem', t, 'allowed')),
    ...queueArns.map(qa => simulate('sqs:SendMessage', qa, 'allowed')),
    simulate('sns:Publish', topicArn, 'allowed'),
  ];
  const deniedChecks = [
    simulate('iam:CreateUser', '*', 'implicitDeny'),
    simulate('dynamodb:DeleteTable', tableArns[0] ?? '*', 'implicitDeny'),
  ];

  const resourceName = hclIdentifier(role.replace(/-/g, '_'));
  const statement = (sid: string, actions: string[], resources: string[]) => [
    '  statement {',
    `    sid       = ${hclString(sid)}`,
    `    actions   = ${hclList(actions)}`,
    `    resources = ${hclList(resources)}`,
    '  }',
  ];
  const snippet = [
    `# The scoped policy of aws_iam_role_policy.ecs_task in ${IAM_TERRAFORM}, for ${role}.`,
    `data "aws_iam_policy_document" "${resourceName}" {`,
    ...statement('CostTables', DYNAMODB_ITEM_ACTIONS, [
      ...tableArns.flatMap(t => [t, `${t}/index/*`]),
    ]),
    '',
    ...statement('WorkQueues', QUEUE_ACTIONS, queueArns),
    '',
    ...statement('PublishCostAlerts', ['sns:Publish'], [topicArn]),
    '',
    '  # Publishing to a topic encrypted with a customer managed key needs the key.',
    '  statement {',
    '    sid       = "UseAlertTopicKey"',
    '    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]',
    '    resources = [data.aws_kms_alias.hardening.target_key_arn]',
    '',
    '    condition {',
    '      test     = "StringEquals"',
    '      variable = "kms:ViaService"',
    `      values   = [${hclString(`sns.${f.region}.amazonaws.com`)}]`,
    '    }',
    '  }',
    '}',
    '',
    'data "aws_kms_alias" "hardening" {',
    `  name = ${hclString(f.kmsKeyAlias)}`,
    '}',
    '',
    `resource "aws_iam_role_policy" "${resourceName}" {`,
    `  name   = ${hclString(LEAST_PRIVILEGE_POLICY)}`,
    `  role   = ${hclString(role)}`,
    `  policy = data.aws_iam_policy_document.${resourceName}.json`,
    '}',
    '',
  ].join('\n');

  return {
    checkId: 'ecs-task-roles',
    resourceId: f.roleArn,
    title: `Least privilege for ${role}`,
    summary: `Back up ${role}'s policies, compare them with what its tasks used, attach the module's scoped "${LEAST_PRIVILEGE_POLICY}" policy and detach the broad ones.`,
    expectedDowntime:
      'None; a call the new policy does not allow fails with AccessDenied until it is added or the backup is restored.',
    facts: compact({
      account: f.accountId,
      region: f.region,
      role,
      roleArn,
      costTables: f.costTables.join(', '),
      workQueues: f.workQueues.join(', '),
      costAlertsTopic: f.costAlertsTopic,
    }),
    unreadFacts: [],
    evidence: f.evidence,
    prerequisites: [
      'CloudTrail has recorded the tasks for at least a week, so last-accessed data covers their normal work.',
      'jq on the operator host (backup and restore).',
    ],
    steps: [
      {
        title: `1. Inventory and back up ${role} (no change)`,
        detail:
          'The backup files are the rollback; keep them with the change ticket.',
        commands: [
          read(
            'The role and its trust policy',
            ...aws('iam', 'get-role', '--role-name', role),
          ),
          read(
            'Managed policies attached now (saved for rollback)',
            ...aws(
              'iam',
              'list-attached-role-policies',
              '--role-name',
              role,
              '--output',
              'json',
            ),
            raw(`> ${q(backupAttached)}`),
          ),
          read(
            'Inline policies now (each saved for rollback)',
            raw(
              `for p in $(aws iam list-role-policies --role-name ${q(
                role,
              )} --query 'PolicyNames[]' --output text --region ${q(
                f.region,
              )}); do aws iam get-role-policy --role-name ${q(
                role,
              )} --policy-name "$p" --output json --region ${q(f.region)} > ${q(
                `${role}-inline-`,
              )}"$p.json"; done`,
            ),
          ),
        ],
        verify: [
          read('The backup files exist', 'ls', '-l', raw(`${q(role)}-*.json`)),
        ],
      },
      {
        title: '2. See what the tasks really used (no change)',
        detail:
          'Any service used beyond DynamoDB, SQS, SNS and KMS must be added to the policy before step 3.',
        commands: [
          read(
            'Start the last-accessed report',
            assignFrom(
              'JOB',
              ...aws(
                'iam',
                'generate-service-last-accessed-details',
                '--arn',
                roleArn,
                '--granularity',
                'ACTION_LEVEL',
                '--query',
                'JobId',
                '--output',
                'text',
              ),
            ),
          ),
          read(
            'Services used, with the last use',
            ...aws(
              'iam',
              'get-service-last-accessed-details',
              '--job-id',
              raw('"$JOB"'),
              '--query',
              'ServicesLastAccessed[?LastAuthenticated].{service:ServiceNamespace,last:LastAuthenticated}',
            ),
          ),
        ],
        verify: [],
      },
      {
        title: `3. Attach the scoped "${LEAST_PRIVILEGE_POLICY}" policy`,
        detail:
          'Add the Terraform below next to the module, plan (only this policy is created) and apply.',
        commands: [
          read(
            'Plan only the new policy',
            'terraform',
            'plan',
            `-target=aws_iam_role_policy.${resourceName}`,
            '-out=tfplan',
          ),
          change('Apply it', 'terraform', 'apply', 'tfplan'),
        ],
        verify: allowedChecks,
      },
      {
        title: '4. Detach the broad policies',
        detail: `Everything except the inline "${LEAST_PRIVILEGE_POLICY}" policy goes; watch the service's errors for AccessDenied for an hour.`,
        commands: [
          change(
            'Detach every managed policy',
            raw(
              `for arn in $(aws iam list-attached-role-policies --role-name ${q(
                role,
              )} --query 'AttachedPolicies[].PolicyArn' --output text --region ${q(
                f.region,
              )}); do aws iam detach-role-policy --role-name ${q(
                role,
              )} --policy-arn "$arn" --region ${q(f.region)}; done`,
            ),
          ),
          change(
            `Delete every other inline policy`,
            raw(
              `for p in $(aws iam list-role-policies --role-name ${q(
                role,
              )} --query 'PolicyNames[?@ != \`${LEAST_PRIVILEGE_POLICY}\`]' --output text --region ${q(
                f.region,
              )}); do aws iam delete-role-policy --role-name ${q(
                role,
              )} --policy-name "$p" --region ${q(f.region)}; done`,
            ),
          ),
        ],
        verify: [...allowedChecks, ...deniedChecks],
      },
    ],
    rollback: [
      {
        title: 'A task fails with AccessDenied',
        detail:
          'Restore the backed-up policies (the scoped one can stay), then add the missing action to the policy and detach again.',
        commands: [
          change(
            'Re-attach the managed policies from the backup',
            raw(
              `for arn in $(jq -r '.AttachedPolicies[].PolicyArn' ${q(
                backupAttached,
              )}); do aws iam attach-role-policy --role-name ${q(
                role,
              )} --policy-arn "$arn" --region ${q(f.region)}; done`,
            ),
          ),
          change(
            'Put back the inline policies from the backup',
            raw(
              `for f in ${q(
                `${role}-inline-`,
              )}*.json; do aws iam put-role-policy --role-name ${q(
                role,
              )} --policy-name "$(jq -r .PolicyName "$f")" --policy-document "$(jq -c .PolicyDocument "$f")" --region ${q(
                f.region,
              )}; done`,
            ),
          ),
        ],
        verify: [
          read(
            'The attached policies match the backup',
            ...aws('iam', 'list-attached-role-policies', '--role-name', role),
          ),
        ],
      },
    ],
    terraform: {
      path: IAM_TERRAFORM,
      snippet,
      commands: [read('Must show no change after step 3', 'terraform', 'plan')],
    },
    references: [IAM_TERRAFORM],
    generatedAt: f.now.toISOString(),
  };
}
