import { spec } from '../schema/openapi';
import { createRouter, RouterOptions } from './createRouter';
import { declaredRoutes, registeredRoutes } from './routeTable';

/**
 * Every option is a service the handlers call per request; none may be touched
 * while the routes are registered, so each one here throws if it is.
 */
const untouchable = new Proxy({} as RouterOptions, {
  get: (_target, name) =>
    new Proxy(
      {},
      {
        get: (_t, member) => {
          throw new Error(
            `${String(name)}.${String(member)} used while registering routes`,
          );
        },
      },
    ),
});

describe('the router and openapi.yaml', () => {
  it('register exactly the routes the contract declares, and no other', async () => {
    const router = await createRouter(untouchable);
    // The validated router serves the document itself at /openapi.json.
    const registered = registeredRoutes(router as any).filter(
      route => route !== 'GET /openapi.json',
    );
    expect(registered).toEqual(declaredRoutes(spec as any));
    expect(registered.length).toBeGreaterThan(20);
  });
});
