/**
 * The plugin's HTTP contract. Every route is declared here; the router validates
 * requests against it (undeclared query parameters and malformed bodies are 400s)
 * and serves it at GET /api/prod-hardening/openapi.json.
 */
export const openApiSpec = {
  openapi: '3.1.0',
  info: {
    title: 'prod-hardening',
    version: '1',
    description:
      'AWS production hardening: posture, FinOps and message throttling, with guarded remediation.',
    license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
  },
  servers: [{ url: '/' }],
  components: {
    schemas: {
      Error: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: { name: { type: 'string' }, message: { type: 'string' } },
            required: ['name', 'message'],
          },
        },
        required: ['error'],
      },
      SourceHealth: {
        type: 'object',
        properties: {
          id: { type: 'string', enum: ['aws', 'redis'] },
          label: { type: 'string' },
          state: { type: 'string', enum: ['up', 'down'] },
          latencyMs: { type: 'number' },
          reason: { type: 'string' },
          details: { type: 'object', additionalProperties: { type: 'string' } },
        },
        required: ['id', 'label', 'state', 'latencyMs'],
        additionalProperties: false,
      },
      ResourceEvidence: {
        type: 'object',
        properties: {
          resourceId: { type: 'string' },
          resourceType: { type: 'string' },
          status: { $ref: '#/components/schemas/CheckStatus' },
          evidence: { type: 'string' },
        },
        required: ['resourceId', 'resourceType', 'status', 'evidence'],
        additionalProperties: false,
      },
      CheckStatus: { type: 'string', enum: ['PASS', 'FAIL', 'WARN', 'ERROR'] },
      Severity: { type: 'string', enum: ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'] },
      CheckResult: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          title: { type: 'string' },
          pillar: { type: 'string', enum: ['security', 'observability', 'finops-hygiene'] },
          control: { type: 'string' },
          severity: { $ref: '#/components/schemas/Severity' },
          status: { $ref: '#/components/schemas/CheckStatus' },
          summary: { type: 'string' },
          resources: { type: 'array', items: { $ref: '#/components/schemas/ResourceEvidence' } },
          remediation: {
            type: 'object',
            properties: {
              kind: { type: 'string', enum: ['automated', 'guided', 'manual'] },
              why: { type: 'string' },
            },
            required: ['kind', 'why'],
            additionalProperties: false,
          },
          canAutoRemediate: { type: 'boolean' },
          evaluatedAt: { type: 'string' },
        },
        required: ['id', 'title', 'pillar', 'control', 'severity', 'status', 'summary', 'resources', 'remediation', 'canAutoRemediate', 'evaluatedAt'],
        additionalProperties: false,
      },
      PostureReport: {
        type: 'object',
        properties: {
          accountId: { type: 'string' },
          region: { type: 'string' },
          evaluatedAt: { type: 'string' },
          score: {
            type: 'object',
            properties: {
              securityHubPercent: { type: ['number', 'null'] },
              severityWeightedPercent: { type: ['number', 'null'] },
              passed: { type: 'integer' },
              failed: { type: 'integer' },
              warned: { type: 'integer' },
              errored: { type: 'integer' },
            },
            required: ['securityHubPercent', 'severityWeightedPercent', 'passed', 'failed', 'warned', 'errored'],
            additionalProperties: false,
          },
          checks: { type: 'array', items: { $ref: '#/components/schemas/CheckResult' } },
        },
        required: ['accountId', 'region', 'evaluatedAt', 'score', 'checks'],
        additionalProperties: false,
      },
      Finding: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          title: { type: 'string' },
          severity: { $ref: '#/components/schemas/Severity' },
          product: { type: 'string' },
          controlId: { type: 'string' },
          complianceStatus: { type: 'string', enum: ['PASSED', 'WARNING', 'FAILED', 'NOT_AVAILABLE'] },
          workflowStatus: { type: 'string', enum: ['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED'] },
          resourceType: { type: 'string' },
          resourceId: { type: 'string' },
          region: { type: 'string' },
          accountId: { type: 'string' },
          firstSeen: { type: 'string' },
          lastSeen: { type: 'string' },
          remediationText: { type: 'string' },
          remediationUrl: { type: 'string' },
        },
        required: ['id', 'title', 'severity', 'product', 'workflowStatus', 'resourceType', 'resourceId', 'region', 'accountId', 'firstSeen', 'lastSeen'],
        additionalProperties: false,
      },
      FindingsPage: {
        type: 'object',
        properties: {
          items: { type: 'array', items: { $ref: '#/components/schemas/Finding' } },
          total: { type: 'integer' },
          bySeverity: {
            type: 'object',
            properties: {
              CRITICAL: { type: 'integer' },
              HIGH: { type: 'integer' },
              MEDIUM: { type: 'integer' },
              LOW: { type: 'integer' },
              INFORMATIONAL: { type: 'integer' },
            },
            required: ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'],
            additionalProperties: false,
          },
          unavailableReason: { type: 'string' },
        },
        required: ['items', 'total', 'bySeverity'],
        additionalProperties: false,
      },
      PlannedCall: {
        type: 'object',
        properties: {
          service: { type: 'string' },
          action: { type: 'string' },
          params: { type: 'object' },
        },
        required: ['service', 'action', 'params'],
        additionalProperties: false,
      },
      RemediationPlan: {
        type: 'object',
        properties: {
          planId: { type: 'string' },
          checkId: { type: 'string' },
          resourceId: { type: 'string' },
          title: { type: 'string' },
          calls: { type: 'array', items: { $ref: '#/components/schemas/PlannedCall' } },
          current: { type: 'object' },
          expected: { type: 'object' },
          risk: { type: 'string' },
          reversible: { type: 'boolean' },
          reversal: { type: 'string' },
          costNote: { type: 'string' },
          blockers: { type: 'array', items: { type: 'string' } },
          overridden: { type: 'boolean' },
          createdAt: { type: 'string' },
          expiresAt: { type: 'string' },
        },
        required: ['checkId', 'resourceId', 'title', 'calls', 'current', 'expected', 'risk', 'reversible', 'reversal', 'costNote', 'blockers', 'overridden', 'createdAt'],
        additionalProperties: false,
      },
      RemediationResult: {
        type: 'object',
        properties: {
          outcome: { type: 'string', enum: ['succeeded', 'failed', 'denied', 'conflict', 'rejected'] },
          message: { type: 'string' },
          check: { $ref: '#/components/schemas/CheckResult' },
          historyId: { type: 'string' },
        },
        required: ['outcome', 'message', 'historyId'],
        additionalProperties: false,
      },
      RemediationHistoryEntry: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          checkId: { type: 'string' },
          resourceId: { type: 'string' },
          planId: { type: 'string' },
          actor: { type: 'string' },
          outcome: { type: 'string', enum: ['succeeded', 'failed', 'denied', 'conflict', 'rejected'] },
          message: { type: 'string' },
          calls: { type: 'array', items: { $ref: '#/components/schemas/PlannedCall' } },
          startedAt: { type: 'string' },
          durationMs: { type: 'number' },
          verifiedStatus: { $ref: '#/components/schemas/CheckStatus' },
        },
        required: ['id', 'checkId', 'resourceId', 'actor', 'outcome', 'message', 'calls', 'startedAt', 'durationMs'],
        additionalProperties: false,
      },
      HealthReport: {
        type: 'object',
        properties: {
          status: { type: 'string', enum: ['ok', 'degraded'] },
          checkedAt: { type: 'string', format: 'date-time' },
          sources: { type: 'array', items: { $ref: '#/components/schemas/SourceHealth' } },
        },
        required: ['status', 'checkedAt', 'sources'],
        additionalProperties: false,
      },
    },
  },
  paths: {
    '/remediations/preview': {
      post: {
        operationId: 'previewRemediation',
        summary: 'The exact plan of an automated remediation, bound to the caller and the state read.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  checkId: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[a-z0-9-]+$' },
                  override: { type: 'boolean', description: 'Proceed despite blockers (e.g. a public website bucket).' },
                },
                required: ['checkId'],
                additionalProperties: false,
              },
            },
          },
        },
        responses: {
          '200': { description: 'The plan; planId is absent when it cannot be executed.', content: { 'application/json': { schema: { $ref: '#/components/schemas/RemediationPlan' } } } },
          '400': { description: 'Invalid request.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
          '403': { description: 'Not allowed.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        },
      },
    },
    '/remediations/execute': {
      post: {
        operationId: 'executeRemediation',
        summary: 'Executes a previewed plan (permission prod-hardening.remediation.execute).',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  planId: { type: 'string', format: 'uuid' },
                },
                required: ['planId'],
                additionalProperties: false,
              },
            },
          },
        },
        responses: {
          '200': { description: 'The outcome and the re-run check.', content: { 'application/json': { schema: { $ref: '#/components/schemas/RemediationResult' } } } },
          '400': { description: 'Invalid request.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
          '403': { description: 'Not allowed to remediate.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
          '404': { description: 'No such plan.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
          '409': { description: 'Stale, expired or concurrent plan.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        },
      },
    },
    '/remediations/history': {
      get: {
        operationId: 'getRemediationHistory',
        summary: 'Every remediation attempt, newest first.',
        parameters: [
          { name: 'checkId', in: 'query', required: false, schema: { type: 'string', maxLength: 128, pattern: '^[a-z0-9-]+$' } },
          { name: 'limit', in: 'query', required: false, schema: { type: 'string', pattern: '^[0-9]{1,3}$' } },
        ],
        responses: {
          '200': { description: 'History rows.', content: { 'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/RemediationHistoryEntry' } } }, required: ['items'], additionalProperties: false } } } },
          '400': { description: 'Invalid query.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
          '403': { description: 'Not allowed.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        },
      },
    },
    '/posture': {
      get: {
        operationId: 'getPosture',
        summary: 'Every posture check with its status, evidence and the two scores.',
        parameters: [
          {
            name: 'refresh',
            in: 'query',
            required: false,
            description: 'true re-evaluates now instead of using the cached report.',
            schema: { type: 'string', enum: ['true', 'false'] },
          },
        ],
        responses: {
          '200': {
            description: 'The posture report.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/PostureReport' } } },
          },
          '403': { description: 'Not allowed to read.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        },
      },
    },
    '/findings': {
      get: {
        operationId: 'getFindings',
        summary: 'Open, active Security Hub and GuardDuty findings: filtered, sorted, paged.',
        parameters: [
          { name: 'severity', in: 'query', required: false, description: 'Comma-separated severity labels.', schema: { type: 'string', maxLength: 100 } },
          { name: 'product', in: 'query', required: false, description: 'Comma-separated product names.', schema: { type: 'string', maxLength: 200 } },
          { name: 'controlId', in: 'query', required: false, schema: { type: 'string', maxLength: 64 } },
          { name: 'resourceType', in: 'query', required: false, schema: { type: 'string', maxLength: 128 } },
          { name: 'search', in: 'query', required: false, schema: { type: 'string', maxLength: 200 } },
          { name: 'sort', in: 'query', required: false, schema: { type: 'string', enum: ['severity', 'lastSeen', 'title', 'product'] } },
          { name: 'order', in: 'query', required: false, schema: { type: 'string', enum: ['asc', 'desc'] } },
          { name: 'page', in: 'query', required: false, description: 'Zero-based page.', schema: { type: 'string', pattern: '^[0-9]{1,6}$' } },
          { name: 'pageSize', in: 'query', required: false, description: '1–200, default 25.', schema: { type: 'string', pattern: '^[0-9]{1,3}$' } },
        ],
        responses: {
          '200': {
            description: 'One page of findings and counts by severity over the filtered set.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/FindingsPage' } } },
          },
          '400': { description: 'Invalid query.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
          '403': { description: 'Not allowed to read.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        },
      },
    },
    '/health': {
      get: {
        operationId: 'getHealth',
        summary: 'Reachability of every data source (no authentication).',
        description:
          'Always 200 while the backend serves; a source that is down is reported with a reason.',
        responses: {
          '200': {
            description: 'Health of each source.',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/HealthReport' } },
            },
          },
        },
      },
    },
  },
} as const;
