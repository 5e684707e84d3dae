// Tells the admins (the managers of the team concerned) when a message could not be delivered and was
// parked, entirely in their language (the channel named and linked, the reason from its code), through
// the outbox itself. An alert that cannot be delivered is only
// logged, so a broken platform never loops alerts about alerts.
import type { Workspace } from '../core/domain/model.js';
import { t } from '../core/i18n/index.js';
import type { CoreLogger, Destination, OutboxPort, Platform } from '../core/ports/index.js';
import { notice } from '../core/view-builders/notice.js';
import type { ParkedItem } from '../scheduling/outbox-sender.js';
import { deliveryReason } from './delivery-reasons.js';

const ALERT_PREFIX = 'admin-alert:';

function teamsOf(workspace: Workspace, destination: Destination): Workspace['teams'] {
  if (destination.kind === 'channel') return workspace.teams.filter((t) => t.id === destination.teamId);
  return workspace.teams.filter((t) => t.members.some((m) => m.id === destination.memberId));
}

export function createAdminAlerts(deps: {
  readonly workspace: () => Workspace;
  readonly outbox: OutboxPort;
  readonly platformFor: (d: Destination) => Platform | undefined;
  readonly clock: { now(): Date };
  readonly log: CoreLogger;
}) {
  return async function onParked(item: ParkedItem): Promise<void> {
    // Ids and codes only: the view may hold what people typed.
    deps.log.error(
      { outboxId: item.id, code: item.code, destination: item.destination },
      'message parked after delivery failures',
    );
    if (item.dedupeKey?.startsWith(ALERT_PREFIX)) return;
    const workspace = deps.workspace();
    const dest = item.destination;
    const alerts = teamsOf(workspace, dest).flatMap((team) =>
      team.managers.map((managerId) => {
        const manager = team.members.find((m) => m.id === managerId);
        const locale = manager?.locale ?? team.locale;
        const destination: Destination = { kind: 'dm', memberId: managerId };
        // Every word in the manager's language: the team's channel by name (linked by the adapter), a
        // member by name, and the reason from its code (item.lastError is the adapter's English).
        const where =
          dest.kind === 'channel'
            ? t(locale, 'admin.whereChannel', { team: team.name })
            : (team.members.find((m) => m.id === dest.memberId)?.name ?? dest.memberId);
        const body = t(locale, 'admin.parked', { where, reason: deliveryReason(locale, item.code) });
        const view = {
          ...notice(locale, 'error', body, t(locale, 'admin.parkedTitle')),
          ...(dest.kind === 'channel' ? { channel: { ...team.channels } } : {}),
        };
        return {
          platform: deps.platformFor(destination),
          item: { dedupeKey: `${ALERT_PREFIX}${item.id}:${managerId}`, destination, view },
        };
      }),
    );
    const items = alerts.flatMap((a) => (a.platform ? [{ ...a.item, platform: a.platform }] : []));
    if (items.length > 0) await deps.outbox.enqueue(items, { at: deps.clock.now().toISOString() });
  };
}
