/** Routes of the health feature (see ../openapi.ts). */
export const healthPaths = {
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
            'application/json': {
              schema: { $ref: '#/components/schemas/HealthReport' },
            },
          },
        },
      },
    },
  },
} as const;
