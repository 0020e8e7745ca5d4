import { loadModule } from '../src/module';
import { MODULE_DIR, SCHEMA_FIXTURE } from '../src/paths';
import {
  readSchemaFixture,
  schemaSubsetFromTerraform,
} from '../src/schemaFromTerraform';
import {
  initScratch,
  terraform,
  terraformAvailable,
} from '../src/terraformCli';

/**
 * Runs the real Terraform when this machine has it and a local provider mirror
 * (TERRAFORM_BIN, TF_PLUGIN_DIR; never the network). The parser tests are the checks that
 * run everywhere; these add Terraform's own validation on top.
 */
const { available, reason } = terraformAvailable();

// terraform init/validate/providers schema take seconds each, more when CI runs every
// workspace's tests in parallel on two cores.
jest.setTimeout(180_000);

if (!available) {
  // eslint-disable-next-line no-console
  console.warn(`terraform validate / schema / fmt tests skipped: ${reason}`);
}

(available ? describe : describe.skip)(
  available
    ? 'terraform with the local provider mirror'
    : `terraform (skipped: ${reason})`,
  () => {
    let scratch: Awaited<ReturnType<typeof initScratch>>;

    beforeAll(async () => {
      // examples/complete calls the module, so one init and one validate cover both.
      scratch = await initScratch(MODULE_DIR, 'examples/complete');
    });

    afterAll(() => scratch?.cleanup());

    it('initialises examples/complete offline from the mirror', () => {
      expect(scratch.init.code === 0 ? '' : scratch.init.stderr).toBe('');
    });

    it('validates examples/complete and the module it calls', async () => {
      const result = await terraform(
        scratch.cwd,
        ['validate', '-no-color'],
        scratch.dataDir,
      );
      expect(
        result.code === 0 ? '' : `${result.stdout}\n${result.stderr}`,
      ).toBe('');
    });

    it('matches test/fixtures/aws-provider-schema.json to the mirrored provider (npm run schema:update regenerates it)', async () => {
      const subset = await schemaSubsetFromTerraform(
        await loadModule(MODULE_DIR),
        scratch,
      );
      expect(subset).toEqual(readSchemaFixture(SCHEMA_FIXTURE));
    });

    it('is formatted as terraform fmt writes it', async () => {
      const result = await terraform(
        MODULE_DIR,
        ['fmt', '-check', '-recursive', '-list=true', '-no-color'],
        scratch.dataDir,
      );
      expect({
        unformatted: result.stdout.split('\n').filter(Boolean),
        code: result.code,
      }).toEqual({ unformatted: [], code: 0 });
    });
  },
);
