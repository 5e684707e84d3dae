// The botbuilder CloudAdapter, configured from TeamsConfig: Bot Framework authentication on when an app
// id is set (SingleTenant by default), off in local development (the Emulator mode). Also the two SDK
// details the rest of the adapter relies on: proactive turns, and connector clients without the SDK's
// own retries (the outbox owns retries and Retry-After; an SDK sleeping 30 s inside a send would block it).
import {
  type Activity,
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type ConversationParameters,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { TeamsConfig } from '../config/env.js';

/** The part of the SDK's ConnectorClient the adapter uses (the class itself is not re-exported by botbuilder). */
export interface ConnectorClient {
  readonly conversations: {
    sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
    updateActivity(conversationId: string, activityId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
    createConversation(parameters: ConversationParameters): Promise<{ id?: string; serviceUrl?: string }>;
  };
}

export interface BotAdapter {
  readonly adapter: CloudAdapter;
  /** The app id proactive turns run as ('' when authentication is off). */
  readonly appId: string;
  readonly authEnabled: boolean;
  /**
   * Checks the Authorization header of an inbound activity (always true with authentication off). Any
   * failure is a refusal: the SDK answers some forged tokens with a 500, and a request we cannot
   * authenticate must never run a turn.
   */
  authenticate(
    activity: Partial<Activity>,
    authorization: string,
  ): Promise<{ ok: true } | { ok: false; reason: string }>;
  /** Runs `logic` in a proactive turn on `reference` (its serviceUrl decides where sends go). */
  continue(
    reference: Partial<ConversationReference>,
    logic: (ctx: TurnContext, connector: ConnectorClient) => Promise<void>,
  ): Promise<void>;
}

export interface BotAdapterOptions {
  /** Extra Bot Framework authentication settings (sovereign clouds, a test's OpenID metadata URL). */
  readonly authOverrides?: Readonly<Record<string, string>>;
}

/**
 * The Bot Framework public cloud. The SDK only applies these defaults when no endpoint is overridden,
 * so an override (a sovereign cloud, a test's OpenID metadata) starts from them.
 */
const PUBLIC_CLOUD = {
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: CallerIdConstants.PublicAzureChannel,
} as const;

export function authSettings(
  config: TeamsConfig,
  overrides: Readonly<Record<string, string>> = {},
): ConfigurationBotFrameworkAuthenticationOptions {
  const endpoints = Object.keys(overrides).length > 0 ? { ...PUBLIC_CLOUD, ...overrides } : {};
  if (!config.appId) return endpoints;
  return {
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.tenantId,
    ...endpoints,
  };
}

/** The connector client of a turn, with the SDK's retry policy removed (see the header). */
export function turnConnector(ctx: TurnContext): ConnectorClient {
  const adapter = ctx.adapter as CloudAdapter;
  const connector = ctx.turnState.get(adapter.ConnectorClientKey) as ConnectorClient | undefined;
  if (!connector) throw new Error('no connector client on the turn');
  // The compat layer keeps the @azure/core-client ServiceClient in a private `client` field.
  const pipeline = (connector as unknown as { client?: { pipeline?: { removePolicy(o: { phase: string }): unknown } } })
    .client?.pipeline;
  pipeline?.removePolicy({ phase: 'Retry' });
  return connector;
}

export function createBotAdapter(config: TeamsConfig, opts: BotAdapterOptions = {}): BotAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication(authSettings(config, opts.authOverrides));
  const adapter = new CloudAdapter(auth);
  const appId = config.appId ?? '';
  return {
    adapter,
    appId,
    authEnabled: appId !== '',
    async authenticate(activity, authorization) {
      if (!appId) return { ok: true };
      try {
        await auth.authenticateRequest(activity as Activity, authorization);
        return { ok: true };
      } catch (err) {
        return { ok: false, reason: err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 200) : 'refused' };
      }
    },
    async continue(reference, logic) {
      await adapter.continueConversationAsync(appId, reference, async (ctx) => logic(ctx, turnConnector(ctx)));
    },
  };
}
