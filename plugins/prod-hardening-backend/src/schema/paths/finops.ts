/** Routes of the FinOps feature (see ../openapi.ts). */
import {
  ANOMALY_FEEDBACK_COMMENT_MAX_CHARS,
  ANOMALY_FEEDBACK_VALUES,
  ANOMALY_ID_MAX_CHARS,
  ANOMALY_SOURCES,
} from '@prod-hardening/plugin-prod-hardening-common';

const errorResponse = (description: string) => ({
  description,
  content: {
    'application/json': { schema: { $ref: '#/components/schemas/Error' } },
  },
});

const anomalySource = {
  type: 'string',
  enum: [...ANOMALY_SOURCES],
  description:
    'aws: AWS Cost Anomaly Detection (GetAnomalies); portal: the portal’s own detection.',
} as const;
const anomalyId = {
  type: 'string',
  minLength: 1,
  maxLength: ANOMALY_ID_MAX_CHARS,
  description:
    'The AWS anomaly id, or the portal anomaly’s `id` (day/dimension/series) from GET /finops/overview.',
} as const;

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
  '/finops/anomalies/feedback': {
    post: {
      operationId: 'provideAnomalyFeedback',
      summary:
        'Answers an anomaly shown on the FinOps tab: YES (a real anomaly), NO, or PLANNED_ACTIVITY (permission prod-hardening.finops.feedback). An AWS anomaly’s answer is sent to Cost Anomaly Detection (ProvideAnomalyFeedback, remediation role acting for the user) and recorded once AWS took it; a portal anomaly’s answer is recorded only. Every answer is kept; the latest is shown.',
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: {
                source: anomalySource,
                anomalyId,
                feedback: {
                  type: 'string',
                  enum: [...ANOMALY_FEEDBACK_VALUES],
                },
                comment: {
                  type: 'string',
                  minLength: 1,
                  maxLength: ANOMALY_FEEDBACK_COMMENT_MAX_CHARS,
                  description: 'Why, for the next reader (optional).',
                },
              },
              required: ['source', 'anomalyId', 'feedback'],
              additionalProperties: false,
            },
          },
        },
      },
      responses: {
        '200': {
          description: 'The recorded answer.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/AnomalyFeedback' },
            },
          },
        },
        '400': errorResponse(
          'Missing or invalid source, id, answer or comment.',
        ),
        '401': errorResponse('Not signed in (the attempt is audited).'),
        '403': errorResponse(
          'Not allowed to answer anomalies (the attempt is audited).',
        ),
        '404': errorResponse(
          'No such anomaly among those the portal shows now (nothing is sent to AWS).',
        ),
        '503': errorResponse(
          'AWS Cost Anomaly Detection or the database did not take the answer; the message says which, and whether anything was recorded.',
        ),
      },
    },
    get: {
      operationId: 'listAnomalyFeedback',
      summary: 'Every answer given to one anomaly, newest first.',
      parameters: [
        { name: 'source', in: 'query', required: true, schema: anomalySource },
        { name: 'anomalyId', in: 'query', required: true, schema: anomalyId },
      ],
      responses: {
        '200': {
          description: 'The answers.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  items: {
                    type: 'array',
                    items: { $ref: '#/components/schemas/AnomalyFeedback' },
                  },
                },
                required: ['items'],
                additionalProperties: false,
              },
            },
          },
        },
        '400': errorResponse('Missing or invalid source or id.'),
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
