/** Routes of the throttling feature (see ../openapi.ts). */
const error = (description: string) =>
  ({
    description,
    content: {
      'application/json': { schema: { $ref: '#/components/schemas/Error' } },
    },
  } as const);

const unavailable = {
  type: 'object',
  properties: {
    state: { type: 'string', enum: ['unavailable'] },
    reason: { type: 'string' },
  },
  required: ['state', 'reason'],
} as const;

const redriveResult = {
  type: 'object',
  properties: {
    outcome: {
      type: 'string',
      enum: ['succeeded', 'failed', 'running', 'timed-out'],
    },
    method: {
      type: 'string',
      enum: ['message-move-task', 'bounded-move'],
    },
    message: { type: 'string' },
    depthBefore: { type: 'integer' },
    moved: { type: 'integer' },
    notMoved: { type: 'integer' },
    notDeleted: { type: 'integer' },
    taskHandle: { type: 'string' },
    historyId: { type: 'string' },
  },
  required: [
    'outcome',
    'method',
    'message',
    'depthBefore',
    'moved',
    'notMoved',
    'notDeleted',
    'historyId',
  ],
} as const;

export const throttlingPaths = {
  '/throttling/overview': {
    get: {
      operationId: 'getThrottlingOverview',
      summary:
        'Per-minute limiter counters, decision latency p50/p99, the busiest creators with tokens left and next allowed send, fallback mode, limits in force (Redis), and the DLQ depth and oldest message age (SQS).',
      description:
        'See ThrottlingOverview in @prod-hardening/plugin-prod-hardening-common. Redis and the DLQ are read independently: either may be `unavailable` with a reason while the other is shown. Redis is read by computed key names only (no KEYS or SCAN).',
      parameters: [
        {
          name: 'minutes',
          in: 'query',
          required: false,
          description: 'Window length in minutes (5–180, default 30).',
          schema: { type: 'string', pattern: '^[0-9]{1,3}$' },
        },
      ],
      responses: {
        '200': {
          description: 'The throttling overview.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  generatedAt: { type: 'string' },
                  windowMinutes: { type: 'integer' },
                  redis: {
                    oneOf: [
                      unavailable,
                      {
                        type: 'object',
                        properties: {
                          state: { type: 'string', enum: ['ok'] },
                          minutes: { type: 'array', items: { type: 'object' } },
                          totals: { type: 'object' },
                          latency: { type: 'object' },
                          creators: {
                            type: 'array',
                            items: { type: 'object' },
                          },
                          fallback: { type: 'object' },
                          limits: { type: ['object', 'null'] },
                        },
                        required: [
                          'state',
                          'minutes',
                          'totals',
                          'latency',
                          'creators',
                          'fallback',
                          'limits',
                        ],
                      },
                    ],
                  },
                  dlq: {
                    oneOf: [
                      unavailable,
                      {
                        type: 'object',
                        properties: {
                          state: { type: 'string', enum: ['ok'] },
                          queueName: { type: 'string' },
                          depth: { type: 'integer' },
                          inFlight: { type: 'integer' },
                          oldestAgeSeconds: { type: ['number', 'null'] },
                          ageSource: {
                            type: 'string',
                            enum: ['cloudwatch', 'sample', 'empty'],
                          },
                          ageReason: { type: 'string' },
                          readAt: { type: 'string' },
                        },
                        required: [
                          'state',
                          'queueName',
                          'depth',
                          'inFlight',
                          'oldestAgeSeconds',
                          'readAt',
                        ],
                      },
                    ],
                  },
                },
                required: ['generatedAt', 'windowMinutes', 'redis', 'dlq'],
              },
            },
          },
        },
        '400': error('Invalid query.'),
        '403': error('Not allowed to read.'),
      },
    },
  },
  '/throttling/dlq/redrive-status': {
    get: {
      operationId: 'getDeadLetterQueueRedriveStatus',
      summary:
        "The latest redrive of the rate limiter's DLQ: idle, running, completed or failed, with the SQS move task's progress where the endpoint lists move tasks.",
      description:
        'See DlqRedriveStatus in @prod-hardening/plugin-prod-hardening-common. Read from the remediation history, so every replica answers the same.',
      responses: {
        '200': {
          description: 'The redrive status.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  state: {
                    type: 'string',
                    enum: [
                      'idle',
                      'running',
                      'completed',
                      'failed',
                      'timed-out',
                    ],
                  },
                  queueName: { type: 'string' },
                  historyId: { type: 'string' },
                  method: {
                    type: 'string',
                    enum: ['message-move-task', 'bounded-move'],
                  },
                  startedAt: { type: 'string' },
                  actor: { type: 'string' },
                  message: { type: 'string' },
                  task: { type: 'object' },
                },
                required: ['state', 'queueName'],
              },
            },
          },
        },
        '400': error('Invalid query.'),
        '403': error('Not allowed to read.'),
      },
    },
  },
  '/throttling/dlq/redrive': {
    post: {
      operationId: 'redriveDeadLetterQueue',
      summary:
        "Moves the rate limiter's dead-lettered messages back to its queue (permission prod-hardening.remediation.execute).",
      description:
        "With maxMessages: a bounded move of at most that many messages that deletes a DLQ message only after its copy was sent, and drops the limiter's deferrals/failed-attempts attributes. Without: SQS StartMessageMoveTask at 10 messages a second (202, outcome running; GET /throttling/dlq/redrive-status follows it, the lock is held until it ends); where the endpoint has no move task, a bounded move of 1000. Every attempt is audited and recorded in the remediation history (checkId sqs-dlq-redrive).",
      requestBody: {
        required: false,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: {
                maxMessages: {
                  type: 'integer',
                  minimum: 1,
                  maximum: 1000,
                  description:
                    'Asks for a bounded move of at most this many messages; without it, SQS moves every message.',
                },
                reason: {
                  type: 'string',
                  minLength: 1,
                  maxLength: 1000,
                  description: 'Why the redrive is made; kept in the history.',
                },
              },
              additionalProperties: false,
            },
          },
        },
      },
      responses: {
        '200': {
          description:
            'The outcome (succeeded or failed) with counts and the history row id.',
          content: { 'application/json': { schema: redriveResult } },
        },
        '202': {
          description:
            'A move task was started and is running (outcome running), or AWS did not answer within the deadline (outcome timed-out, state unknown until the history settles it); follow it with GET /throttling/dlq/redrive-status.',
          content: { 'application/json': { schema: redriveResult } },
        },
        '400': error('Invalid request.'),
        '401': error('Not signed in (the attempt is recorded).'),
        '403': error(
          'Not allowed to redrive, or a service token (the attempt is recorded).',
        ),
        '404': error('The queue or its DLQ does not exist.'),
        '409': error('A redrive of this DLQ is already running.'),
        '503': error(
          'The permission service or the remediation store is unavailable; nothing was moved.',
        ),
      },
    },
  },
} as const;
