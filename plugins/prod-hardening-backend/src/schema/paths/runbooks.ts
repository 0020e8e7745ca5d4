/** Routes of the on-call runbooks (see ../openapi.ts). */
const error = (description: string) =>
  ({
    description,
    content: {
      'application/json': { schema: { $ref: '#/components/schemas/Error' } },
    },
  } as const);

export const runbookPaths = {
  '/runbooks': {
    get: {
      operationId: 'listRunbooks',
      summary: 'The on-call runbooks (docs/runbooks): id and title.',
      responses: {
        '200': {
          description: 'Every runbook.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  items: {
                    type: 'array',
                    items: { $ref: '#/components/schemas/RunbookSummary' },
                  },
                },
                required: ['items'],
              },
            },
          },
        },
        '403': error('Not allowed to read.'),
      },
    },
  },
  '/runbooks/{id}': {
    get: {
      operationId: 'getRunbook',
      summary: 'One runbook as Markdown.',
      parameters: [
        {
          name: 'id',
          in: 'path',
          required: true,
          description: 'The runbook file name without .md, e.g. rate-limiter.',
          schema: { type: 'string' },
        },
      ],
      responses: {
        '200': {
          description: 'The runbook.',
          content: {
            'application/json': {
              schema: {
                allOf: [
                  { $ref: '#/components/schemas/RunbookSummary' },
                  {
                    type: 'object',
                    properties: { markdown: { type: 'string' } },
                    required: ['markdown'],
                  },
                ],
              },
            },
          },
        },
        '400': error('Not a runbook id.'),
        '403': error('Not allowed to read.'),
        '404': error('No such runbook.'),
      },
    },
  },
} as const;
