/** Routes of the posture feature (see ../openapi.ts). */
export const posturePaths = {
  '/posture': {
    get: {
      operationId: 'getPosture',
      summary:
        'Every posture check with its status, evidence and the two scores.',
      parameters: [
        {
          name: 'refresh',
          in: 'query',
          required: false,
          description:
            'true re-evaluates now instead of using the cached report.',
          schema: { type: 'string', enum: ['true', 'false'] },
        },
      ],
      responses: {
        '200': {
          description: 'The posture report.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/PostureReport' },
            },
          },
        },
        '403': {
          description: 'Not allowed to read.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Error' },
            },
          },
        },
      },
    },
  },
  '/posture/trend': {
    get: {
      operationId: 'getPostureTrend',
      summary:
        'Daily posture snapshots (taken by the scheduler) for the last 7, 30 or 90 days.',
      parameters: [
        {
          name: 'days',
          in: 'query',
          required: false,
          schema: { type: 'string', enum: ['7', '30', '90'] },
        },
      ],
      responses: {
        '200': {
          description: 'Snapshots, oldest first.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  points: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: {
                        day: { type: 'string' },
                        securityHubPercent: { type: ['number', 'null'] },
                        severityWeightedPercent: { type: ['number', 'null'] },
                        securityHubPercentWithExemptions: {
                          type: ['number', 'null'],
                        },
                        severityWeightedPercentWithExemptions: {
                          type: ['number', 'null'],
                        },
                        failed: { type: 'integer' },
                      },
                      required: [
                        'day',
                        'securityHubPercent',
                        'severityWeightedPercent',
                        'failed',
                      ],
                      additionalProperties: false,
                    },
                  },
                },
                required: ['points'],
                additionalProperties: false,
              },
            },
          },
        },
        '400': {
          description: 'Invalid query.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Error' },
            },
          },
        },
      },
    },
  },
  '/findings': {
    get: {
      operationId: 'getFindings',
      summary:
        'Open, active Security Hub and GuardDuty findings: filtered, sorted, paged.',
      parameters: [
        {
          name: 'severity',
          in: 'query',
          required: false,
          description: 'Comma-separated severity labels.',
          schema: { type: 'string', maxLength: 100 },
        },
        {
          name: 'product',
          in: 'query',
          required: false,
          description: 'Comma-separated product names.',
          schema: { type: 'string', maxLength: 200 },
        },
        {
          name: 'controlId',
          in: 'query',
          required: false,
          schema: { type: 'string', maxLength: 64 },
        },
        {
          name: 'resourceType',
          in: 'query',
          required: false,
          schema: { type: 'string', maxLength: 128 },
        },
        {
          name: 'search',
          in: 'query',
          required: false,
          schema: { type: 'string', maxLength: 200 },
        },
        {
          name: 'sort',
          in: 'query',
          required: false,
          schema: {
            type: 'string',
            enum: ['severity', 'lastSeen', 'title', 'product'],
          },
        },
        {
          name: 'order',
          in: 'query',
          required: false,
          schema: { type: 'string', enum: ['asc', 'desc'] },
        },
        {
          name: 'page',
          in: 'query',
          required: false,
          description: 'Zero-based page.',
          schema: { type: 'string', pattern: '^[0-9]{1,6}$' },
        },
        {
          name: 'pageSize',
          in: 'query',
          required: false,
          description: '1–200, default 25.',
          schema: { type: 'string', pattern: '^[0-9]{1,3}$' },
        },
      ],
      responses: {
        '200': {
          description:
            'One page of findings and counts by severity over the filtered set.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/FindingsPage' },
            },
          },
        },
        '400': {
          description: 'Invalid query.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Error' },
            },
          },
        },
        '403': {
          description: 'Not allowed to read.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Error' },
            },
          },
        },
      },
    },
  },
} as const;
