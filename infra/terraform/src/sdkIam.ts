import fs from 'node:fs';
import path from 'node:path';

/**
 * IAM service prefix of each AWS SDK v3 client package the portal backend may use.
 * A command `XxxCommand` of a client needs `<prefix>:Xxx` unless listed in
 * ACTION_EXCEPTIONS.
 */
export const CLIENT_IAM_PREFIX: Readonly<Record<string, string>> = {
  '@aws-sdk/client-application-auto-scaling': 'application-autoscaling',
  '@aws-sdk/client-budgets': 'budgets',
  '@aws-sdk/client-cloudtrail': 'cloudtrail',
  '@aws-sdk/client-cloudwatch': 'cloudwatch',
  '@aws-sdk/client-cloudwatch-logs': 'logs',
  '@aws-sdk/client-cost-explorer': 'ce',
  '@aws-sdk/client-dynamodb': 'dynamodb',
  '@aws-sdk/lib-dynamodb': 'dynamodb',
  '@aws-sdk/client-ec2': 'ec2',
  '@aws-sdk/client-ecs': 'ecs',
  '@aws-sdk/client-elasticache': 'elasticache',
  '@aws-sdk/client-eventbridge': 'events',
  '@aws-sdk/client-guardduty': 'guardduty',
  '@aws-sdk/client-iam': 'iam',
  '@aws-sdk/client-kms': 'kms',
  // The Price List Query API (fix costs): its IAM prefix is "pricing".
  '@aws-sdk/client-pricing': 'pricing',
  '@aws-sdk/client-lambda': 'lambda',
  '@aws-sdk/client-rds': 'rds',
  '@aws-sdk/client-s3': 's3',
  '@aws-sdk/client-s3-control': 's3',
  '@aws-sdk/client-secrets-manager': 'secretsmanager',
  '@aws-sdk/client-securityhub': 'securityhub',
  '@aws-sdk/client-sns': 'sns',
  '@aws-sdk/client-sqs': 'sqs',
  '@aws-sdk/client-sts': 'sts',
  '@aws-sdk/client-support': 'support',
};

/**
 * Commands whose IAM action is not `<prefix>:<CommandName>`, per client package.
 * An empty list means the call needs no IAM permission.
 */
export const ACTION_EXCEPTIONS: Readonly<
  Record<string, Readonly<Record<string, string[]>>>
> = {
  '@aws-sdk/client-sts': {
    GetCallerIdentity: [],
  },
  '@aws-sdk/client-guardduty': {
    // The first detector creates the AWSServiceRoleForAmazonGuardDuty service-linked role.
    CreateDetector: ['guardduty:CreateDetector', 'iam:CreateServiceLinkedRole'],
  },
  '@aws-sdk/client-securityhub': {
    // The first enable creates the AWSServiceRoleForSecurityHub service-linked role.
    EnableSecurityHub: [
      'securityhub:EnableSecurityHub',
      'iam:CreateServiceLinkedRole',
    ],
  },
  '@aws-sdk/client-s3-control': {
    GetPublicAccessBlock: ['s3:GetAccountPublicAccessBlock'],
    PutPublicAccessBlock: ['s3:PutAccountPublicAccessBlock'],
    DeletePublicAccessBlock: ['s3:PutAccountPublicAccessBlock'],
  },
  '@aws-sdk/client-s3': {
    ListBuckets: ['s3:ListAllMyBuckets'],
    HeadBucket: ['s3:ListBucket'],
    HeadObject: ['s3:GetObject'],
    ListObjectsV2: ['s3:ListBucket'],
    ListObjects: ['s3:ListBucket'],
    GetBucketEncryption: ['s3:GetEncryptionConfiguration'],
    PutBucketEncryption: ['s3:PutEncryptionConfiguration'],
    GetPublicAccessBlock: ['s3:GetBucketPublicAccessBlock'],
    PutPublicAccessBlock: ['s3:PutBucketPublicAccessBlock'],
    GetBucketLifecycleConfiguration: ['s3:GetLifecycleConfiguration'],
    PutBucketLifecycleConfiguration: ['s3:PutLifecycleConfiguration'],
    GetBucketIntelligentTieringConfiguration: [
      's3:GetIntelligentTieringConfiguration',
    ],
    ListBucketIntelligentTieringConfigurations: [
      's3:GetIntelligentTieringConfiguration',
    ],
    PutBucketIntelligentTieringConfiguration: [
      's3:PutIntelligentTieringConfiguration',
    ],
    GetBucketOwnershipControls: ['s3:GetBucketOwnershipControls'],
  },
  '@aws-sdk/client-budgets': {
    DescribeBudget: ['budgets:ViewBudget'],
    DescribeBudgets: ['budgets:ViewBudget'],
    DescribeBudgetPerformanceHistory: ['budgets:ViewBudget'],
    DescribeNotificationsForBudget: ['budgets:ViewBudget'],
    DescribeSubscribersForNotification: ['budgets:ViewBudget'],
    DescribeBudgetNotificationsForAccount: ['budgets:ViewBudget'],
    CreateBudget: ['budgets:ModifyBudget'],
    UpdateBudget: ['budgets:ModifyBudget'],
    DeleteBudget: ['budgets:ModifyBudget'],
    CreateNotification: ['budgets:ModifyBudget'],
    UpdateNotification: ['budgets:ModifyBudget'],
    DeleteNotification: ['budgets:ModifyBudget'],
    CreateSubscriber: ['budgets:ModifyBudget'],
    UpdateSubscriber: ['budgets:ModifyBudget'],
    DeleteSubscriber: ['budgets:ModifyBudget'],
  },
  '@aws-sdk/client-sqs': {
    SendMessageBatch: ['sqs:SendMessage'],
    DeleteMessageBatch: ['sqs:DeleteMessage'],
    ChangeMessageVisibilityBatch: ['sqs:ChangeMessageVisibility'],
  },
  '@aws-sdk/client-sns': {
    PublishBatch: ['sns:Publish'],
  },
  '@aws-sdk/client-lambda': {
    Invoke: ['lambda:InvokeFunction'],
    InvokeWithResponseStream: ['lambda:InvokeFunction'],
  },
  '@aws-sdk/client-secrets-manager': {
    BatchGetSecretValue: [
      'secretsmanager:BatchGetSecretValue',
      'secretsmanager:GetSecretValue',
    ],
  },
  '@aws-sdk/lib-dynamodb': {
    Get: ['dynamodb:GetItem'],
    Put: ['dynamodb:PutItem'],
    Update: ['dynamodb:UpdateItem'],
    Delete: ['dynamodb:DeleteItem'],
    Query: ['dynamodb:Query'],
    Scan: ['dynamodb:Scan'],
    BatchGet: ['dynamodb:BatchGetItem'],
    BatchWrite: ['dynamodb:BatchWriteItem'],
    TransactGet: ['dynamodb:TransactGetItems'],
    TransactWrite: ['dynamodb:TransactWriteItems'],
    ExecuteStatement: ['dynamodb:PartiQLSelect'],
  },
};

/** Verbs of calls that only read; a read-role action must start with one. */
export const READ_VERBS = [
  'Get',
  'Describe',
  'List',
  'View',
  'Lookup',
  'BatchGet',
  'Search',
  'Query',
  'Scan',
  'Head',
  // SQS ReceiveMessage with a visibility timeout of 0: the portal samples the DLQ's
  // oldest SentTimestamp without taking a message (see the backend's sources/sqs.ts).
  'Receive',
];

export interface SdkCall {
  file: string;
  client: string;
  /** Command (or paginated operation) name without the `Command` suffix. */
  operation: string;
}

const IMPORT =
  /import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"](@aws-sdk\/(?:client|lib)-[a-z0-9-]+)['"]/g;

/** AWS SDK commands (and paginators) imported by one source file. */
export function sdkCallsIn(file: string, source: string): SdkCall[] {
  const calls: SdkCall[] = [];
  for (const match of source.matchAll(IMPORT)) {
    const [, names, client] = match;
    if (/^import\s+type\b/.test(match[0])) continue;
    for (const raw of names.split(',')) {
      const spec = raw.trim();
      if (!spec || spec.startsWith('type ')) continue;
      const name = spec.split(/\s+as\s+/)[0].trim();
      const command = /^([A-Z][A-Za-z0-9]*)Command$/.exec(name);
      const paginator = /^paginate([A-Z][A-Za-z0-9]*)$/.exec(name);
      const operation = command?.[1] ?? paginator?.[1];
      if (operation) calls.push({ file, client, operation });
    }
  }
  return calls;
}

/** IAM actions one SDK call needs; throws for a client without a known prefix. */
export function iamActionsFor(call: SdkCall): string[] {
  const exception = ACTION_EXCEPTIONS[call.client]?.[call.operation];
  if (exception) return exception;
  const prefix = CLIENT_IAM_PREFIX[call.client];
  if (!prefix) {
    throw new Error(
      `${call.file}: ${call.client} has no IAM prefix in CLIENT_IAM_PREFIX (infra/terraform/src/sdkIam.ts); add it`,
    );
  }
  return [`${prefix}:${call.operation}`];
}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'node_modules' || entry.name.startsWith('__')
        ? []
        : walk(full);
    }
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) &&
      !/\.(test|spec)\.[a-z]+$/.test(entry.name)
      ? [full]
      : [];
  });
}

export interface PortalActions {
  /** Whether the sources folder exists at all. */
  sourcesFound: boolean;
  calls: { read: SdkCall[]; remediation: SdkCall[] };
  read: string[];
  remediation: string[];
}

const WORKSPACE_IMPORT =
  /import\s+(type\s+)?\{([^}]*)\}\s*from\s*['"](@prod-hardening\/[a-z0-9-]+)['"]/g;

/**
 * SDK calls a source file makes through a workspace library (e.g. the AI ledger read
 * through @prod-hardening/cost-monitoring): the calls imported by the library files that
 * define the names the source imports.
 */
export function libraryCallsIn(
  file: string,
  source: string,
  libraries: Map<string, string>,
): SdkCall[] {
  const calls: SdkCall[] = [];
  for (const [, typeOnly, names, pkg] of source.matchAll(WORKSPACE_IMPORT)) {
    const dir = libraries.get(pkg);
    if (typeOnly || !dir) continue;
    const wanted = names
      .split(',')
      .map(n => n.trim())
      .filter(n => n && !n.startsWith('type '))
      .map(n => n.split(/\s+as\s+/)[0].trim());
    for (const libFile of walk(path.join(dir, 'src'))) {
      const text = fs.readFileSync(libFile, 'utf8');
      const defines = wanted.some(n =>
        new RegExp(
          `export\\s+(?:declare\\s+)?(?:abstract\\s+)?(?:class|function|const|let)\\s+${n}\\b`,
        ).test(text),
      );
      if (defines) {
        calls.push(
          ...sdkCallsIn(`${file} -> ${pkg}/${path.basename(libFile)}`, text),
        );
      }
    }
  }
  return calls;
}

/**
 * The IAM actions the backend's calls need, split by the convention: every file under
 * `src/sources/` reads, except `src/sources/remediation/`, which holds the write calls
 * of automated remediations. Test files are ignored. Calls made through workspace
 * libraries count too; on the read side only their read calls (the backend uses the
 * libraries' queries there).
 */
export function portalActions(
  backendDir: string,
  libraries = new Map<string, string>(),
): PortalActions {
  const sources = path.join(backendDir, 'src', 'sources');
  const remediationDir = path.join(sources, 'remediation') + path.sep;
  const read: SdkCall[] = [];
  const remediation: SdkCall[] = [];
  const isRead = (c: SdkCall) =>
    READ_VERBS.some(v => c.operation.startsWith(v));
  for (const file of walk(sources)) {
    const rel = path.relative(backendDir, file);
    const text = fs.readFileSync(file, 'utf8');
    const direct = sdkCallsIn(rel, text);
    const viaLibraries = libraryCallsIn(rel, text, libraries);
    if (file.startsWith(remediationDir))
      remediation.push(...direct, ...viaLibraries);
    else read.push(...direct, ...viaLibraries.filter(isRead));
  }
  const actions = (calls: SdkCall[]) =>
    [...new Set(calls.flatMap(iamActionsFor))].sort();
  return {
    sourcesFound: fs.existsSync(sources),
    calls: { read, remediation },
    read: actions(read),
    remediation: actions(remediation),
  };
}

/** Workspace package name -> directory, from the root package.json `workspaces`. */
export function workspacePackages(repoRoot: string): Map<string, string> {
  const root = JSON.parse(
    fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'),
  );
  const dirs = (root.workspaces as string[]).flatMap(pattern => {
    if (!pattern.endsWith('/*')) return [path.join(repoRoot, pattern)];
    const parent = path.join(repoRoot, pattern.slice(0, -2));
    return fs.existsSync(parent)
      ? fs.readdirSync(parent).map(d => path.join(parent, d))
      : [];
  });
  const packages = new Map<string, string>();
  for (const dir of dirs) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest))
      packages.set(JSON.parse(fs.readFileSync(manifest, 'utf8')).name, dir);
  }
  return packages;
}
