import { GENERATED_HEADER } from './generatedHeader';

/**
 * The server side of the contract in the shape `backstage-repo-tools package schema
 * openapi generate --server` writes (src/schema/openapi/generated/router.ts): the
 * spec as a const literal, so the validated router infers every route's params,
 * query, body and response types from it, and a `createOpenApiRouter` bound to it.
 * repo-tools types the router through an EndpointMap that its Java generator emits;
 * here the same types come from the spec literal itself (see the README).
 */
export function renderRouterFile(spec: unknown): string {
  return `${GENERATED_HEADER}
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

export const spec = ${JSON.stringify(spec, null, 2)} as const;

export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
`;
}
