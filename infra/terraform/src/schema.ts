import { Body, isBody, resources, TfModule, dataSources } from './module';
import { Violation, violation } from './violations';

/** A resource's arguments as the provider schema declares them (names only). */
export interface BlockSchema {
  /** Attribute name -> required | optional | computed (read-only) | deprecated. */
  attributes: Record<
    string,
    'required' | 'optional' | 'computed' | 'deprecated'
  >;
  blocks: Record<string, BlockSchema>;
}

export interface SchemaSubset {
  provider: string;
  version: string;
  resources: Record<string, BlockSchema>;
  data_sources: Record<string, BlockSchema>;
}

type RawBlock = {
  attributes?: Record<
    string,
    {
      required?: boolean;
      optional?: boolean;
      computed?: boolean;
      deprecated?: boolean;
    }
  >;
  block_types?: Record<string, { block: RawBlock }>;
};

function compact(block: RawBlock): BlockSchema {
  const attributes: BlockSchema['attributes'] = {};
  for (const [name, a] of Object.entries(block.attributes ?? {}).sort(
    ([x], [y]) => x.localeCompare(y),
  )) {
    if (a.deprecated) attributes[name] = 'deprecated';
    else if (a.required) attributes[name] = 'required';
    else if (a.optional) attributes[name] = 'optional';
    else attributes[name] = 'computed';
  }
  const blocks: BlockSchema['blocks'] = {};
  for (const [name, b] of Object.entries(block.block_types ?? {}).sort(
    ([x], [y]) => x.localeCompare(y),
  )) {
    blocks[name] = compact(b.block);
  }
  return { attributes, blocks };
}

/** The part of `terraform providers schema -json` the module uses. */
export function extractSubset(
  schemaJson: {
    provider_schemas: Record<
      string,
      {
        resource_schemas: Record<string, { block: RawBlock }>;
        data_source_schemas: Record<string, { block: RawBlock }>;
      }
    >;
  },
  providerAddress: string,
  version: string,
  resourceTypes: string[],
  dataTypes: string[],
): SchemaSubset {
  const provider = schemaJson.provider_schemas[providerAddress];
  if (!provider) throw new Error(`schema has no provider ${providerAddress}`);
  const pick = (all: Record<string, { block: RawBlock }>, types: string[]) =>
    Object.fromEntries(
      [...new Set(types)]
        .sort()
        .filter(t => all[t])
        .map(t => [t, compact(all[t].block)]),
    );
  return {
    provider: providerAddress,
    version,
    resources: pick(provider.resource_schemas, resourceTypes),
    data_sources: pick(provider.data_source_schemas, dataTypes),
  };
}

const META_ARGUMENTS = new Set([
  'count',
  'for_each',
  'provider',
  'depends_on',
  'lifecycle',
  'provisioner',
  'connection',
  'dynamic',
]);

function checkBody(
  body: Body,
  schema: BlockSchema,
  where: string,
  problems: string[],
  top: boolean,
): void {
  const at = where ? `${where.replace(/^\./, '')}: ` : '';
  for (const [key, value] of Object.entries(body)) {
    if (top && META_ARGUMENTS.has(key)) continue;
    if (key === 'dynamic' && isBody(value)) {
      for (const [name, dyns] of Object.entries(value)) {
        const nested = schema.blocks[name];
        if (!nested) problems.push(`${at}unknown block "${name}" (dynamic)`);
        else
          for (const d of dyns as Body[])
            for (const c of (d.content as Body[]) ?? [])
              checkBody(c, nested, `${where}.${name}`, problems, false);
      }
      continue;
    }
    const attr = schema.attributes[key];
    if (attr === 'computed') problems.push(`${at}"${key}" is read-only`);
    else if (attr === 'deprecated')
      problems.push(`${at}"${key}" is deprecated`);
    else if (attr) continue;
    else if (schema.blocks[key]) {
      for (const b of Array.isArray(value) ? value : [value]) {
        if (isBody(b))
          checkBody(b, schema.blocks[key], `${where}.${key}`, problems, false);
      }
    } else problems.push(`${at}unknown argument "${key}"`);
  }
  for (const [name, kind] of Object.entries(schema.attributes)) {
    if (kind === 'required' && !(name in body))
      problems.push(`${at}required argument "${name}" is missing`);
  }
}

/** Resource and data source types exist and every argument / block is in the schema. */
export function checkAgainstSchema(
  mod: TfModule,
  schema: SchemaSubset,
): Violation[] {
  const found: Violation[] = [];
  const run = (
    blocks: ReturnType<typeof resources>,
    table: Record<string, BlockSchema>,
    kind: string,
  ) => {
    for (const b of blocks) {
      const s = table[b.type];
      if (!s) {
        found.push(
          violation(
            b,
            `${kind} type is not in the provider schema subset (unknown type, or run npm run schema:update)`,
          ),
        );
        continue;
      }
      const problems: string[] = [];
      checkBody(b.body, s, '', problems, true);
      for (const p of problems) found.push(violation(b, p));
    }
  };
  run(resources(mod), schema.resources, 'resource');
  run(dataSources(mod), schema.data_sources, 'data source');
  return found;
}

/** Resource types whose schema has a settable `tags` argument. */
export function taggableTypes(schema: SchemaSubset): Set<string> {
  return new Set(
    Object.entries(schema.resources)
      .filter(([, s]) => s.attributes.tags === 'optional')
      .map(([t]) => t),
  );
}

/** Every resource that supports tags sets them from local.tags. */
export function checkCommonTags(
  mod: TfModule,
  taggable: Set<string>,
): Violation[] {
  return resources(mod)
    .filter(r => taggable.has(r.type))
    .filter(r => !String(r.body.tags ?? '').includes('local.tags'))
    .map(r => violation(r, 'does not set tags from local.tags'));
}
