// The bot scopes the app asks for when installed through /slack/install: exactly the manifest's
// (manifests/slack/manifest.yml; a test keeps the two equal and both in step with the code).
export const BOT_SCOPES: readonly string[] = [
  'app_mentions:read',
  'chat:write',
  'commands',
  'files:write',
  'im:history',
  'im:write',
  'reactions:read',
  'users:read',
  'users:read.email',
];
