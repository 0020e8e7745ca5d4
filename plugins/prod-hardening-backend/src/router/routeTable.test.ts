import PromiseRouter from 'express-promise-router';
import { declaredRoutes, registeredRoutes } from './routeTable';

describe('registeredRoutes', () => {
  it('lists every method of every route, sorted', () => {
    const router = PromiseRouter();
    router.get('/b/:id', (_req, res) => res.end());
    router.post('/a', (_req, res) => res.end());
    router
      .route('/c')
      .get((_req, res) => res.end())
      .put((_req, res) => res.end());
    router.use((_req, _res, next) => next());
    expect(registeredRoutes(router)).toEqual([
      'GET /b/:id',
      'GET /c',
      'POST /a',
      'PUT /c',
    ]);
  });
});

describe('declaredRoutes', () => {
  it('lists operations with Express-style parameters and skips non-methods', () => {
    expect(
      declaredRoutes({
        paths: {
          '/x/{kind}/{name}': { get: {}, parameters: [] },
          '/y': { post: {}, delete: {}, summary: 'y' },
        },
      }),
    ).toEqual(['DELETE /y', 'GET /x/:kind/:name', 'POST /y']);
  });
});
