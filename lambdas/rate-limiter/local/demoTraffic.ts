import { randomUUID } from 'node:crypto';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { RateLimiterEvent } from '../src/schemas';
import type { StubRequest } from './stubApi';

/** The demo's shape: a steady trickle over many creators, a burst now and then. */
export interface DemoTrafficOptions {
  /** Creators `creator-01` … `creator-NN`. */
  creators: number;
  /** Each tick, between 1 and this many creators send one message. */
  maxTrickle: number;
  /** Every this many ticks one creator sends a burst. */
  burstEvery: number;
  /** Messages in a burst: more than the bucket holds, so some are throttled. */
  burstSize: number;
}

export const DEFAULT_DEMO_TRAFFIC: DemoTrafficOptions = {
  creators: 40,
  maxTrickle: 3,
  burstEvery: 15,
  burstSize: 6,
};

/**
 * A creator whose account the stub API reports as under review for the first
 * minutes of the demo: its messages are rejected (422) and dead-lettered, so the
 * DLQ has something to redrive, and a redrive after the review delivers them.
 */
export const REVIEW_CREATOR = 'creator-under-review';
export const REVIEW_MESSAGES = 3;

/** What one tick sends: one entry per message, by creator. */
export type DemoTick = { userId: string; fanId: string; text: string }[];

const creatorId = (n: number) => `creator-${String(n).padStart(2, '0')}`;

/**
 * The messages of tick `tick`, from a random source in [0, 1). Pure: the same
 * random sequence gives the same traffic.
 */
export function planDemoTick(
  tick: number,
  random: () => number,
  options: DemoTrafficOptions = DEFAULT_DEMO_TRAFFIC,
): DemoTick {
  const messages: DemoTick = [];
  const fan = () => `fan-${Math.floor(random() * 1000)}`;
  if (tick === 0) {
    for (let i = 0; i < REVIEW_MESSAGES; i++) {
      messages.push({
        userId: REVIEW_CREATOR,
        fanId: fan(),
        text: 'Welcome back!',
      });
    }
  }
  const trickle = 1 + Math.floor(random() * options.maxTrickle);
  for (let i = 0; i < trickle; i++) {
    const userId = creatorId(1 + Math.floor(random() * options.creators));
    messages.push({ userId, fanId: fan(), text: 'Thanks for subscribing!' });
  }
  if (tick > 0 && tick % options.burstEvery === 0) {
    // The same few creators burst in turn, so they top the busiest table.
    const userId = creatorId(1 + ((tick / options.burstEvery) % 5));
    const fanId = fan();
    for (let i = 0; i < options.burstSize; i++) {
      messages.push({ userId, fanId, text: `New post, part ${i + 1}` });
    }
  }
  return messages;
}

/** The stub API's answer for the demo: 422 for the creator under review until `untilMs`. */
export function reviewPeriod(untilMs: number, now: () => number = Date.now) {
  return (request: StubRequest): number | undefined =>
    request.userId === REVIEW_CREATOR && now() < untilMs ? 422 : undefined;
}

/** Producer messages for one tick, as the seed's contract describes them. */
export function toEvents(tick: DemoTick, nowMs: number): RateLimiterEvent[] {
  return tick.map(m => ({
    messageId: randomUUID(),
    userId: m.userId,
    fanId: m.fanId,
    message: m.text,
    timestamp: Math.floor(nowMs / 1000),
  }));
}

/** Sends each tick's messages to the queue every `intervalMs` until stopped. */
export class DemoTrafficProducer {
  private timer?: NodeJS.Timeout;
  private tick = 0;
  private inFlight: Promise<void> = Promise.resolve();
  sent = 0;

  constructor(
    private readonly options: {
      sqs: SQSClient;
      queueUrl: string;
      intervalMs: number;
      onError: (error: unknown) => void;
      traffic?: DemoTrafficOptions;
      random?: () => number;
    },
  ) {}

  start(): void {
    const run = () => {
      this.inFlight = this.send(this.tick++).catch(this.options.onError);
    };
    run();
    this.timer = setInterval(run, this.options.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.inFlight;
  }

  private async send(tick: number): Promise<void> {
    const events = toEvents(
      planDemoTick(
        tick,
        this.options.random ?? Math.random,
        this.options.traffic,
      ),
      Date.now(),
    );
    for (let i = 0; i < events.length; i += 10) {
      const batch = events.slice(i, i + 10);
      await this.options.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: this.options.queueUrl,
          Entries: batch.map((e, j) => ({
            Id: String(j),
            MessageBody: JSON.stringify(e),
          })),
        }),
      );
      this.sent += batch.length;
    }
  }
}
