/* Regenerates test/fixtures/aws-provider-schema.json from the local provider mirror. */
import fs from 'node:fs';
import path from 'node:path';
import { loadModule } from '../src/module';
import { MODULE_DIR, SCHEMA_FIXTURE } from '../src/paths';
import { schemaSubsetFromTerraform } from '../src/schemaFromTerraform';
import { terraformAvailable } from '../src/terraformCli';

async function main() {
  const { available, reason } = terraformAvailable();
  if (!available) throw new Error(`cannot read the provider schema: ${reason}`);
  const subset = await schemaSubsetFromTerraform(await loadModule(MODULE_DIR));
  fs.mkdirSync(path.dirname(SCHEMA_FIXTURE), { recursive: true });
  fs.writeFileSync(SCHEMA_FIXTURE, `${JSON.stringify(subset, null, 1)}\n`);
  process.stdout.write(
    `wrote ${path.relative(process.cwd(), SCHEMA_FIXTURE)}: ${
      Object.keys(subset.resources).length
    } resource and ${
      Object.keys(subset.data_sources).length
    } data source types of ${subset.provider} ${subset.version}\n`,
  );
}

main().catch(error => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
