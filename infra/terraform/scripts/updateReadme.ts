/* Regenerates the inputs/outputs tables of production-hardening/README.md. */
import fs from 'node:fs';
import { loadModule } from '../src/module';
import { MODULE_DIR, README } from '../src/paths';
import { renderDocs, replaceDocs } from '../src/readme';

async function main() {
  const docs = renderDocs(await loadModule(MODULE_DIR));
  fs.writeFileSync(README, replaceDocs(fs.readFileSync(README, 'utf8'), docs));
  process.stdout.write(`updated ${README}\n`);
}

main().catch(error => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
