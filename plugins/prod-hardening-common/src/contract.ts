import type { operations } from './schema/openapi';

/** The JSON body an operation of the contract (its operationId in openapi.yaml) takes. */
export type JsonRequestBody<Op extends keyof operations> = NonNullable<
  operations[Op]['requestBody']
> extends { content: { 'application/json': infer Body } }
  ? Body
  : never;

/** The query parameters an operation of the contract takes. */
export type QueryParameters<Op extends keyof operations> = NonNullable<
  operations[Op]['parameters']['query']
>;
