// Wraps a ChatGateway so every send and update is counted in /metrics by platform and outcome.
import type { ChatGateway, SendOutcome } from '../core/ports/index.js';
import type { Metrics } from '../http/metrics.js';

export function meteredGateway(gateway: ChatGateway, metrics: Metrics): ChatGateway {
  const count = (outcome: SendOutcome): SendOutcome => {
    if (outcome.status === 'sent') metrics.messageSent(gateway.platform);
    else metrics.messageFailed(gateway.platform, outcome.status.replace(/^failed_/, ''));
    return outcome;
  };
  return {
    platform: gateway.platform,
    send: async (destination, view) => count(await gateway.send(destination, view)),
    update: async (ref, view) => count(await gateway.update(ref, view)),
  };
}
