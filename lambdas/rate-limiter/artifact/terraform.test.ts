import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  deployedFunction,
  documentedArtifactPath,
  lambdaEnvironmentNames,
  nodeTarget,
  parseHandler,
  variableDefault,
} from './terraform';

describe('reading the deployment from the Terraform module', () => {
  it('finds the handler, runtime, environment and artifact path the module deploys', () => {
    const fn = deployedFunction();
    expect(fn.location).toEqual(parseHandler(fn.handler));
    expect(fn.target).toMatch(/^node\d+$/);
    expect(lambdaEnvironmentNames()).toEqual(
      expect.arrayContaining(['REDIS_URL', 'QUEUE_URL', 'DLQ_URL']),
    );
    expect(documentedArtifactPath()).toMatch(/\.zip$/);
  });

  it('reads only the named block, and fails loudly on what it cannot find', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tf-read-'));
    try {
      writeFileSync(
        join(dir, 'variables.tf'),
        [
          'variable "other" {',
          '  default = "not-this"',
          '}',
          '',
          'variable "rate_limiter_handler" {',
          '  description = "Handler"',
          '  type        = string',
          '  default     = "app/main.run"',
          '}',
          '',
          'variable "rate_limiter_runtime" {',
          '  type = string',
          '}',
          '',
        ].join('\n'),
      );
      expect(variableDefault('rate_limiter_handler', dir)).toBe('app/main.run');
      expect(() => variableDefault('rate_limiter_runtime', dir)).toThrow(
        /no string default/,
      );
      expect(() => variableDefault('missing', dir)).toThrow(/not found/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('maps handler settings to files and runtimes to esbuild targets', () => {
    expect(parseHandler('index.handler')).toEqual({
      file: 'index.js',
      exportName: 'handler',
    });
    expect(parseHandler('dist/app.main')).toEqual({
      file: 'dist/app.js',
      exportName: 'main',
    });
    expect(() => parseHandler('handler')).toThrow(/module\.export/);
    expect(nodeTarget('nodejs20.x')).toBe('node20');
    expect(nodeTarget('nodejs22.x')).toBe('node22');
    expect(() => nodeTarget('python3.12')).toThrow(/not a Node\.js runtime/);
  });
});
