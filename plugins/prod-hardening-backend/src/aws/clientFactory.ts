import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentityProvider, Pluggable } from '@smithy/types';
import type { ProdHardeningConfig } from '../config';

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

/**
 * Which identity a call runs under. Reads and remediations use separate roles so that
 * the portal's day-to-day identity cannot change the account.
 */
export type AwsAccess = 'read' | 'remediate';

export interface AwsClientOptions {
  /** Read-only role (default) or the remediation role. */
  access?: AwsAccess;
  /**
   * For services whose endpoint rules put the account id in the host name
   * (S3 Control: `123456789012.s3-control.<region>.amazonaws.com`). With an endpoint
   * override that host cannot resolve, so every request goes to the override as is.
   * Without an override this changes nothing.
   */
  accountIdInHost?: boolean;
}

export interface AwsClientFactory {
  readonly region: string;
  readonly accountId: string;
  /** One cached client per constructor and access kind. */
  client<C extends AwsSdkClient>(
    ctor: AwsSdkClientConstructor<C>,
    options?: AwsClientOptions,
  ): C;
  destroy(): void;
}

/**
 * The one way to build an AWS client in this plugin: region, endpoint override,
 * credentials (default chain or an assumed role), timeouts and retries all come from
 * configuration here, never from the adapters.
 */
export class DefaultAwsClientFactory implements AwsClientFactory {
  private readonly clients = new Map<
    Function,
    Partial<Record<AwsAccess, AwsSdkClient>>
  >();
  private readonly credentials: Record<
    AwsAccess,
    AwsCredentialIdentityProvider | undefined
  >;

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
    this.credentials = {
      read: this.assumedRole(aws.readRoleArn, 'prod-hardening-read'),
      remediate: this.assumedRole(
        aws.remediationRoleArn ?? aws.readRoleArn,
        'prod-hardening-remediate',
      ),
    };
  }

  get region() {
    return this.aws.region;
  }

  get accountId() {
    return this.aws.accountId;
  }

  client<C extends AwsSdkClient>(
    Client: AwsSdkClientConstructor<C>,
    options: AwsClientOptions = {},
  ): C {
    const access = options.access ?? 'read';
    const byAccess = this.clients.get(Client) ?? {};
    const cached = byAccess[access];
    if (cached) return cached as C;
    const config = this.clientConfig(access);
    const endpoint = this.aws.endpoint;
    if (endpoint && options.accountIdInHost) {
      config.endpointProvider = () => ({ url: new URL(endpoint) });
    }
    const client = new Client(config);
    for (const plugin of this.options.plugins ?? []) {
      client.middlewareStack.use(plugin);
    }
    this.clients.set(Client, { ...byAccess, [access]: client });
    return client;
  }

  destroy() {
    for (const byAccess of this.clients.values()) {
      for (const client of Object.values(byAccess)) client?.destroy();
    }
    this.clients.clear();
  }

  private clientConfig(access: AwsAccess): AwsSdkClientConfig {
    return {
      region: this.aws.region,
      endpoint: this.aws.endpoint,
      credentials: this.credentials[access],
      maxAttempts: this.aws.maxAttempts,
      requestHandler: new NodeHttpHandler({
        connectionTimeout: this.aws.connectTimeoutMs,
        requestTimeout: this.aws.requestTimeoutMs,
      }),
      // Virtual-hosted bucket names cannot resolve against a single override host.
      forcePathStyle: this.aws.endpoint ? true : undefined,
    };
  }

  private assumedRole(roleArn: string | undefined, sessionName: string) {
    if (!roleArn) return undefined; // SDK default chain: env, SSO, web identity, IMDS...
    return fromTemporaryCredentials({
      params: {
        RoleArn: roleArn,
        RoleSessionName: sessionName,
        ExternalId: this.aws.externalId,
        DurationSeconds: 3600,
      },
      clientConfig: { region: this.aws.region, endpoint: this.aws.endpoint },
    });
  }
}
