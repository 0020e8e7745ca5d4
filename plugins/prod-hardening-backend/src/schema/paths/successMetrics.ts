/** Routes of the success-metrics panel (see ../openapi.ts). */
export const successMetricsPaths = {
  '/success-metrics': {
    get: {
      operationId: 'getSuccessMetrics',
      summary:
        'The seed’s success metrics (encryption, findings, public buckets, CloudTrail, Container Insights, monthly cost, savings, DLQ rate, limiter compliance and latency), each computed from what the portal already reads, with its target and status.',
      responses: {
        '200': {
          description: 'Every metric with its target, value and status.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/SuccessMetricsReport' },
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
