// The multi-workspace install (OAuth v2) with @slack/oauth's InstallProvider, the library Bolt uses:
// GET /slack/install shows the "Add to Slack" page and sets the state cookie, GET /slack/oauth_redirect
// checks the state, exchanges the code (oauth.v2.access, then auth.test), stores the installation in
// the database and says so, in plain HTML. Org-wide installs on Enterprise Grid are stored per
// organisation. `authorize` gives each incoming request its workspace's bot token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Installation, InstallProvider, type InstallURLOptions } from '@slack/oauth';
import type { HttpServer } from '../http/server.js';
import type { SlackInstallationsRepo } from '../store/slack-installations.repo.js';
import { listenerClientOptions } from './client-options.js';
import { createInstallationStore } from './installation-store.js';
import { boltLogger, type SlackLog } from './log.js';
import { BOT_SCOPES } from './scopes.js';

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

export interface SlackOAuthOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly stateSecret: string;
  readonly installations: SlackInstallationsRepo;
  readonly apiUrl?: string;
  /** https base URL of the bot; the redirect URL is built from it (else Slack uses the app's first one). */
  readonly publicUrl?: string;
  readonly log: SlackLog;
  readonly now?: () => Date;
}

const page = (res: ServerResponse, status: number, title: string, body: string) => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${body}</p></body></html>`,
  );
};

export function createInstaller(o: SlackOAuthOptions): { installer: InstallProvider; mount(http: HttpServer): void } {
  const installer = new InstallProvider({
    clientId: o.clientId,
    clientSecret: o.clientSecret,
    stateSecret: o.stateSecret,
    installationStore: createInstallationStore(o.installations, o.now),
    clientOptions: listenerClientOptions(o.apiUrl),
    logger: boltLogger(o.log),
    // The install page shows the "Add to Slack" button rather than redirecting at once.
    directInstall: false,
  });
  const installOptions: InstallURLOptions = {
    scopes: [...BOT_SCOPES],
    ...(o.publicUrl ? { redirectUri: new URL(REDIRECT_PATH, o.publicUrl).href } : {}),
  };

  const onInstalled = (
    installation: Installation,
    _opts: InstallURLOptions,
    _req: IncomingMessage,
    res: ServerResponse,
  ) => {
    // Ids only: the installation holds the bot token.
    o.log.info(
      {
        team: installation.team?.id,
        enterprise: installation.enterprise?.id,
        orgWide: installation.isEnterpriseInstall === true,
      },
      'slack app installed',
    );
    const where = installation.isEnterpriseInstall ? 'your organisation' : 'your workspace';
    page(
      res,
      200,
      'Goal Rituals is installed',
      `Goal Rituals is now installed in ${where}. Open Slack and type <code>/rituals help</code>, or open the app's Home tab.`,
    );
  };

  return {
    installer,
    mount(http) {
      http.add({
        method: 'GET',
        path: INSTALL_PATH,
        handler: (req, res) => installer.handleInstallPath(req, res, undefined, installOptions),
      });
      http.add({
        method: 'GET',
        path: REDIRECT_PATH,
        handler: (req, res) =>
          installer.handleCallback(
            req,
            res,
            {
              success: onInstalled,
              failure: (error, _opts, _req, r) => {
                o.log.warn({ code: error.code }, 'slack install failed');
                page(
                  r,
                  400,
                  'Goal Rituals was not installed',
                  `The installation did not complete (${error.code}). Start again from <a href="${INSTALL_PATH}">${INSTALL_PATH}</a>.`,
                );
              },
            },
            installOptions,
          ),
      });
    },
  };
}
