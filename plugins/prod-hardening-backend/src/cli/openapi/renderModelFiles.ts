import openapiTS, { astToString } from 'openapi-typescript';
import { GENERATED_HEADER } from './generatedHeader';

/**
 * Schema names that would shadow a global of the same name if exported as is;
 * prefixed with `Model` the way openapi-generator (and so repo-tools) names them.
 */
const GLOBAL_NAMES = new Set(['Error', 'Date', 'Object', 'Array', 'Record']);

/** The exported name of a component schema's type. */
export function modelName(schemaName: string): string {
  return GLOBAL_NAMES.has(schemaName) ? `Model${schemaName}` : schemaName;
}

/**
 * The wire types of the contract, for -common (and so the frontend): openapi-typescript's
 * `paths` / `components` / `operations`, plus one alias per component schema
 * (`export type Finding = components['schemas']['Finding']`), the names repo-tools'
 * client generator gives its models. openapi-typescript runs offline in Node, which
 * the Java generator repo-tools calls does not (see the README).
 */
export async function renderModelsFile(spec: {
  components?: { schemas?: Record<string, unknown> };
}): Promise<string> {
  const ast = await openapiTS(structuredClone(spec) as any, {
    silent: true,
    // An object the contract leaves open is any object, not an empty one.
    emptyObjectsUnknown: true,
  });
  const aliases = Object.keys(spec.components?.schemas ?? {}).map(
    name =>
      `export type ${modelName(name)} = components['schemas']['${name}'];`,
  );
  return [
    GENERATED_HEADER,
    astToString(ast),
    '/** One alias per component schema. */',
    ...aliases,
    '',
  ].join('\n');
}
