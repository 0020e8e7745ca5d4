/**
 * Finds, in the OpenAPI document, the schema a validator issue is about, so its
 * message can be worded from the contract's own bounds. Plain data in, plain data
 * out: the document is the generated `spec` object.
 */

/** The part of a JSON schema the messages read. */
export interface FieldSchema {
  $ref?: string;
  type?: string | string[];
  enum?: readonly unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  properties?: Record<string, FieldSchema>;
  required?: readonly string[];
  oneOf?: readonly FieldSchema[];
  items?: FieldSchema;
  /** The contract's own words for what the value must be ("must be ..."). */
  'x-error-message'?: string;
}

interface Parameter {
  $ref?: string;
  name: string;
  in: string;
  required?: boolean;
  schema?: FieldSchema;
}

interface Operation {
  parameters?: readonly Parameter[];
  requestBody?: {
    content?: Record<string, { schema?: FieldSchema }>;
  };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components?: unknown;
}

/** The validator's names for request parts, and where OpenAPI declares them. */
const PARAMETER_LOCATIONS: Record<string, string> = {
  query: 'query',
  params: 'path',
  headers: 'header',
};

function resolvePointer(spec: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith('#/')) {
    return undefined;
  }
  let node: any = spec;
  for (const segment of ref.slice(2).split('/')) {
    node = node?.[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

/** A local $ref replaced by its target; keys next to the $ref win, as in OpenAPI 3.1. */
export function resolveRef<T extends { $ref?: string }>(
  spec: OpenApiDocument,
  node: T | undefined,
): T | undefined {
  if (!node?.$ref) {
    return node;
  }
  const { $ref, ...siblings } = node;
  const target = resolveRef(spec, resolvePointer(spec, $ref) as T | undefined);
  return target ? ({ ...target, ...siblings } as T) : undefined;
}

/**
 * The schema of one request part of an operation. Parameters are gathered into an
 * object schema (name → schema), so a body and a query are walked the same way.
 */
export function requestPartSchema(
  spec: OpenApiDocument,
  route: string,
  method: string,
  part: string,
): FieldSchema | undefined {
  const pathItem = spec.paths[route] as
    | (Record<string, unknown> & { parameters?: readonly Parameter[] })
    | undefined;
  const operation = pathItem?.[method.toLowerCase()] as Operation | undefined;
  if (!operation) {
    return undefined;
  }
  if (part === 'body') {
    return resolveRef(
      spec,
      operation.requestBody?.content?.['application/json']?.schema,
    );
  }
  const location = PARAMETER_LOCATIONS[part];
  if (!location) {
    return undefined;
  }
  const parameters = [
    ...(pathItem?.parameters ?? []),
    ...(operation.parameters ?? []),
  ]
    .map(parameter => resolveRef(spec, parameter))
    .filter((p): p is Parameter => p?.in === location);
  return {
    type: 'object',
    properties: Object.fromEntries(
      parameters.map(p => [p.name, resolveRef(spec, p.schema) ?? {}]),
    ),
    required: parameters.filter(p => p.required).map(p => p.name),
  };
}

/** The property every branch of a oneOf fixes with `const`: it picks the branch. */
function discriminatorOf(branches: readonly FieldSchema[]): string | undefined {
  const [first, ...rest] = branches;
  return Object.entries(first?.properties ?? {}).find(
    ([name, schema]) =>
      schema.const !== undefined &&
      rest.every(branch => branch.properties?.[name]?.const !== undefined),
  )?.[0];
}

export type ObjectSchema =
  | { kind: 'object'; schema: FieldSchema }
  /** A oneOf whose discriminator has a value no branch takes. */
  | { kind: 'noBranch'; discriminator: string; allowed: unknown[] }
  /** A oneOf without a discriminator: the branch meant cannot be told. */
  | { kind: 'unknownBranch' };

/** The object schema a value is checked against, choosing a oneOf branch by its value. */
export function objectSchemaFor(
  spec: OpenApiDocument,
  schema: FieldSchema,
  value: unknown,
): ObjectSchema {
  if (!schema.oneOf) {
    return { kind: 'object', schema };
  }
  const branches = schema.oneOf.map(b => resolveRef(spec, b) ?? {});
  const discriminator = discriminatorOf(branches);
  if (!discriminator) {
    return { kind: 'unknownBranch' };
  }
  const chosen = (value as Record<string, unknown> | undefined)?.[
    discriminator
  ];
  const branch = branches.find(
    b => b.properties?.[discriminator]?.const === chosen,
  );
  if (!branch) {
    return {
      kind: 'noBranch',
      discriminator,
      allowed: branches.map(b => b.properties?.[discriminator]?.const),
    };
  }
  return { kind: 'object', schema: branch };
}

/** The schema of the value at `path` below `schema`, or undefined where the contract has none. */
export function schemaAt(
  spec: OpenApiDocument,
  schema: FieldSchema | undefined,
  path: string[],
  value: unknown,
): FieldSchema | undefined {
  let node = resolveRef(spec, schema);
  let current: any = value;
  for (const segment of path) {
    if (!node) {
      return undefined;
    }
    const object = objectSchemaFor(spec, node, current);
    if (object.kind !== 'object') {
      return undefined;
    }
    node = resolveRef(
      spec,
      Array.isArray(current)
        ? object.schema.items
        : object.schema.properties?.[segment],
    );
    current = current?.[segment];
  }
  return node;
}

/** The value at `path` in the request part as the validator saw it. */
export function valueAt(value: unknown, path: string[]): unknown {
  return path.reduce<any>((node, segment) => node?.[segment], value);
}
