export interface Config {
  /** Configuration of the prod-hardening backend plugin. */
  prodHardening?: {
    aws: {
      /** The AWS account the portal watches (12 digits). */
      accountId: string;
      /** AWS region code, e.g. us-east-1. */
      region: string;
      /**
       * Endpoint override for every AWS client, e.g. a local emulator. Leave unset for
       * a real account.
       */
      endpoint?: string;
      /**
       * Endpoint override for the AWS Price List (fix costs) only, e.g. a local server
       * answering recorded GetProducts; defaults to `endpoint`. The local emulator has
       * no Price List, so without it fix costs show as unknown locally.
       */
      pricingEndpoint?: string;
      /** Role assumed for every read (posture checks, costs, findings). */
      readRoleArn?: string;
      /** Separate role assumed only to execute remediations. */
      remediationRoleArn?: string;
      /** External id required by the roles' trust policies, if any. */
      externalId?: string;
      /** TCP connect timeout per AWS request, milliseconds. Default 1000. */
      connectTimeoutMs?: number;
      /** Whole-request timeout per AWS request, milliseconds. Default 5000. */
      requestTimeoutMs?: number;
      /** Attempts per AWS call including the first (SDK standard retry). Default 3. */
      maxAttempts?: number;
    };
    redis: {
      /**
       * redis:// or rediss:// (TLS) URL. Put the AUTH password in the environment,
       * e.g. `url: rediss://:${REDIS_AUTH_TOKEN}@host:6379`.
       * @visibility secret
       */
      url: string;
      /**
       * ACL user to authenticate as (ElastiCache RBAC): the portal's read-only user,
       * `prod-hardening-portal` in the Terraform. Needs `password`.
       */
      username?: string;
      /**
       * That user's password, from the environment.
       * @visibility secret
       */
      password?: string;
      /** Connect timeout, milliseconds. Default 1000. */
      connectTimeoutMs?: number;
      /** Per-command timeout, milliseconds. Default 1000. */
      commandTimeoutMs?: number;
    };
    /** The rate-limiter Lambda's Redis key prefixes (its RATE_LIMIT_KEY_PREFIX and METRICS_KEY_PREFIX). */
    rateLimiter?: {
      /** Per-creator bucket hashes. Default rate_limit:onlyfans */
      keyPrefix?: string;
      /** Metrics keys. Default rate_limit:metrics */
      metricsKeyPrefix?: string;
    };
    permissions?: {
      /** Who may run remediations; everyone signed in may read. */
      remediators?: {
        /** Group entity refs, e.g. group:default/platform-oncall. */
        groups?: string[];
        /** User entity refs, e.g. user:default/jane.doe. */
        users?: string[];
      };
      /**
       * Who may change a resource: `remediators` (the remediators, any resource; the
       * default), `owners` (members of the group that owns the resource in the
       * catalog, nobody else), `remediators-or-owners` (both).
       */
      remediation?: {
        scope?: 'remediators' | 'owners' | 'remediators-or-owners';
      };
      /**
       * Who may read an entity's view (its summary on the entity page): `everyone`
       * signed in (the default), or `owners` (the entity's owners, and the
       * remediators and admins).
       */
      read?: {
        scope?: 'everyone' | 'owners';
      };
      /** Who may verify the remediation history's hash chain (prod-hardening.history.verify). */
      admins?: {
        /** Group entity refs, e.g. group:default/platform-admins. */
        groups?: string[];
        /** User entity refs. */
        users?: string[];
      };
      /**
       * Who may create and revoke exemptions (prod-hardening.exemption.create).
       * Default: group:default/security.
       */
      exemptions?: {
        /** Group entity refs. */
        groups?: string[];
        /** User entity refs. */
        users?: string[];
      };
      /**
       * Who may triage cost anomalies from the FinOps tab: yes / no / planned
       * activity, sent to AWS Cost Anomaly Detection for its anomalies
       * (prod-hardening.finops.feedback). Default: group:default/finops and
       * group:default/platform-oncall.
       */
      anomalyFeedback?: {
        /** Group entity refs. */
        groups?: string[];
        /** User entity refs. */
        users?: string[];
      };
    };
    resources?: {
      tables?: {
        /** Default huntaze-ai-costs-production */
        aiCosts?: string;
        /** Default huntaze-cost-alerts-production */
        costAlerts?: string;
      };
      queues?: {
        workflows?: string;
        workflowsDlq?: string;
        rateLimiter?: string;
        rateLimiterDlq?: string;
      };
      topics?: {
        costAlerts?: string;
        securityAlerts?: string;
        opsAlerts?: string;
      };
      budgetName?: string;
      /** Monthly budget in USD. Default 500. */
      monthlyBudgetUsd?: number;
      ecsClusters?: string[];
      redisReplicationGroupId?: string;
      rdsParameterGroupName?: string;
      /** The production PostgreSQL instance (its CloudWatch alarms). */
      rdsInstanceId?: string;
      cloudTrailName?: string;
      /** ECS services whose task roles and alarms are checked; clusters from ecsClusters. */
      ecsServices?: Array<{ cluster: string; service: string }>;
      /** The rate-limiter Lambda function (its CloudWatch alarms). */
      rateLimiterFunctionName?: string;
      /** The rate limiter's alias that its SQS event source mapping must invoke. */
      rateLimiterAlias?: string;
      /** S3 buckets that must move objects to Intelligent-Tiering by lifecycle rule. */
      intelligentTieringBuckets?: string[];
      /** The Cost Anomaly Detection monitor whose subscription alerts the cost topic. */
      costAnomalyMonitorName?: string;
      /** Secrets Manager secret names or ARNs whose rotation is checked. */
      secrets?: string[];
      /** The application VPC, by id (vpc-...) or Name tag: its S3/DynamoDB gateway endpoints. */
      appVpc?: string;
    };
    finops?: {
      /**
       * The day (YYYY-MM-DD) the hardening's cost changes went live (gateway endpoints,
       * DynamoDB TTL). The 30 days before it are the baseline of the savings targets.
       */
      savingsChangeDay?: string;
    };
    exemptions?: {
      /** The longest an exemption may last, in days (1-365). Default 90. */
      maxDays?: number;
    };
    /** Four eyes on risky remediations: a second person approves the plan first. */
    approvals?: {
      /**
       * Check ids whose every remediation needs approval.
       * Default [s3-account-public-access-block].
       */
      checks?: string[];
      /** A plan whose preview blockers the requester overrode needs approval. Default true. */
      overriddenBlockers?: boolean;
      /**
       * Group entity refs whose members may approve any request (the owners of the
       * changed resources may too; the requester never). Default [group:default/security].
       */
      approverGroups?: string[];
      /** Hours to decide a request, then hours to execute the approved plan (1-168). Default 24. */
      expiryHours?: number;
    };
    remediation?: {
      /**
       * How long a remediation execute or a DLQ redrive may wait for AWS before it
       * answers "timed out, state unknown" (202); the history settles the outcome when
       * AWS answers. Milliseconds, 1000–300000. Default 60000.
       */
      deadlineMs?: number;
    };
    /** Backstage notifications to the owners of what the portal watches. */
    notifications?: {
      /** Default true. */
      enabled?: boolean;
      /** Minutes between scans of findings, budgets and the limiter. Default 5. */
      frequencyMinutes?: number;
      /** Seconds before the first scan after start-up. Default 60. */
      initialDelaySeconds?: number;
      /** Group entity ref told about the budget. Default group:default/finops. */
      finopsGroup?: string;
      /** Minutes the DLQ may hold messages before its owner is told. Default 15. */
      dlqMinutes?: number;
    };
    runbooks?: {
      /**
       * Folder of the on-call runbooks (Markdown files). Default: the first
       * docs/runbooks found walking up from the backend's working directory.
       */
      directory?: string;
    };
  };
}
