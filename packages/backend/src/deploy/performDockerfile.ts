import { spawnSync } from 'node:child_process';
import {
  closeSync,
  cpSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, posix } from 'node:path';
import { DockerInstruction } from './dockerfile';

/** What the image would hold: its file system in a directory, and how it starts. */
export interface PerformedImage {
  baseImage: string;
  /** The image's WORKDIR on this machine. */
  workdir: string;
  /** The image's ENV. */
  env: Record<string, string>;
  cmd: string[];
  exposedPorts: number[];
  /** What each RUN took, for the test's report. */
  runs: Array<{ command: string; ms: number }>;
}

export interface PerformOptions {
  /** The build context (`docker build <context>`): the repository root. */
  contextDir: string;
  /** Stands for the image's `/`. */
  rootDir: string;
  /** Put first on PATH for RUN, e.g. the Node of the base image. */
  binDir?: string;
  /** Host directory standing for `RUN --mount=type=cache` targets (npm's cache by default). */
  cacheDir?: string;
  /** Environment of this machine for RUN, under the image's ENV. */
  env?: Record<string, string>;
}

/**
 * Performs a parsed Dockerfile in a directory instead of an image: COPY copies from the
 * context, RUN runs in the WORKDIR with the image's ENV, cache mounts become a host
 * cache directory, USER is recorded only (the files stay this user's). FROM cannot be
 * performed: the caller provides the base image's Node through `binDir`.
 */
export function performDockerfile(
  steps: DockerInstruction[],
  options: PerformOptions,
): PerformedImage {
  const image: PerformedImage = {
    baseImage: '',
    workdir: options.rootDir,
    env: {},
    cmd: [],
    exposedPorts: [],
    runs: [],
  };
  let workdirInImage = '/';
  const inImage = (path: string) =>
    join(options.rootDir, posix.resolve(workdirInImage, path));

  for (const step of steps) {
    switch (step.kind) {
      case 'FROM':
        image.baseImage = step.image;
        break;
      case 'USER':
        break;
      case 'EXPOSE':
        image.exposedPorts.push(...step.ports);
        break;
      case 'WORKDIR':
        workdirInImage = posix.resolve(workdirInImage, step.path);
        image.workdir = join(options.rootDir, workdirInImage);
        mkdirSync(image.workdir, { recursive: true });
        break;
      case 'ENV':
        Object.assign(image.env, step.vars);
        break;
      case 'COPY': {
        const destination = inImage(step.destination);
        const intoDirectory =
          step.destination.endsWith('/') || step.sources.length > 1;
        for (const source of step.sources) {
          const from = join(options.contextDir, source);
          const to =
            intoDirectory && !statSync(from).isDirectory()
              ? join(destination, basename(source))
              : destination;
          mkdirSync(statSync(from).isDirectory() ? to : dirname(to), {
            recursive: true,
          });
          cpSync(from, to, { recursive: true });
        }
        break;
      }
      case 'RUN': {
        const cacheMounted = step.mounts.some(m => m.type === 'cache');
        const started = Date.now();
        // Output goes to a file beside the image: readable while a long RUN works.
        const logFile = join(
          dirname(options.rootDir),
          `run-line-${step.line}.log`,
        );
        const log = openSync(logFile, 'w');
        const result = spawnSync(
          'bash',
          ['-euo', 'pipefail', '-c', step.command],
          {
            cwd: image.workdir,
            stdio: ['ignore', log, log],
            env: {
              PATH: [options.binDir, process.env.PATH]
                .filter(Boolean)
                .join(':'),
              HOME: process.env.HOME ?? homedir(),
              ...options.env,
              ...image.env,
              ...(cacheMounted
                ? {
                    npm_config_cache:
                      options.cacheDir ?? join(homedir(), '.npm'),
                  }
                : {}),
            },
          },
        );
        closeSync(log);
        image.runs.push({ command: step.command, ms: Date.now() - started });
        if (result.status !== 0) {
          throw new Error(
            `Dockerfile line ${step.line}: RUN ${step.command} exited ${
              result.status
            }:\n${readFileSync(logFile, 'utf8').slice(-4000)}`,
          );
        }
        break;
      }
      case 'CMD':
        image.cmd = step.argv;
        break;
      default:
        throw new Error(`unhandled instruction ${(step as any).kind}`);
    }
  }
  return image;
}
