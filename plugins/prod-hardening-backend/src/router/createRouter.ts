import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import type express from 'express';
import { openApiSpec } from '../schema/openapi';
import type { HealthService } from '../services/HealthService';

export interface RouterOptions {
  health: HealthService;
}

export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const router = createValidatedOpenApiRouter(openApiSpec);

  router.get('/health', async (_req, res) => {
    res.json(await options.health.check());
  });

  return router;
}
