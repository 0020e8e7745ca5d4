import { PROPERTY_CHECKS } from '../src/checks';
import { loadModule, TfModule } from '../src/module';
import { MODULE_DIR } from '../src/paths';
import { assertNoViolations } from '../src/violations';

/**
 * The properties checked on the source because `terraform test` cannot state them; the
 * others are production-hardening/tests/*.tftest.hcl (test/terraformTest.test.ts runs them).
 */
let mod: TfModule;

beforeAll(async () => {
  mod = await loadModule(MODULE_DIR);
});

const cases: Array<[string, keyof typeof PROPERTY_CHECKS]> = [
  [
    'grants no Action "*", no NotAction and no wildcard action on every resource',
    'iamWildcards',
  ],
  [
    'writes no value of a secret set out of band and takes no secret value as an input',
    'secretValuesOutOfConfiguration',
  ],
  [
    "leaves the ECS services' desired_count to auto scaling (ignore_changes)",
    'desiredCountLeftToAutoScaling',
  ],
];

describe('properties Terraform cannot state about itself', () => {
  it.each(cases)('%s', async (_name, check) => {
    assertNoViolations(await PROPERTY_CHECKS[check](mod));
  });
});
