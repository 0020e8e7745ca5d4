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
