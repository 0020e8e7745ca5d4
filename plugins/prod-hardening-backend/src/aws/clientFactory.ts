import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentityProvider, Pluggable } from '@smithy/types';
import type { ProdHardeningConfig } from '../config';
import type { ActingUser } from './actingUser';
import { priceListRegion } from './priceListRegion';
import { RemediationCredentials } from './remediationCredentials';

/** What every AWS SDK v3 client constructor accepts and we set. */
export interface AwsSdkClientConfig {
  region: string;
  endpoint?: string;
  credentials?: AwsCredentialIdentityProvider;
  maxAttempts: number;
  requestHandler: NodeHttpHandler;
  /** Honoured by S3 only; other clients ignore it. */
  forcePathStyle?: boolean;
  /** Replaces the service's endpoint rules; set only for pinned endpoints. */
  endpointProvider?: () => { url: URL };
}

/** The parts of an SDK client the factory touches. */
export interface AwsSdkClient {
  destroy(): void;
  middlewareStack: { use(pluggable: Pluggable<any, any>): void };
}

export interface AwsClientFactoryOptions {
  /**
   * Middleware added to every client the factory builds, e.g. a test's recorder of
   * the calls made (src/testUtils/awsCallRecorder.ts).
   */
  plugins?: Pluggable<any, any>[];
}

export type AwsSdkClientConstructor<C extends AwsSdkClient> = new (
  config: AwsSdkClientConfig,
) => C;

export interface AwsClientOptions {
  /**
   * For services whose endpoint rules put the account id in the host name
   * (S3 Control: `123456789012.s3-control.<region>.amazonaws.com`). With an endpoint
   * override that host cannot resolve, so every request goes to the override as is.
   * Without an override this changes nothing.
   */
  accountIdInHost?: boolean;
  /**
   * For the Price List Query API (Pricing): it lives in three regions only (see
   * priceListRegion), and `aws.pricingEndpoint` overrides its endpoint apart from the
   * others (the emulator has no Price List).
   */
  priceList?: boolean;
}

/** Clients under one identity: the account they reach and how to build one. */
export interface AwsClients {
  readonly region: string;
  readonly accountId: string;
  client<C extends AwsSdkClient>(
    ctor: AwsSdkClientConstructor<C>,
    options?: AwsClientOptions,
  ): C;
}

/** Clients of the remediation role, acting for one portal user. */
export interface RemediationAws extends AwsClients {
  readonly actor: ActingUser;
}

export interface AwsClientFactory extends AwsClients {
  /** A read-role client: one cached client per constructor. */
  client<C extends AwsSdkClient>(
    ctor: AwsSdkClientConstructor<C>,
    options?: AwsClientOptions,
  ): C;
  /**
   * Runs `fn` with clients of the remediation role acting for `actor`: the only way to
   * get a client that can change the account. The role is assumed with the user as
   * SourceIdentity and session tags, so CloudTrail names them. The clients live as
   * long as `fn`; asking for one afterwards throws.
   */
  actingAs<T>(
    actor: ActingUser,
    fn: (aws: RemediationAws) => Promise<T>,
  ): Promise<T>;
  destroy(): void;
}

/**
 * The one way to build an AWS client in this plugin: region, endpoint override,
 * credentials (default chain or an assumed role), timeouts and retries all come from
 * configuration here, never from the adapters. Reads and remediations use separate
 * roles so that the portal's day-to-day identity cannot change the account.
 */
export class DefaultAwsClientFactory implements AwsClientFactory {
  private readonly clients = new Map<Function, AwsSdkClient>();
  private readonly readCredentials?: AwsCredentialIdentityProvider;
  /** Unset without a role to assume: remediations then use the default chain too. */
  private readonly remediationCredentials?: RemediationCredentials;

  static fromConfig(
    config: ProdHardeningConfig,
    options?: AwsClientFactoryOptions,
  ): DefaultAwsClientFactory {
    return new DefaultAwsClientFactory(config.aws, options);
  }

  constructor(
    private readonly aws: ProdHardeningConfig['aws'],
    private readonly options: AwsClientFactoryOptions = {},
  ) {
    if (aws.readRoleArn) {
      this.readCredentials = fromTemporaryCredentials({
        params: {
          RoleArn: aws.readRoleArn,
          RoleSessionName: 'prod-hardening-read',
          ExternalId: aws.externalId,
          DurationSeconds: 3600,
        },
        clientConfig: this.stsClientConfig(),
      });
    }
    const remediationRoleArn = aws.remediationRoleArn ?? aws.readRoleArn;
    if (remediationRoleArn) {
      this.remediationCredentials = new RemediationCredentials({
        roleArn: remediationRoleArn,
        externalId: aws.externalId,
        stsClientConfig: this.stsClientConfig(),
      });
    }
  }

  get region() {
    return this.aws.region;
  }

  get accountId() {
    return this.aws.accountId;
  }

  client<C extends AwsSdkClient>(
    ctor: AwsSdkClientConstructor<C>,
    options: AwsClientOptions = {},
  ): C {
    const cached = this.clients.get(ctor);
    if (cached) return cached as C;
    const client = this.build(ctor, this.readCredentials, options);
    this.clients.set(ctor, client);
    return client;
  }

  async actingAs<T>(
    actor: ActingUser,
    fn: (aws: RemediationAws) => Promise<T>,
  ): Promise<T> {
    const credentials = this.remediationCredentials?.providerFor(actor);
    const clients = new Map<Function, AwsSdkClient>();
    let open = true;
    const session: RemediationAws = {
      region: this.region,
      accountId: this.accountId,
      actor,
      client: (ctor, options = {}) => {
        if (!open) {
          throw new Error(
            `A remediation client was asked for after acting as ${actor.userRef} ended`,
          );
        }
        const cached = clients.get(ctor);
        if (cached) return cached as any;
        const client = this.build(ctor, credentials, options);
        clients.set(ctor, client);
        return client;
      },
    };
    try {
      return await fn(session);
    } finally {
      open = false;
      for (const client of clients.values()) client.destroy();
    }
  }

  destroy() {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  /** A new client with the configured plugins (e.g. a test's call recorder) added. */
  private build<C extends AwsSdkClient>(
    Client: AwsSdkClientConstructor<C>,
    credentials: AwsCredentialIdentityProvider | undefined,
    options: AwsClientOptions,
  ): C {
    const client = new Client(this.clientConfig(credentials, options));
    for (const plugin of this.options.plugins ?? []) {
      client.middlewareStack.use(plugin);
    }
    return client;
  }

  private clientConfig(
    credentials: AwsCredentialIdentityProvider | undefined,
    options: AwsClientOptions,
  ): AwsSdkClientConfig {
    const endpoint = options.priceList
      ? this.aws.pricingEndpoint ?? this.aws.endpoint
      : this.aws.endpoint;
    return {
      region: options.priceList
        ? priceListRegion(this.aws.region)
        : this.aws.region,
      endpoint,
      credentials,
      maxAttempts: this.aws.maxAttempts,
      requestHandler: this.requestHandler(),
      // Virtual-hosted bucket names cannot resolve against a single override host.
      forcePathStyle: endpoint ? true : undefined,
      ...(endpoint && options.accountIdInHost
        ? { endpointProvider: () => ({ url: new URL(endpoint) }) }
        : {}),
    };
  }

  /** STS for AssumeRole: the same endpoint, timeouts and retries as every other call. */
  private stsClientConfig() {
    return {
      region: this.aws.region,
      endpoint: this.aws.endpoint,
      maxAttempts: this.aws.maxAttempts,
      requestHandler: this.requestHandler(),
    };
  }

  private requestHandler() {
    return new NodeHttpHandler({
      connectionTimeout: this.aws.connectTimeoutMs,
      requestTimeout: this.aws.requestTimeoutMs,
    });
  }
}
