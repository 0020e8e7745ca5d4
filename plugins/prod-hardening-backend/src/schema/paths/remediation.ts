/** Routes of the remediation feature (see ../openapi.ts). */
export const remediationPaths = {
  '/remediations/preview': {
    post: {
      operationId: 'previewRemediation',
      summary:
        'The exact plan of an automated remediation, bound to the caller and the state read.',
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: {
                checkId: {
                  type: 'string',
                  minLength: 1,
                  maxLength: 128,
                  pattern: '^[a-z0-9-]+$',
                },
                override: {
                  type: 'boolean',
                  description:
                    'Proceed despite blockers (e.g. a public website bucket).',
                },
              },
              required: ['checkId'],
              additionalProperties: false,
            },
          },
        },
      },
      responses: {
        '200': {
          description: 'The plan; planId is absent when it cannot be executed.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/RemediationPlan' },
            },
          },
        },
        '400': {
          description: 'Invalid request.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Error' },
            },
          },
        },
        '403': {
          description: 'Not allowed.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Error' },
            },
          },
        },
      },
    },
  },
  '/remediations/execute': {
    post: {
      operationId: 'executeRemediation',
      summary:
        'Executes a previewed plan (permission prod-hardening.remediation.execute).',
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: {
                planId: { type: 'string', format: 'uuid' },
                reason: {
                  type: 'string',
                  minLength: 1,
                  maxLength: 1000,
                  description: 'Why the change is made; kept in the history.',
                },
              },
              required: ['planId'],
              additionalProperties: false,
            },
          },
        },
      },
      responses: {
        '200': {
          description: 'The outcome and the re-run check.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/RemediationResult' },
            },
          },
        },
        '202': {
          description:
            'AWS did not answer within prodHardening.remediation.deadlineMs: outcome timed-out, the state is unknown; a later history row (settles = historyId) records how it ended.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/RemediationResult' },
            },
          },
        },
        '400': {
          description: 'Invalid request.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Error' },
            },
          },
        },
        '401': {
          description: 'Not signed in (the attempt is recorded).',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Error' },
            },
          },
        },
        '403': {
          description:
            'Not allowed to remediate, or a service token (the attempt is recorded).',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Error' },
            },
          },
        },
        '404': {
          description: 'No such plan.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Error' },
            },
          },
        },
        '409': {
          description:
            'Stale, expired or already used plan, or another remediation of the resource is running.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Error' },
            },
          },
        },
        '503': {
          description:
            'The permission service or the remediation store is unavailable; nothing was changed.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Error' },
            },
          },
        },
      },
    },
  },
  '/remediations/history': {
    get: {
      operationId: 'getRemediationHistory',
      summary: 'Every remediation attempt, newest first.',
      parameters: [
        {
          name: 'checkId',
          in: 'query',
          required: false,
          schema: { type: 'string', maxLength: 128, pattern: '^[a-z0-9-]+$' },
        },
        {
          name: 'limit',
          in: 'query',
          required: false,
          schema: { type: 'string', pattern: '^[0-9]{1,3}$' },
        },
      ],
      responses: {
        '200': {
          description: 'History rows.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  items: {
                    type: 'array',
                    items: {
                      $ref: '#/components/schemas/RemediationHistoryEntry',
                    },
                  },
                },
                required: ['items'],
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
        '403': {
          description: 'Not allowed.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Error' },
            },
          },
        },
      },
    },
  },
  '/remediations/history/verify': {
    get: {
      operationId: 'verifyRemediationHistory',
      summary:
        'Walks the history hash chain and reports the first broken link (permission prod-hardening.history.verify).',
      responses: {
        '200': {
          description:
            'The verification; ok is false with firstBreak when the chain is broken.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/HistoryVerification' },
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
          description: 'Not allowed.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Error' },
            },
          },
        },
        '503': {
          description: 'The remediation store is unavailable.',
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
