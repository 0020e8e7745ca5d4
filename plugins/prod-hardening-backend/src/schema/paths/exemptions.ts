/** Exemptions: accepted risk with an expiry (see ../openapi.ts). */
import {
  EXEMPTION_JUSTIFICATION_MAX_CHARS,
  EXEMPTION_JUSTIFICATION_MIN_CHARS,
  EXEMPTION_STATUSES,
} from '@prod-hardening/plugin-prod-hardening-common';

const errorResponse = (description: string) => ({
  description,
  content: {
    'application/json': { schema: { $ref: '#/components/schemas/Error' } },
  },
});

const listParameters = [
  {
    name: 'status',
    in: 'query',
    required: false,
    schema: { type: 'string', enum: [...EXEMPTION_STATUSES] },
  },
  {
    name: 'checkId',
    in: 'query',
    required: false,
    schema: { type: 'string', maxLength: 128, pattern: '^[a-z0-9-]+$' },
  },
  {
    name: 'resource',
    in: 'query',
    required: false,
    schema: { type: 'string', minLength: 1, maxLength: 2048 },
  },
] as const;

const common = {
  justification: {
    type: 'string',
    minLength: EXEMPTION_JUSTIFICATION_MIN_CHARS,
    maxLength: EXEMPTION_JUSTIFICATION_MAX_CHARS,
    description:
      'Why the risk is accepted; written on the finding in Security Hub.',
  },
  expiresAt: {
    type: 'string',
    format: 'date-time',
    description:
      'When the exemption stops applying: in the future, at most prodHardening.exemptions.maxDays (default 90) away.',
  },
} as const;

const exemptionList = {
  type: 'object',
  properties: {
    items: { type: 'array', items: { $ref: '#/components/schemas/Exemption' } },
  },
  required: ['items'],
  additionalProperties: false,
} as const;

export const exemptionSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: ['check', 'finding'] },
    checkId: { type: 'string' },
    resourceId: { type: 'string' },
    findingId: { type: 'string' },
    justification: { type: 'string' },
    expiresAt: { type: 'string' },
    createdBy: { type: 'string' },
    createdAt: { type: 'string' },
    revokedBy: { type: 'string' },
    revokedAt: { type: 'string' },
    previousWorkflowStatus: { type: 'string', enum: ['NEW', 'NOTIFIED'] },
    workflowRestoredAt: { type: 'string' },
    status: { type: 'string', enum: [...EXEMPTION_STATUSES] },
  },
  required: [
    'id',
    'kind',
    'resourceId',
    'justification',
    'expiresAt',
    'createdBy',
    'createdAt',
    'status',
  ],
  additionalProperties: false,
} as const;

export const exemptionPaths = {
  '/exemptions': {
    get: {
      operationId: 'listExemptions',
      summary:
        'Exemptions, newest first, with filters; `format=csv` for the audit export.',
      parameters: [
        ...listParameters,
        {
          name: 'format',
          in: 'query',
          required: false,
          schema: { type: 'string', enum: ['json', 'csv'] },
        },
      ],
      responses: {
        '200': {
          description: 'The exemptions.',
          content: {
            'application/json': { schema: exemptionList },
            'text/csv': { schema: { type: 'string' } },
          },
        },
        '400': errorResponse('Invalid filter.'),
        '403': errorResponse('Not allowed to read.'),
      },
    },
    post: {
      operationId: 'createExemption',
      summary:
        'Accepts the risk of a check on a resource, or of a finding, until an expiry (permission prod-hardening.exemption.create). A finding is suppressed in Security Hub with a note.',
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              oneOf: [
                {
                  type: 'object',
                  properties: {
                    kind: { type: 'string', const: 'check' },
                    checkId: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 128,
                      pattern: '^[a-z0-9-]+$',
                    },
                    resourceId: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 2048,
                    },
                    ...common,
                  },
                  required: [
                    'kind',
                    'checkId',
                    'resourceId',
                    'justification',
                    'expiresAt',
                  ],
                  additionalProperties: false,
                },
                {
                  type: 'object',
                  properties: {
                    kind: { type: 'string', const: 'finding' },
                    findingId: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 2048,
                    },
                    ...common,
                  },
                  required: ['kind', 'findingId', 'justification', 'expiresAt'],
                  additionalProperties: false,
                },
              ],
            },
          },
        },
      },
      responses: {
        '200': {
          description: 'The exemption.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Exemption' },
            },
          },
        },
        '400': errorResponse(
          'Missing or invalid justification or expiry (past, or beyond the maximum).',
        ),
        '401': errorResponse('Not signed in (the attempt is recorded).'),
        '403': errorResponse(
          'Not allowed to exempt (the attempt is recorded).',
        ),
        '404': errorResponse('Unknown check, resource or finding.'),
        '409': errorResponse(
          'The item already has an active exemption, or is being remediated.',
        ),
      },
    },
  },
  '/exemptions.csv': {
    get: {
      operationId: 'exportExemptions',
      summary: 'The exemptions as CSV, with the same filters.',
      parameters: listParameters,
      responses: {
        '200': {
          description: 'CSV, one row per exemption.',
          content: { 'text/csv': { schema: { type: 'string' } } },
        },
        '400': errorResponse('Invalid filter.'),
        '403': errorResponse('Not allowed to read.'),
      },
    },
  },
  '/exemptions/{id}/revoke': {
    post: {
      operationId: 'revokeExemption',
      summary:
        'Ends an active exemption now (permission prod-hardening.exemption.create); a finding gets its workflow status back.',
      parameters: [
        {
          name: 'id',
          in: 'path',
          required: true,
          schema: { type: 'string', format: 'uuid' },
        },
      ],
      responses: {
        '200': {
          description: 'The revoked exemption.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Exemption' },
            },
          },
        },
        '400': errorResponse('Invalid id.'),
        '401': errorResponse('Not signed in (the attempt is recorded).'),
        '403': errorResponse('Not allowed (the attempt is recorded).'),
        '404': errorResponse('No exemption with this id.'),
        '409': errorResponse('Already revoked or expired.'),
      },
    },
  },
} as const;
