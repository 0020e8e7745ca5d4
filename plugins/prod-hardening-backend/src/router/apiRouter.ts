import type { OpenApiOperations } from '@prod-hardening/plugin-prod-hardening-common';

/**
 * Request parts typed by the contract (operationId in openapi.yaml). The router has
 * validated the request against the same document (bounds, formats, unknown fields
 * and parameters) and filled in declared defaults before a handler runs, so a
 * handler reads them as these types instead of parsing them again.
 *
 * The generated router's own inference (createValidatedOpenApiRouter<typeof spec>)
 * is not used for route registration: on a document of this size it exceeds the
 * compiler's instantiation depth (TS2589).
 */
export type RequestBody<Op extends keyof OpenApiOperations> = NonNullable<
  OpenApiOperations[Op]['requestBody']
> extends { content: { 'application/json': infer Body } }
  ? Body
  : never;

export type QueryParams<Op extends keyof OpenApiOperations> = NonNullable<
  OpenApiOperations[Op]['parameters']['query']
>;

/**
 * The query as the router left it: coerced to the declared types, with the
 * parameters named in `Defaulted` filled in from their declared default.
 */
export function validatedQuery<
  Op extends keyof OpenApiOperations,
  Defaulted extends keyof QueryParams<Op> = never,
>(req: {
  query: unknown;
}): QueryParams<Op> & Required<Pick<QueryParams<Op>, Defaulted>> {
  return req.query as QueryParams<Op> &
    Required<Pick<QueryParams<Op>, Defaulted>>;
}

export type PathParams<Op extends keyof OpenApiOperations> = NonNullable<
  OpenApiOperations[Op]['parameters']['path']
>;

/** The path parameters, checked by the router against their declared bounds. */
export function validatedParams<Op extends keyof OpenApiOperations>(req: {
  params: unknown;
}): PathParams<Op> {
  return req.params as PathParams<Op>;
}
