import fs from 'node:fs';
import path from 'node:path';
import { checkRequiredOutputs, checkVariablesAndOutputs } from '../src/checks';
import { referencesIn, stringsIn } from '../src/expressions';
import {
  listTfFiles,
  loadModule,
  outputs,
  parseFile,
  TfModule,
  variables,
} from '../src/module';
import { EXAMPLE_DIR, MODULE_DIR } from '../src/paths';
import { assertNoViolations } from '../src/violations';

let mod: TfModule;
let example: TfModule;

beforeAll(async () => {
  mod = await loadModule(MODULE_DIR);
  example = await loadModule(EXAMPLE_DIR);
});

describe('production-hardening module structure', () => {
  it('parses every .tf file of the module and of examples/complete', async () => {
    for (const dir of [MODULE_DIR, EXAMPLE_DIR]) {
      for (const file of listTfFiles(dir)) {
        await expect(
          parseFile(file, fs.readFileSync(path.join(dir, file), 'utf8')),
        ).resolves.toBeDefined();
      }
    }
  });

  it('names the file when a file does not parse', async () => {
    await expect(
      parseFile('broken.tf', 'resource "aws_sqs_queue" "q" {\n  name = \n'),
    ).rejects.toThrow(/^broken\.tf: /);
  });

  it('keeps the terraform-aws-modules layout: versions, variables, outputs, one file per concern', () => {
    const files = listTfFiles(MODULE_DIR);
    expect(files).toEqual(
      expect.arrayContaining(['versions.tf', 'variables.tf', 'outputs.tf']),
    );
    const misplaced = mod.blocks.filter(
      b =>
        (b.kind === 'variable' && b.file !== 'variables.tf') ||
        (b.kind === 'output' && b.file !== 'outputs.tf') ||
        (b.kind === 'terraform' && b.file !== 'versions.tf'),
    );
    expect(misplaced.map(b => `${b.file}: ${b.kind} ${b.name}`)).toEqual([]);
    expect(mod.blocks.filter(b => b.kind === 'provider')).toEqual([]);
  });

  it('requires Terraform >= 1.5 and AWS provider 5', () => {
    const tf = mod.blocks.find(b => b.kind === 'terraform')!;
    expect(tf.body.required_version).toBe('>= 1.5.0');
    const providers = (
      tf.body.required_providers as Array<
        Record<string, { source: string; version: string }>
      >
    )[0];
    expect(providers.aws).toEqual({
      source: 'hashicorp/aws',
      version: '>= 5.0, < 6.0',
    });
  });

  it('types, describes and uses every variable and describes every output', async () => {
    assertNoViolations(await checkVariablesAndOutputs(mod));
  });

  it("exposes the seed's five outputs", () => {
    assertNoViolations(
      checkRequiredOutputs(mod, [
        'sqs_workflow_queue_url',
        'sqs_rate_limiter_queue_url',
        'dynamodb_costs_table_name',
        'sns_cost_alerts_arn',
        'redis_encrypted_endpoint',
      ]),
    );
  });

  it('takes the account id and the region as variables', () => {
    const names = variables(mod).map(v => v.name);
    expect(names).toEqual(
      expect.arrayContaining(['aws_account_id', 'aws_region']),
    );
    const literalAccount = mod.files
      .filter(f => /\b\d{12}\b/.test(f.source))
      .map(f => f.name);
    expect(literalAccount).toEqual([]);
  });

  it('gives examples/complete every required input and only outputs the module has', async () => {
    const call = example.blocks.find(b => b.kind === 'module')!;
    expect(call.body.source).toBe('../../');
    const required = variables(mod)
      .filter(v => !('default' in v.body))
      .map(v => v.name);
    expect(required.filter(name => !(name in call.body))).toEqual([]);
    const known = new Set(variables(mod).map(v => v.name));
    expect(
      Object.keys(call.body).filter(k => k !== 'source' && !known.has(k)),
    ).toEqual([]);

    const moduleOutputs = new Set(outputs(mod).map(o => o.name));
    const used: string[] = [];
    for (const block of example.blocks) {
      for (const text of stringsIn(block.body)) {
        for (const ref of await referencesIn(block.file, text)) {
          if (ref.startsWith('module.')) used.push(ref.split('.')[2]);
        }
      }
    }
    expect(used.filter(o => !moduleOutputs.has(o))).toEqual([]);
  });
});
