/** Guided remediations and finding details (see ../openapi.ts). */
const errorResponse = (description: string) => ({
  description,
  content: {
    'application/json': { schema: { $ref: '#/components/schemas/Error' } },
  },
});

const command = {
  type: 'object',
  properties: {
    description: { type: 'string' },
    command: { type: 'string' },
    mutates: { type: 'boolean' },
  },
  required: ['description', 'command', 'mutates'],
  additionalProperties: false,
} as const;

const step = {
  type: 'object',
  properties: {
    title: { type: 'string' },
    detail: { type: 'string' },
    commands: { type: 'array', items: command },
    verify: { type: 'array', items: command },
  },
  required: ['title', 'detail', 'commands', 'verify'],
  additionalProperties: false,
} as const;

export const guidedRunbookSchema = {
  type: 'object',
  properties: {
    checkId: { type: 'string' },
    resourceId: { type: 'string' },
    title: { type: 'string' },
    summary: { type: 'string' },
    expectedDowntime: { type: 'string' },
    facts: { type: 'object', additionalProperties: { type: 'string' } },
    unreadFacts: { type: 'array', items: { type: 'string' } },
    evidence: { $ref: '#/components/schemas/ResourceEvidence' },
    prerequisites: { type: 'array', items: { type: 'string' } },
    steps: { type: 'array', items: step },
    rollback: { type: 'array', items: step },
    terraform: {
      type: 'object',
      properties: {
        path: { type: 'string' },
        snippet: { type: 'string' },
        commands: { type: 'array', items: command },
      },
      required: ['path', 'snippet', 'commands'],
      additionalProperties: false,
    },
    references: { type: 'array', items: { type: 'string' } },
    generatedAt: { type: 'string' },
  },
  required: [
    'checkId',
    'resourceId',
    'title',
    'summary',
    'expectedDowntime',
    'facts',
    'unreadFacts',
    'prerequisites',
    'steps',
    'rollback',
    'terraform',
    'references',
    'generatedAt',
  ],
  additionalProperties: false,
} as const;

export const guidedRemediationPaths = {
  '/remediations/guided/{checkId}': {
    get: {
      operationId: 'getGuidedRemediation',
      summary:
        'The runbook of a guided remediation: ordered steps with exact commands, checks, rollback, downtime and Terraform. Nothing here changes the account.',
      parameters: [
        {
          name: 'checkId',
          in: 'path',
          required: true,
          schema: { type: 'string', maxLength: 128, pattern: '^[a-z0-9-]+$' },
        },
        {
          name: 'resource',
          in: 'query',
          required: false,
          description:
            "One of the check's evidence resources; default: the first that does not pass.",
          schema: { type: 'string', minLength: 1, maxLength: 2048 },
        },
      ],
      responses: {
        '200': {
          description: 'The runbook.',
          content: { 'application/json': { schema: guidedRunbookSchema } },
        },
        '400': errorResponse('Invalid check id or resource.'),
        '403': errorResponse('Not allowed to read.'),
        '404': errorResponse(
          'Unknown check, a check without a guided remediation, or a resource the check did not look at.',
        ),
        '503': errorResponse('The resource could not be read.'),
      },
    },
  },
  '/findings/{id}': {
    get: {
      operationId: 'getFinding',
      summary:
        'One open finding with everything it carries, and the posture check it maps to with its evidence.',
      parameters: [
        {
          name: 'id',
          in: 'path',
          required: true,
          description: 'The finding id (an ARN), URL-encoded.',
          schema: { type: 'string', minLength: 1, maxLength: 2048 },
        },
      ],
      responses: {
        '200': {
          description: 'The finding and its check.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  finding: { $ref: '#/components/schemas/Finding' },
                  check: { $ref: '#/components/schemas/CheckResult' },
                },
                required: ['finding'],
                additionalProperties: false,
              },
            },
          },
        },
        '400': errorResponse('Invalid id.'),
        '403': errorResponse('Not allowed to read.'),
        '404': errorResponse('No open finding with this id.'),
      },
    },
  },
} as const;
