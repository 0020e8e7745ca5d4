import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
} from '@smithy/types';
import { ActingUser, sessionTagsOf, sourceIdentityOf } from './actingUser';

/**
 * AssumeRole's minimum: remediation sessions are short, and credentials that name a
 * user should not outlive what that user is doing by much.
 */
export const REMEDIATION_SESSION_SECONDS = 900;
/** Credentials this close to expiry are renewed before use, so no call runs on a dying session. */
const RENEW_BEFORE_EXPIRY_MS = 5 * 60_000;
/** Enough for every on-call engineer at once; past it the oldest sessions are dropped. */
const MAX_CACHED_SESSIONS = 100;

export interface RemediationCredentialsOptions {
  roleArn: string;
  externalId?: string;
  /** The STS client's settings: region, endpoint override, timeouts, retries. */
  stsClientConfig: Record<string, unknown>;
  nowMs?: () => number;
}

interface CachedSession {
  provider: AwsCredentialIdentityProvider;
  expiresAtMs(): number | undefined;
}

/**
 * The remediation role's credentials, one session per acting user and plan: AssumeRole
 * with `SourceIdentity` (the user) and session tags (user, plan), so CloudTrail names
 * the portal user behind every change. A session is reused while it has more than
 * five minutes left: every call of one plan shares one AssumeRole, and a user's
 * plan-less changes (DLQ redrive) share theirs.
 */
export class RemediationCredentials {
  private readonly sessions = new Map<string, CachedSession>();
  private readonly nowMs: () => number;

  constructor(private readonly options: RemediationCredentialsOptions) {
    this.nowMs = options.nowMs ?? Date.now;
  }

  providerFor(actor: ActingUser): AwsCredentialIdentityProvider {
    this.dropExpired();
    const key = `${actor.userRef}\n${actor.planId ?? ''}`;
    let session = this.sessions.get(key);
    if (!session) {
      session = this.newSession(actor);
      this.sessions.set(key, session);
      if (this.sessions.size > MAX_CACHED_SESSIONS) {
        // Maps iterate in insertion order: the first key is the oldest session.
        this.sessions.delete(this.sessions.keys().next().value!);
      }
    }
    return session.provider;
  }

  private newSession(actor: ActingUser): CachedSession {
    const sourceIdentity = sourceIdentityOf(actor.userRef);
    const assume = fromTemporaryCredentials({
      params: {
        RoleArn: this.options.roleArn,
        RoleSessionName: sourceIdentity,
        SourceIdentity: sourceIdentity,
        Tags: sessionTagsOf(actor),
        ExternalId: this.options.externalId,
        DurationSeconds: REMEDIATION_SESSION_SECONDS,
      },
      clientConfig: this.options.stsClientConfig,
    });
    let current: Promise<AwsCredentialIdentity> | undefined;
    let expiresAtMs: number | undefined;
    const provider: AwsCredentialIdentityProvider = async () => {
      const stale =
        expiresAtMs !== undefined &&
        expiresAtMs - RENEW_BEFORE_EXPIRY_MS <= this.nowMs();
      if (!current || stale) {
        expiresAtMs = undefined;
        current = assume().then(
          identity => {
            expiresAtMs = identity.expiration?.getTime();
            return identity;
          },
          err => {
            current = undefined; // a refused AssumeRole is retried on the next call
            throw err;
          },
        );
      }
      return current;
    };
    return { provider, expiresAtMs: () => expiresAtMs };
  }

  private dropExpired() {
    const now = this.nowMs();
    for (const [key, session] of this.sessions) {
      const expiresAt = session.expiresAtMs();
      if (expiresAt !== undefined && expiresAt <= now)
        this.sessions.delete(key);
    }
  }
}
