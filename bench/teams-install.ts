// Installs the bot for N Teams members the way Teams does: one personal `installationUpdate` activity per
// member POSTed to /api/messages (local development mode, no token), so the app stores a conversation
// reference for each (`a:personal-t{i}`, serviceUrl = the fake connector). A few requests in flight.
import { activity } from '../test/helpers/teams-activities.js';
import { personalConversation, teamsAad } from './e2e-ids.js';

export async function installTeamsMembers(
  baseUrl: string,
  connectorUrl: string,
  members: number,
  inFlight = 16,
): Promise<number> {
  const template = activity('personal-install', { serviceUrl: connectorUrl });
  const started = performance.now();
  let next = 1;
  const worker = async () => {
    while (next <= members) {
      const i = next++;
      const body = {
        ...template,
        id: `f:install-t${i}`,
        from: { id: `29:t${i}`, aadObjectId: teamsAad(i) },
        conversation: { ...template.conversation, id: personalConversation(i) },
      };
      const res = await fetch(`${baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      await res.arrayBuffer();
      if (res.status >= 300) throw new Error(`install of member t${i} answered HTTP ${res.status}`);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return performance.now() - started;
}
