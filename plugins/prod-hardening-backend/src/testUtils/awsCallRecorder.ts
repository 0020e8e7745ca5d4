import type { Pluggable } from '@smithy/types';

/** One SDK command as a client was asked to send it, before any request was built. */
export interface RecordedAwsCall {
  /** The client's class name, e.g. `GuardDutyClient`. */
  client: string;
  /** The operation, e.g. `CreateDetector` (the command's name without `Command`). */
  operation: string;
  /** The command's input, copied when it was sent. */
  input: Record<string, unknown>;
}

/** Operations that only read, by AWS's naming; everything else writes. */
const READ_OPERATION = /^(Get|List|Describe|Head|Lookup|BatchGet|Query|Scan)/;

/**
 * Records every SDK call made through the clients it is added to, as a client
 * middleware at the initialize step: what the code asked AWS to do, whether or not
 * AWS then accepted it. Add it with `new DefaultAwsClientFactory(aws, { plugins:
 * [recorder.plugin] })`.
 */
export function awsCallRecorder() {
  const calls: RecordedAwsCall[] = [];
  const plugin: Pluggable<any, any> = {
    applyToStack(stack) {
      stack.add(
        (next, context) => async args => {
          calls.push({
            client: String(context.clientName),
            operation: String(context.commandName).replace(/Command$/, ''),
            input: structuredClone(args.input),
          });
          return next(args);
        },
        { step: 'initialize', name: 'awsCallRecorder', priority: 'high' },
      );
    },
  };
  return {
    plugin,
    /** Every call, reads included, in the order they were made. */
    calls,
    /** The calls that change something, in the order they were made. */
    writes: () => calls.filter(c => !READ_OPERATION.test(c.operation)),
    clear: () => {
      calls.length = 0;
    },
  };
}
