import type {
  GuidedCommand,
  GuidedRunbook,
  ResourceEvidence,
} from '@prod-hardening/plugin-prod-hardening-common';
import { awsCli, change, compact, read } from './commands';
import { hclString, jmesLiteral, raw } from './quoting';

/** An instance that uses the parameter group, as DescribeDBInstances reported it. */
export interface ForceSslInstance {
  id: string;
  endpoint?: string;
  port?: number;
  engineVersion?: string;
}

export interface RdsForceSslFacts {
  accountId: string;
  region: string;
  parameterGroup: string;
  /** undefined when the group's family could not be read. */
  family?: string;
  /** The current rds.force_ssl, undefined when unset. */
  currentValue?: string;
  /** undefined when the instances could not be listed. */
  instances?: ForceSslInstance[];
  evidence?: ResourceEvidence;
  now: Date;
}

export const RDS_TERRAFORM = 'infra/terraform/production-hardening/rds.tf';
/** AWS's bundle of the RDS certificate authorities, for sslmode=verify-full. */
export const RDS_CA_BUNDLE_URL =
  'https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem';

const NON_TLS_SESSIONS_SQL =
  "SELECT a.usename, a.application_name, a.client_addr FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid) WHERE NOT s.ssl AND a.backend_type = 'client backend';";

/**
 * rds.force_ssl = 1 as a guided change: the parameter itself is dynamic (no reboot),
 * but every client that still connects without TLS is refused the moment it applies,
 * so the runbook finds those clients and moves them to sslmode=require first.
 */
export function rdsForceSslRunbook(f: RdsForceSslFacts): GuidedRunbook {
  const aws = awsCli(f.region);
  const group = f.parameterGroup;
  const previous = f.currentValue ?? '0';
  const instances = f.instances ?? [];
  const psql = (i: ForceSslInstance, sslmode: string, sql: string) =>
    read(
      `${i.id}: sessions without TLS (must be none before step 4)`,
      'psql',
      `host=${i.endpoint ?? i.id} port=${
        i.port ?? 5432
      } dbname=postgres sslmode=${sslmode}`,
      '-c',
      sql,
    );
  const listInstances = read(
    `Instances that use ${group}`,
    ...aws(
      'rds',
      'describe-db-instances',
      '--query',
      `DBInstances[?DBParameterGroups[?DBParameterGroupName==${jmesLiteral(
        group,
      )}]].{id:DBInstanceIdentifier,endpoint:Endpoint.Address}`,
    ),
  );
  const sessionChecks: GuidedCommand[] = instances.length
    ? instances.map(i => psql(i, 'require', NON_TLS_SESSIONS_SQL))
    : [
        listInstances,
        read(
          'On each of them (PGHOST = its endpoint): sessions without TLS (must be none before step 4)',
          'psql',
          raw('"host=$PGHOST port=5432 dbname=postgres sslmode=require"'),
          '-c',
          NON_TLS_SESSIONS_SQL,
        ),
      ];
  const currentParameter = read(
    `Current rds.force_ssl of ${group} (keep the output for rollback)`,
    ...aws(
      'rds',
      'describe-db-parameters',
      '--db-parameter-group-name',
      group,
      '--query',
      "Parameters[?ParameterName=='rds.force_ssl'].[ParameterValue,ApplyMethod]",
      '--output',
      'text',
    ),
  );
  const setForceSsl = (value: string, description: string) =>
    change(
      description,
      ...aws(
        'rds',
        'modify-db-parameter-group',
        '--db-parameter-group-name',
        group,
        '--parameters',
        `ParameterName=rds.force_ssl,ParameterValue=${value},ApplyMethod=immediate`,
      ),
    );
  const refusedWithoutTls = instances.map(i =>
    read(
      `${i.id}: a connection without TLS is now refused ("no encryption")`,
      'psql',
      `host=${i.endpoint ?? i.id} port=${
        i.port ?? 5432
      } dbname=postgres sslmode=disable`,
      '-c',
      'SELECT 1;',
    ),
  );

  const snippet = [
    `# As aws_db_parameter_group.postgres in ${RDS_TERRAFORM}: TLS required.`,
    'resource "aws_db_parameter_group" "postgres" {',
    `  name   = ${hclString(group)}`,
    `  family = ${
      f.family ? hclString(f.family) : 'var.rds_parameter_group_family'
    }`,
    '',
    '  parameter {',
    '    name         = "rds.force_ssl"',
    '    value        = "1"',
    '    apply_method = "immediate"',
    '  }',
    '',
    '  lifecycle {',
    '    create_before_destroy = true',
    '  }',
    '}',
    '',
  ].join('\n');

  return {
    checkId: 'rds-force-ssl',
    resourceId: group,
    title: `Require TLS on PostgreSQL (${group})`,
    summary: `Move every client to sslmode=require (or verify-full), then set rds.force_ssl = 1 in ${group}; the parameter is dynamic, so no reboot.`,
    expectedDowntime:
      'None for clients already on TLS; a client still connecting without TLS is refused from step 4 until it is fixed or the change is rolled back.',
    facts: compact({
      account: f.accountId,
      region: f.region,
      parameterGroup: group,
      family: f.family,
      'rds.force_ssl': f.currentValue ?? 'unset',
      instances: f.instances?.map(i => i.id).join(', ') || undefined,
    }),
    unreadFacts: [
      ...(f.family === undefined ? ['parameter group family'] : []),
      ...(f.instances === undefined
        ? ['instances using the group']
        : f.instances.length === 0
        ? ['no instance uses this group in the region']
        : []),
    ],
    evidence: f.evidence,
    prerequisites: [
      'Every service’s connection string has sslmode=require, or sslmode=verify-full with the RDS CA bundle.',
      'psql on a host that reaches the instances, with credentials that may read pg_stat_activity.',
    ],
    steps: [
      {
        title: '1. Find the clients that connect without TLS (no change)',
        detail:
          'Each row is a session that would be cut off. Note its user, application and address: that is the client to fix.',
        commands: [...sessionChecks],
        verify: [currentParameter],
      },
      {
        title: '2. Move those clients to TLS (deploys, no database change)',
        detail:
          'Add sslmode=require to their connection strings; for certificate validation use sslmode=verify-full with the RDS CA bundle below. Deploy them.',
        commands: [
          read(
            'Download the RDS CA bundle for verify-full',
            'curl',
            '-fsSo',
            'rds-global-bundle.pem',
            RDS_CA_BUNDLE_URL,
          ),
        ],
        verify: instances.length
          ? instances.map(i => psql(i, 'require', NON_TLS_SESSIONS_SQL))
          : sessionChecks,
      },
      {
        title: '3. Record the current value (no change)',
        detail: `The rollback sets rds.force_ssl back to ${previous}.`,
        commands: [currentParameter],
        verify: [],
      },
      {
        title: `4. Set rds.force_ssl = 1 in ${group}`,
        detail:
          'Applies immediately to new connections; existing sessions keep running until they reconnect.',
        commands: [setForceSsl('1', 'Require TLS')],
        verify: [currentParameter, ...refusedWithoutTls],
      },
      {
        title: '5. Keep it in Terraform',
        detail: `The same parameter is in ${RDS_TERRAFORM}; plan must show no change to the parameter.`,
        commands: [
          read('Must show no change to rds.force_ssl', 'terraform', 'plan'),
        ],
        verify: [],
      },
    ],
    rollback: [
      {
        title: 'A client is refused after step 4',
        detail: `Set rds.force_ssl back to ${previous} (immediate), fix the client, and retry.`,
        commands: [
          setForceSsl(previous, `Set rds.force_ssl back to ${previous}`),
        ],
        verify: [currentParameter],
      },
    ],
    terraform: {
      path: RDS_TERRAFORM,
      snippet,
      commands: [
        change(
          'Adopt the existing group when the module does not manage it yet',
          'terraform',
          'import',
          'aws_db_parameter_group.postgres',
          group,
        ),
      ],
    },
    references: [RDS_TERRAFORM],
    generatedAt: f.now.toISOString(),
  };
}
