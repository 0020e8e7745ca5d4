import type {
  GuidedRunbook,
  ResourceEvidence,
} from '@prod-hardening/plugin-prod-hardening-common';
import { awsCli, change, compact, hclKmsAlias, read } from './commands';
import {
  assignFrom,
  hclIdentifier,
  hclList,
  hclString,
  raw,
  RawWord,
  shellQuote,
} from './quoting';

/**
 * An ECS service whose tasks run without a task role of their own (none, or the
 * execution role), and the resources its tasks legitimately use.
 */
export interface IamLeastPrivilegeFacts {
  accountId: string;
  region: string;
  cluster: string;
  service: string;
  taskDefinitionArn: string;
  taskRoleArn?: string;
  executionRoleArn?: string;
  /** The module's least-privilege task role (aws_iam_role.ecs_task). */
  taskRoleName: string;
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

/** arn:aws:ecs:region:account:task-definition/family:revision → family. */
export function taskDefinitionFamily(arn: string): string {
  const last = arn.slice(arn.lastIndexOf('/') + 1);
  return last.includes(':') ? last.slice(0, last.lastIndexOf(':')) : last;
}

/**
 * IAM least privilege for an ECS service, guided: the application gets the module's
 * task role (only the cost tables, work queues and alert topic) instead of none or the
 * execution role. Look at what the current role was used for, create the scoped role,
 * register a task definition revision that uses it, deploy; the previous revision is
 * the way back, deployed the same way.
 */
export function iamLeastPrivilegeRunbook(
  f: IamLeastPrivilegeFacts,
): GuidedRunbook {
  const aws = awsCli(f.region);
  const role = f.taskRoleName;
  const roleArn = `arn:aws:iam::${f.accountId}:role/${role}`;
  const family = taskDefinitionFamily(f.taskDefinitionArn);
  const currentRole = f.taskRoleArn ?? f.executionRoleArn;
  const arn = (service: string, resource: string) =>
    `arn:aws:${service}:${f.region}:${f.accountId}:${resource}`;
  const tableArns = f.costTables.map(t => arn('dynamodb', `table/${t}`));
  const queueArns = f.workQueues.map(q => arn('sqs', q));
  const topicArn = arn('sns', f.costAlertsTopic);
  const backup = `${family}-before.json`;
  const next = `${family}-least-privilege.json`;

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
  const deployed = (taskDefinition: RawWord | string, description: string) =>
    change(
      description,
      ...aws(
        'ecs',
        'update-service',
        '--cluster',
        f.cluster,
        '--service',
        f.service,
        '--task-definition',
        taskDefinition,
      ),
    );
  const stable = read(
    `${f.service} is stable`,
    ...aws(
      'ecs',
      'wait',
      'services-stable',
      '--cluster',
      f.cluster,
      '--services',
      f.service,
    ),
  );

  const resourceName = hclIdentifier(role.replace(/-/g, '_'));
  const statement = (sid: string, actions: string[], resources: string[]) => [
    '  statement {',
    `    sid       = ${hclString(sid)}`,
    `    actions   = ${hclList(actions)}`,
    `    resources = ${hclList(resources)}`,
    '  }',
  ];
  const snippet = [
    `# aws_iam_role.ecs_task and its "${LEAST_PRIVILEGE_POLICY}" policy in ${IAM_TERRAFORM};`,
    '# with the module applied, use its role instead of this copy.',
    `resource "aws_iam_role" "${resourceName}" {`,
    `  name = ${hclString(role)}`,
    '  assume_role_policy = jsonencode({',
    '    Version = "2012-10-17"',
    '    Statement = [{',
    '      Effect    = "Allow"',
    '      Action    = "sts:AssumeRole"',
    '      Principal = { Service = "ecs-tasks.amazonaws.com" }',
    `      Condition = { StringEquals = { "aws:SourceAccount" = ${hclString(
      f.accountId,
    )} } }`,
    '    }]',
    '  })',
    '}',
    '',
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
    ...hclKmsAlias(f.kmsKeyAlias),
    `resource "aws_iam_role_policy" "${resourceName}" {`,
    `  name   = ${hclString(LEAST_PRIVILEGE_POLICY)}`,
    `  role   = aws_iam_role.${resourceName}.id`,
    `  policy = data.aws_iam_policy_document.${resourceName}.json`,
    '}',
    '',
  ].join('\n');

  const usage = currentRole
    ? [
        read(
          `Start the last-accessed report of ${roleNameOf(currentRole)}`,
          assignFrom(
            'JOB',
            ...aws(
              'iam',
              'generate-service-last-accessed-details',
              '--arn',
              currentRole,
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
          'Services the tasks used, with the last use',
          ...aws(
            'iam',
            'get-service-last-accessed-details',
            '--job-id',
            raw('"$JOB"'),
            '--query',
            'ServicesLastAccessed[?LastAuthenticated].{service:ServiceNamespace,last:LastAuthenticated}',
          ),
        ),
      ]
    : [
        read(
          'No role: the application uses other credentials. Find where they come from (environment, secrets) in the container definitions',
          'jq',
          '.taskDefinition.containerDefinitions[] | {name, environment: [.environment[]?.name], secrets: [.secrets[]?.name]}',
          backup,
        ),
      ];

  return {
    checkId: 'ecs-task-roles',
    resourceId: f.taskDefinitionArn,
    title: `Least-privilege task role for ${f.cluster}/${f.service}`,
    summary: `${f.service} runs ${
      f.taskRoleArn
        ? `with the execution role ${roleNameOf(
            f.taskRoleArn,
          )} as its task role`
        : 'without a task role'
    }. Give it ${role}, which reaches only the cost tables, the work queues and the cost alert topic, in a new task definition revision.`,
    expectedDowntime:
      'None: a rolling deployment. A call the new role does not allow fails with AccessDenied until the previous revision is redeployed.',
    facts: compact({
      account: f.accountId,
      region: f.region,
      cluster: f.cluster,
      service: f.service,
      taskDefinition: f.taskDefinitionArn,
      taskRole: f.taskRoleArn ?? 'none',
      executionRole: f.executionRoleArn,
      newTaskRole: roleArn,
      costTables: f.costTables.join(', '),
      workQueues: f.workQueues.join(', '),
      costAlertsTopic: f.costAlertsTopic,
    }),
    unreadFacts: [],
    evidence: f.evidence,
    prerequisites: [
      'CloudTrail has recorded the service for at least a week, so last-accessed data covers its normal work.',
      'jq on the operator host.',
      'The application reads AWS credentials from the default chain (the task role), not from keys in its environment.',
    ],
    steps: [
      {
        title: `1. Save the current task definition (no change)`,
        detail: `${f.taskDefinitionArn} is the rollback target; keep the file with the change ticket.`,
        commands: [
          read(
            'The task definition as it runs now',
            ...aws(
              'ecs',
              'describe-task-definition',
              '--task-definition',
              f.taskDefinitionArn,
              '--output',
              'json',
            ),
            raw(`> ${shellQuote(backup)}`),
          ),
        ],
        verify: [
          read(
            'Roles of the running revision',
            'jq',
            '.taskDefinition | {taskRoleArn, executionRoleArn}',
            backup,
          ),
        ],
      },
      {
        title: '2. See what the application really uses (no change)',
        detail:
          'Any service used beyond DynamoDB, SQS, SNS and KMS must be added to the policy before step 3.',
        commands: usage,
        verify: [],
      },
      {
        title: `3. Create ${role} with the scoped policy`,
        detail:
          'Add the Terraform below (or apply the module), plan (only the role and its policy are created) and apply.',
        commands: [
          read(
            'Plan only the role and its policy',
            'terraform',
            'plan',
            `-target=aws_iam_role_policy.${resourceName}`,
            '-out=tfplan',
          ),
          change('Apply it', 'terraform', 'apply', 'tfplan'),
        ],
        verify: [
          ...tableArns.map(t => simulate('dynamodb:PutItem', t, 'allowed')),
          ...queueArns.map(qa => simulate('sqs:SendMessage', qa, 'allowed')),
          simulate('sns:Publish', topicArn, 'allowed'),
          simulate('iam:CreateUser', '*', 'implicitDeny'),
          simulate('dynamodb:DeleteTable', tableArns[0] ?? '*', 'implicitDeny'),
        ],
      },
      {
        title: `4. Register a revision of ${family} with the new task role`,
        detail: 'Same containers and execution role; only taskRoleArn changes.',
        commands: [
          read(
            'The new revision, from the saved one',
            'jq',
            '--arg',
            'role',
            roleArn,
            '.taskDefinition | del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy, .deregisteredAt) | .taskRoleArn = $role',
            backup,
            raw(`> ${shellQuote(next)}`),
          ),
          read(
            'Register it and keep its ARN',
            assignFrom(
              'NEW_TASK_DEFINITION',
              ...aws(
                'ecs',
                'register-task-definition',
                '--cli-input-json',
                `file://${next}`,
                '--query',
                'taskDefinition.taskDefinitionArn',
                '--output',
                'text',
              ),
            ),
          ),
        ],
        verify: [
          read(
            'The new revision has the scoped task role',
            ...aws(
              'ecs',
              'describe-task-definition',
              '--task-definition',
              raw('"$NEW_TASK_DEFINITION"'),
              '--query',
              'taskDefinition.taskRoleArn',
            ),
          ),
        ],
      },
      {
        title: `5. Deploy it to ${f.cluster}/${f.service}`,
        detail:
          'A rolling deployment; watch the service logs for AccessDenied for an hour.',
        commands: [
          deployed(raw('"$NEW_TASK_DEFINITION"'), 'Deploy the new revision'),
        ],
        verify: [stable],
      },
    ],
    rollback: [
      {
        title: 'The service fails with AccessDenied',
        detail: `Redeploy the saved revision, add the missing action to ${role}'s policy and try again.`,
        commands: [
          deployed(f.taskDefinitionArn, 'Redeploy the previous revision'),
        ],
        verify: [stable],
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
