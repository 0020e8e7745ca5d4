import { spawn, ChildProcess } from 'node:child_process';

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  /** Last lines the process printed, for error messages. */
  output(): string;
  /** Stops the process (SIGTERM, then SIGKILL after the grace period). Idempotent. */
  stop(graceMs?: number): Promise<void>;
  readonly exited: Promise<number | null>;
}

const OUTPUT_LINES_KEPT = 40;

/**
 * Spawns a long-running helper server in its own process group, so that stopping it
 * also stops anything it forked, and keeps the tail of its output for diagnostics.
 */
/** Process groups still running, killed if this process exits without stopping them. */
const running = new Set<number>();
let exitHookInstalled = false;

function killGroupsOnExit() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: a plain SIGKILL to each group is all we can do.
  process.once('exit', () => {
    for (const pid of running) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: {
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    /** Run as another user (only root may): PostgreSQL refuses to run as root. */
    uid?: number;
    gid?: number;
    /** The polite stop; e.g. PostgreSQL's SIGTERM waits for every client to leave. */
    stopSignal?: NodeJS.Signals;
  } = {},
): ManagedProcess {
  const child: ChildProcess = spawn(command, args, {
    env: options.env ?? process.env,
    cwd: options.cwd,
    uid: options.uid,
    gid: options.gid,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    if (lines.length > OUTPUT_LINES_KEPT)
      lines.splice(0, lines.length - OUTPUT_LINES_KEPT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  // Each server runs in its own process group (so stop() reaches anything it forks);
  // that also means it would outlive this process, unless the exit hook kills it.
  if (child.pid !== undefined) {
    running.add(child.pid);
    killGroupsOnExit();
  }
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>(resolve => {
    child.once('exit', code => {
      exitCode = code;
      if (child.pid !== undefined) running.delete(child.pid);
      resolve(code);
    });
    child.once('error', err => {
      lines.push(`${name} could not start: ${err.message}`);
      exitCode = -1;
      resolve(-1);
    });
  });

  return {
    name,
    pid: child.pid ?? -1,
    output: () => lines.join('\n'),
    exited,
    async stop(graceMs = 3000) {
      if (exitCode !== undefined || child.pid === undefined) return;
      const signalGroup = (signal: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, signal);
        } catch {
          // already gone
        }
      };
      signalGroup(options.stopSignal ?? 'SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `probe` until it resolves true, the process exits, or the deadline passes. */
export async function waitUntilHealthy(
  proc: ManagedProcess,
  probe: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  proc.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(
        `${proc.name} exited before it was ready:\n${proc.output()}`,
      );
    }
    if (await probe().catch(() => false)) return;
    await new Promise(r => setTimeout(r, 100));
  }
  await proc.stop();
  throw new Error(
    `${proc.name} was not ready after ${timeoutMs} ms:\n${proc.output()}`,
  );
}
