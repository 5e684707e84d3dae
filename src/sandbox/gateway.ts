// The sandbox's ChatGateway (platform 'sandbox'): the outbox sender delivers here like it does to Slack
// or Teams, and each view becomes a message in the member's DM thread or the team's channel thread.
// Unknown members or teams fail permanently, as an unknown Slack channel would.
import type { Workspace } from '../core/domain/model.js';
import type { ChatGateway, Clock, Destination, MessageRef, SendOutcome } from '../core/ports/index.js';
import { isView } from '../core/view-models.js';
import { channelThread, dmThread, type SandboxMessage, type ThreadId, type ThreadStore } from './threads.js';

export interface Delivery {
  readonly kind: 'send' | 'update';
  readonly message: SandboxMessage;
  readonly view: unknown;
}

export interface SandboxGatewayDeps {
  readonly threads: ThreadStore;
  readonly clock: Clock;
  readonly workspace: () => Workspace;
  /** Called after each delivered message (the page redraw, `simulate`'s transcript). */
  readonly onDelivery?: (delivery: Delivery) => void;
}

const failed = (code: string, reason: string): SendOutcome => ({ status: 'failed_permanent', code, reason });

export function threadOf(destination: Destination, workspace: Workspace): ThreadId | undefined {
  if (destination.kind === 'dm') {
    const known = workspace.teams.some((t) => t.members.some((m) => m.id === destination.memberId));
    return known ? dmThread(destination.memberId) : undefined;
  }
  return workspace.teams.some((t) => t.id === destination.teamId) ? channelThread(destination.teamId) : undefined;
}

export const messageRef = (m: SandboxMessage): MessageRef => ({
  platform: 'sandbox',
  conversation: m.thread,
  id: m.id,
});

export function createSandboxGateway(deps: SandboxGatewayDeps): ChatGateway {
  return {
    platform: 'sandbox',
    async send(destination, view) {
      if (!isView(view)) return failed('invalid_view', 'not a neutral view');
      const thread = threadOf(destination, deps.workspace());
      if (!thread) {
        return destination.kind === 'dm'
          ? failed('unknown_member', `no sandbox member ${destination.memberId}`)
          : failed('unknown_team', `no sandbox channel for team ${destination.teamId}`);
      }
      const message = deps.threads.post(thread, deps.clock.now().toISOString(), { view });
      deps.onDelivery?.({ kind: 'send', message, view });
      return { status: 'sent', ref: messageRef(message) };
    },
    async update(ref, view) {
      if (!isView(view)) return failed('invalid_view', 'not a neutral view');
      const existing = ref.platform === 'sandbox' ? deps.threads.get(ref.id) : undefined;
      if (!existing || existing.thread !== ref.conversation)
        return failed('message_not_found', `no sandbox message ${ref.id}`);
      const message = deps.threads.replace(ref.id, view, deps.clock.now().toISOString())!;
      deps.onDelivery?.({ kind: 'update', message, view });
      return { status: 'sent', ref: messageRef(message) };
    },
  };
}
