import { forbiddenInputs } from './bundle';

describe('forbiddenInputs', () => {
  it('lets through runtime sources and dependencies, and nothing else', () => {
    const devDependencies = new Set([
      'fast-check',
      '@prod-hardening/dev-stack',
    ]);
    const inputs = [
      'src/handler.ts',
      'src/limiter/scripts.ts',
      '../../node_modules/ioredis/built/index.js',
      '../../node_modules/@aws-sdk/client-sqs/dist-es/index.js',
      'local/stubApi.ts',
      'testUtils/localStack.ts',
      'src/handler.test.ts',
      '../../node_modules/fast-check/lib/fast-check.js',
      // a workspace package resolves through its symlink to its own folder
      '../../dev/src/stack/index.ts',
      'bench/limiter.ts',
    ];
    expect(forbiddenInputs(inputs, devDependencies)).toEqual(inputs.slice(4));
  });
});
