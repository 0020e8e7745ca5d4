import fs from 'node:fs';
import { dataSources, resources, TfModule } from './module';
import { AWS_PROVIDER } from './paths';
import { extractSubset, SchemaSubset } from './schema';
import { initScratch, terraform } from './terraformCli';

/**
 * Reads the AWS provider schema from the local mirror (terraform providers schema -json)
 * and keeps the types the module uses.
 */
export async function schemaSubsetFromTerraform(
  mod: TfModule,
  initialised?: { cwd: string; dataDir: string },
): Promise<SchemaSubset> {
  const scratch = initialised ? undefined : await initScratch(mod.dir);
  const where = initialised ?? scratch!;
  try {
    if (scratch && scratch.init.code !== 0)
      throw new Error(`terraform init failed:\n${scratch.init.stderr}`);
    const schema = await terraform(
      where.cwd,
      ['providers', 'schema', '-json'],
      where.dataDir,
    );
    if (schema.code !== 0)
      throw new Error(`terraform providers schema failed:\n${schema.stderr}`);
    const version = await terraform(
      where.cwd,
      ['version', '-json'],
      where.dataDir,
    );
    const selections = JSON.parse(version.stdout).provider_selections ?? {};
    return extractSubset(
      JSON.parse(schema.stdout),
      AWS_PROVIDER,
      String(selections[AWS_PROVIDER] ?? 'unknown'),
      resources(mod).map(r => r.type),
      dataSources(mod).map(d => d.type),
    );
  } finally {
    scratch?.cleanup();
  }
}

export function readSchemaFixture(file: string): SchemaSubset {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as SchemaSubset;
}
