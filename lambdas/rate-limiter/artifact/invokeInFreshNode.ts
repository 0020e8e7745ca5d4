import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { HandlerLocation } from './terraform';

/**
 * Loads the handler from an unzipped bundle and calls it once, the way the Lambda
 * runtime does: `require(file)[export](event, context)`. The event and the result go
 * through files because the handler logs JSON to stdout. The process exits once the
 * result is written, as Lambda freezes the sandbox with the Redis connection open.
 */
const RUNNER = `
const fs = require('node:fs');
const path = require('node:path');
const [file, exportName, eventFile, resultFile] = process.argv.slice(1);
const handler = require(path.resolve(file))[exportName];
if (typeof handler !== 'function') {
  console.error(file + ' does not export a function named ' + exportName);
  process.exit(2);
}
const context = {
  functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
  functionVersion: '1',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:rate-limiter:live',
  memoryLimitInMB: '256',
  awsRequestId: 'fresh-node-invocation',
  logGroupName: '/aws/lambda/rate-limiter',
  logStreamName: 'local',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 30000,
};
Promise.resolve(handler(JSON.parse(fs.readFileSync(eventFile, 'utf8')), context)).then(
  result => {
    fs.writeFileSync(resultFile, JSON.stringify(result));
    process.exit(0);
  },
  error => {
    console.error(error && error.stack ? error.stack : error);
    process.exit(1);
  },
);
`;

export interface Invocation {
  result: unknown;
  /** The handler's logs. */
  stdout: string;
  stderr: string;
}

/** Directories a bare `require` from `dir` would search for packages. */
export function reachableNodeModules(dir: string): string[] {
  const found: string[] = [];
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, 'node_modules')))
      found.push(join(at, 'node_modules'));
    if (dirname(at) === at) return found;
  }
}

/**
 * Runs the handler at `location` inside `taskRoot` in a new Node.js process whose
 * environment is exactly `env`: no NODE_PATH, no NODE_OPTIONS, nothing inherited.
 */
export async function invokeInFreshNode(options: {
  taskRoot: string;
  location: HandlerLocation;
  event: unknown;
  env: Record<string, string>;
  timeoutMs?: number;
}): Promise<Invocation> {
  const eventFile = join(options.taskRoot, '..', 'event.json');
  const resultFile = join(options.taskRoot, '..', 'result.json');
  writeFileSync(eventFile, JSON.stringify(options.event));
  rmSync(resultFile, { force: true });
  const child = spawn(
    process.execPath,
    [
      '-e',
      RUNNER,
      options.location.file,
      options.location.exportName,
      eventFile,
      resultFile,
    ],
    {
      cwd: options.taskRoot,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', chunk => (stdout += chunk));
  child.stderr.on('data', chunk => (stderr += chunk));
  const timer = setTimeout(
    () => child.kill('SIGKILL'),
    options.timeoutMs ?? 60_000,
  );
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).finally(() => clearTimeout(timer));
  if (code !== 0) {
    throw new Error(
      `the handler process exited with ${code}\nstderr:\n${stderr}\nstdout:\n${stdout}`,
    );
  }
  return {
    result: JSON.parse(readFileSync(resultFile, 'utf8')),
    stdout,
    stderr,
  };
}
