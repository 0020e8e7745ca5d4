/** Routes of the health feature (see ../openapi.ts). */
export const healthPaths = {
  '/health': {
    get: {
      operationId: 'getHealth',
      summary: 'Reachability of every data source (no authentication needed).',
      description:
        'Always 200 while the backend serves. The sources are probed at most once per 30 s whatever the traffic (and again when the Redis connection comes up or drops). Without a signed-in user the answer is a HealthSummary (status, up/down per source); a signed-in user gets the HealthReport with reasons, account and latency. Load balancers should use /.backstage/health/v1/readiness and /liveness instead.',
      responses: {
        '200': {
          description:
            'HealthReport for a signed-in user, HealthSummary otherwise.',
          content: {
            'application/json': {
              schema: {
                oneOf: [
                  { $ref: '#/components/schemas/HealthReport' },
                  { $ref: '#/components/schemas/HealthSummary' },
                ],
              },
            },
          },
        },
      },
    },
  },
} as const;
