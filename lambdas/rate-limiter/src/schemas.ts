import { z } from 'zod';

/** The producer's message, as sent on the rate-limiter queue (seed contract). */
export const rateLimiterEventSchema = z.object({
  messageId: z.string().min(1).max(256),
  userId: z
    .string()
    .min(1)
    .max(128)
    // the id becomes part of a Redis key and its hash tag
    .regex(/^[^{}\s]+$/, 'userId must not contain braces or whitespace'),
  fanId: z.string().min(1).max(128),
  message: z.string().min(1).max(10_000),
  /** Producer timestamp in epoch seconds (seed) or milliseconds. */
  timestamp: z.number().int().nonnegative(),
});

export type RateLimiterEvent = z.infer<typeof rateLimiterEventSchema>;

/** The decision for one send (seed contract). */
export interface RateLimiterResponse {
  allowed: boolean;
  /** Milliseconds until a send would be allowed; present only when denied. */
  retryAfter?: number;
  tokensRemaining: number;
}
