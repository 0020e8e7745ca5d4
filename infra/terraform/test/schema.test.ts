import { loadModule, TfModule } from '../src/module';
import { MODULE_DIR, SCHEMA_FIXTURE } from '../src/paths';
import {
  checkAgainstSchema,
  checkCommonTags,
  taggableTypes,
} from '../src/schema';
import { readSchemaFixture } from '../src/schemaFromTerraform';
import { assertNoViolations } from '../src/violations';

let mod: TfModule;
const fixture = readSchemaFixture(SCHEMA_FIXTURE);

beforeAll(async () => {
  mod = await loadModule(MODULE_DIR);
});

describe(`AWS provider schema (${fixture.version}, test/fixtures/aws-provider-schema.json)`, () => {
  it('uses only resource types, arguments and blocks the provider has, none deprecated or read-only, all required ones set', () => {
    assertNoViolations(checkAgainstSchema(mod, fixture));
  });

  it('tags every resource that supports tags with the common tags', () => {
    const taggable = taggableTypes(fixture);
    expect(taggable.size).toBeGreaterThan(20);
    assertNoViolations(checkCommonTags(mod, taggable));
  });

  it('rejects an unknown argument naming the file', () => {
    const broken = {
      ...mod,
      blocks: mod.blocks.map(b =>
        b.type === 'aws_sqs_queue' && b.name === 'rate_limiter'
          ? { ...b, body: { ...b.body, visibility_timeout: 30 } }
          : b,
      ),
    };
    expect(checkAgainstSchema(broken, fixture)).toEqual([
      {
        file: 'sqs.tf',
        message:
          'aws_sqs_queue.rate_limiter unknown argument "visibility_timeout"',
      },
    ]);
  });
});
