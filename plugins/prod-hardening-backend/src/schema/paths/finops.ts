/** Routes of the FinOps feature (see ../openapi.ts). */
const forbidden = {
  description: 'Not allowed to read.',
  content: {
    'application/json': { schema: { $ref: '#/components/schemas/Error' } },
  },
} as const;

export const finopsPaths = {
  '/finops/overview': {
    get: {
      operationId: 'getFinOpsOverview',
      summary:
        'Budget, forecasts, daily cost by service, anomalies, AI costs, alerts and the portal’s own Cost Explorer use. Never calls Cost Explorer: it serves what the scheduled refresh stored.',
      responses: {
        '200': {
          description: 'The FinOps overview.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/FinOpsOverview' },
            },
          },
        },
        '403': forbidden,
      },
    },
  },
  '/finops/optimisation': {
    get: {
      operationId: 'getFinOpsOptimisation',
      summary:
        'The seed’s savings targets (NAT Gateway cost cut by gateway endpoints, DynamoDB storage cut by TTL) against their goals, and Trusted Advisor’s cost-optimisation checks. Serves what the daily refresh stored.',
      responses: {
        '200': {
          description: 'Savings targets and Trusted Advisor checks.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/FinOpsOptimisation' },
            },
          },
        },
        '403': forbidden,
      },
    },
  },
  '/finops/weekly-review': {
    get: {
      operationId: 'getWeeklyReview',
      summary:
        'The weekly FinOps review: last 7 complete days vs the 7 before, as JSON, CSV or Markdown.',
      parameters: [
        {
          name: 'format',
          in: 'query',
          required: false,
          description:
            'json (default), csv (raw numbers, a download) or md (Markdown for meeting notes, a download).',
          schema: { type: 'string', enum: ['json', 'csv', 'md'] },
        },
      ],
      responses: {
        '200': {
          description: 'The weekly review.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/WeeklyReviewReport' },
            },
            'text/csv': { schema: { type: 'string' } },
            'text/markdown': { schema: { type: 'string' } },
          },
        },
        '400': {
          description: 'Unknown format.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Error' },
            },
          },
        },
        '403': forbidden,
      },
    },
  },
} as const;
