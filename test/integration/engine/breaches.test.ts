// Breach hysteresis on a collective objective: one nudge per breach to the owner, a new one when the
// figure breaches again after recovering, snooze (nudged again when it ends), acknowledge (no escalation)
// and escalation to the managers after the configured delay; the scan also runs after a check-in.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { BreachNudgeView, EscalationView, NoticeView } from '../../../src/core/view-models.js';
import { clearCronCache } from '../../../src/scheduling/cron.js';
import { engineWorkspace } from '../../helpers/engine-workspace.js';
import { describeDelivery, type Harness, ritualsHarness } from '../../helpers/rituals-harness.js';

const ws = () =>
  engineWorkspace({
    rituals: `  checkin: { enabled: false }
  leaderboard: { enabled: false }
  progress: { enabled: false }
  monthly_review: { enabled: false }
  qbr: { enabled: false }
  breach_scan: { cron: "0 8 * * 1-5", escalate_after: 1d }`,
    // 40 meetings a month for the team; at or below a projected 30 it is breached. Léa owns it.
    parisCollective: `    collective:
      - { id: meetings, kpi: meetings, target: 40, alert: 30, per: month, owner: lea, contributors: [hugo, lea], approver: claire }`,
  });

let h: Harness | undefined;
afterEach(async () => h?.close());
afterAll(() => clearCronCache());

async function delivered(harness: Harness) {
  return (await harness.drain()).map(describeDelivery);
}

describe('breach scan', () => {
  it('nudges once per breach, re-nudges after a snooze, escalates unless acknowledged', async () => {
    h = await ritualsHarness(ws(), '2026-03-01T12:00:00Z');
    const { engine, service } = h.core;
    await h.store.metricValues.upsertMany(
      [
        {
          memberId: 'hugo',
          teamId: 'paris',
          kpiId: 'meetings',
          date: '2026-03-02',
          value: 2,
          source: 'import',
          externalId: 'crm-1',
        },
      ],
      { at: '2026-03-02T06:00:00Z' },
    );
    await h.tick('2026-03-02T06:00:00Z');
    // Monday and Tuesday: 1 and 2 of 22 working days are too few to project (3 needed: 10 % of 22, rounded up).
    await h.tick('2026-03-02T07:00:00Z');
    await h.tick('2026-03-03T07:00:00Z');
    expect(await delivered(h)).toEqual([]);
    // Wednesday: still 2 after 3 days projects 14.67, at or below the alert (30): breached. Léa is told once.
    await h.tick('2026-03-04T07:00:00Z');
    const nudges = await h.drain();
    expect(nudges.map(describeDelivery)).toEqual(['2026-03-04T07:00Z send dm:lea breach_nudge b1']);
    const nudge = nudges[0]!.view as BreachNudgeView;
    expect(nudge).toMatchObject({
      locale: 'fr',
      title: 'Seuil d’alerte franchi : Rendez-vous',
      alertText: 'Seuil d’alerte : 30',
    });
    // A higher-is-better objective breaches below its threshold, and says so.
    expect(nudge.body).toBe(
      'Pour l’équipe Paris, la projection est de 14,67 en fin de période, sous son seuil d’alerte (30). Vous pilotez cet objectif : quel est le plan ?',
    );
    expect(nudge.actions.map((a) => a.action)).toEqual(['breach.acknowledge', 'breach.snooze', 'breach.decision']);
    await h.tick('2026-03-04T07:00:00Z');
    await engine.scanBreaches('paris', new Date('2026-03-04T10:00:00Z'));
    expect(await delivered(h)).toEqual([]);
    // Thursday 08:00: a day in breach, not acknowledged: the manager hears of it.
    await h.tick('2026-03-05T07:00:00Z');
    const escalation = await h.drain();
    expect(escalation.map(describeDelivery)).toEqual(['2026-03-05T07:00Z send dm:claire escalation b1']);
    expect(escalation[0]!.view as EscalationView).toMatchObject({ ownerName: 'Léa Martin', locale: 'fr' });

    // Hugo's check-in (10 meetings) lifts the projection to 12 in 4 of 22 days = 66: the scan after the submission closes it,
    // and the nudge and the escalation are updated in place to say so, without their buttons.
    h.clock.set('2026-03-05T11:00:00Z');
    const form = await service.checkInForm('hugo');
    const r = await service.submitCheckIn({
      memberId: 'hugo',
      metadata: form.metadata,
      numbers: { calls: '50', meetings: '10' },
      platform: 'sandbox',
      idempotencyKey: 'hugo-w10',
    });
    expect(r.ok).toBe(true);
    expect((await h.store.breaches.get(1))?.leftAt).toBe('2026-03-05T11:00:00.000Z');
    const recovered = (await h.drain()).filter((d) => d.view.type === 'breach_nudge');
    expect(recovered.map(describeDelivery)).toEqual([
      '2026-03-05T11:00Z update dm:lea breach_nudge b1',
      '2026-03-05T11:00Z update dm:claire breach_nudge b1',
    ]);
    const back = recovered[0]!.view as BreachNudgeView;
    expect(back.title).toBe('De retour dans son seuil d’alerte : Rendez-vous');
    expect(back.body.replace(/[\u202f\u00a0]/g, ' ')).toMatch(
      /^Rétabli le 5 mars 2026, 12:00 : pour l’équipe Paris, l’indicateur est maintenant à 66, dans son seuil d’alerte \(30\)\. Rien à faire\.$/,
    );
    expect(back.actions).toEqual([]);

    // Thursday 12 March: 12 meetings in 9 working days projects 29.3: a new breach, a new nudge.
    await h.tick('2026-03-12T07:00:00Z');
    expect(await delivered(h)).toEqual(['2026-03-12T07:00Z send dm:lea breach_nudge b2']);
    const value = JSON.stringify({ breach: 2, team: 'paris', minutes: 120 });
    // Hugo neither owns the objective nor manages the team.
    const refused = await service.action('hugo', 'breach.acknowledge', value);
    expect(refused).toEqual({
      kind: 'reply',
      view: expect.objectContaining({
        type: 'notice',
        tone: 'error',
        body: 'Only the owner of this objective or a manager of the team can do this.',
      }),
    });
    h.clock.set('2026-03-12T07:05:00Z');
    const snoozed = await service.action('lea', 'breach.snooze', value);
    expect(snoozed.kind).toBe('replace');
    expect((snoozed.view as BreachNudgeView).body).toContain('Reporté jusqu’au 12 mars 2026');
    expect((snoozed.view as BreachNudgeView).actions.map((a) => a.action)).toEqual([
      'breach.acknowledge',
      'breach.decision',
    ]);
    // The snooze ends two hours later: Léa is nudged again, once.
    expect((await engine.nextDue(new Date('2026-03-12T07:05:00Z')))?.toISOString()).toBe('2026-03-12T09:05:00.000Z');
    await h.tick('2026-03-12T09:05:00Z');
    await h.tick('2026-03-12T09:06:00Z');
    expect(await delivered(h)).toEqual(['2026-03-12T09:06Z send dm:lea breach_nudge b2']);
    h.clock.set('2026-03-12T10:00:00Z');
    const acked = await service.action('lea', 'breach.acknowledge', value);
    expect(acked.kind).toBe('replace');
    expect((acked.view as BreachNudgeView).body).toContain('Pris en compte par Léa Martin le 12 mars 2026');
    expect((acked.view as BreachNudgeView).actions.map((a) => a.action)).toEqual(['breach.decision']);
    // Friday 08:00: still breached, but acknowledged: no escalation.
    await h.tick('2026-03-13T07:00:00Z');
    expect(await delivered(h)).toEqual([]);
    expect(await h.store.occurrences.get('paris:breach.escalate:b2:*')).toMatchObject({
      status: 'skipped',
      reason: 'acknowledged',
    });

    // The decision form from the nudge records against the objective.
    const form2 = await service.action('lea', 'breach.decision', value);
    expect(form2.kind).toBe('form');
    const done = await service.submitDecision({
      memberId: 'lea',
      metadata: (form2.view as { metadata: string }).metadata,
      kind: 'decision',
      text: 'Relancer les comptes ICP',
      idempotencyKey: 'd1',
    });
    expect(done).toEqual({ ok: true, view: expect.objectContaining({ type: 'notice', tone: 'success' }) });
    await service.submitDecision({
      memberId: 'lea',
      metadata: (form2.view as { metadata: string }).metadata,
      kind: 'decision',
      text: 'Relancer les comptes ICP',
      idempotencyKey: 'd1',
    });
    expect(await h.store.decisions.list({ teamId: 'paris' })).toEqual([
      expect.objectContaining({ objectiveId: 'team:paris:meetings', author: 'lea', kind: 'decision' }),
    ]);
    expect(engine.metrics()).toEqual(
      expect.arrayContaining([
        { name: 'breaches_entered_total', labels: { team: 'paris' }, value: 2 },
        { name: 'breaches_left_total', labels: { team: 'paris' }, value: 1 },
        { name: 'breach_escalations_total', labels: { team: 'paris' }, value: 1 },
      ]),
    );
  });

  it('closes a breach when its period ends and starts the next one clean', async () => {
    h = await ritualsHarness(ws(), '2026-03-30T12:00:00Z');
    await h.store.metricValues.upsertMany(
      [
        {
          memberId: 'hugo',
          teamId: 'paris',
          kpiId: 'meetings',
          date: '2026-03-02',
          value: 2,
          source: 'import',
          externalId: 'crm-1',
        },
      ],
      { at: '2026-03-02T06:00:00Z' },
    );
    // Monday 30 March, 2 meetings this month: breached.
    await h.tick('2026-03-30T06:00:00Z');
    expect(await delivered(h)).toEqual(['2026-03-30T06:00Z send dm:lea breach_nudge b1']);
    await h.tick('2026-03-31T06:00:00Z');
    expect(await delivered(h)).toEqual(['2026-03-31T06:00Z send dm:claire escalation b1']);
    // 1 April: March's breach ends with March (its messages say so), and April, barely started and
    // without data, opens none: an empty period never raises an alarm.
    await h.tick('2026-04-01T06:00:00Z');
    const ended = await h.drain();
    expect(ended.map(describeDelivery)).toEqual([
      '2026-04-01T06:00Z update dm:lea breach_nudge b1',
      '2026-04-01T06:00Z update dm:claire breach_nudge b1',
    ]);
    expect((ended[0]!.view as BreachNudgeView).body).toBe(
      'Cette alerte s’est terminée avec sa période (mars 2026) ; la nouvelle période repart de zéro.',
    );
    expect(await h.store.breaches.get(1)).toMatchObject({ periodKey: '2026-03', state: 'closed' });
    expect(await h.store.breaches.get(2)).toBeUndefined();
    const notice = (
      await h.core.service.action('lea', 'breach.acknowledge', JSON.stringify({ breach: 1, team: 'paris' }))
    ).view as NoticeView;
    expect(notice).toMatchObject({
      type: 'notice',
      tone: 'error',
      body: 'Cette alerte est terminée : l’objectif n’est plus au-delà de son seuil.',
    });
  });

  it('never breaches an objective fed only by imports while it has no data, and words a lower-is-better breach as above', async () => {
    const base = engineWorkspace({
      rituals: `  checkin: { enabled: false }
  leaderboard: { enabled: false }
  progress: { enabled: false }
  monthly_review: { enabled: false }
  qbr: { enabled: false }
  breach_scan: { cron: "0 8 * * 1-5" }`,
      // Opportunities come from the CRM only: 30 a month, alert at 10. Lost deals: at most 5, alert at 8.
      parisCollective: `    collective:
      - { id: opps, kpi: opportunities, target: 30, alert: 10, per: month, owner: lea, contributors: [hugo, lea], approver: claire }`,
    });
    const [paris, ...others] = base.teams;
    const lost = { ...paris!.collective[0]!, id: 'lost', kpi: 'lost', target: 5, alert: 8, comparator: '<=' as const };
    const ws = {
      ...base,
      teams: [{ ...paris!, collective: [...paris!.collective, lost] }, ...others],
      kpis: {
        ...base.kpis,
        opportunities: { ...base.kpis.opportunities!, sources: ['import' as const] },
        lost: {
          ...base.kpis.opportunities!,
          id: 'lost',
          label: { en: 'Lost deals', fr: 'Affaires perdues' },
          direction: 'lower' as const,
          sources: ['import' as const],
        },
      },
    };
    h = await ritualsHarness(ws, '2026-03-18T06:00:00Z');
    // Wednesday 18 March, 13 of 22 working days gone, nothing imported yet: awaiting data, no breach.
    await h.tick('2026-03-18T07:00:00Z');
    expect(await delivered(h)).toEqual([]);
    expect(await h.store.breaches.listOpen('team:paris:')).toEqual([]);
    // The CRM speaks: 1 opportunity (projects 1.69, below 10) and 9 lost deals (above 8): two breaches.
    await h.store.metricValues.upsertMany(
      [
        {
          memberId: 'hugo',
          teamId: 'paris',
          kpiId: 'opportunities',
          date: '2026-03-18',
          value: 1,
          source: 'import',
          externalId: 'crm-o1',
        },
        {
          memberId: 'hugo',
          teamId: 'paris',
          kpiId: 'lost',
          date: '2026-03-18',
          value: 9,
          source: 'import',
          externalId: 'crm-l1',
        },
      ],
      { at: '2026-03-18T08:00:00Z' },
    );
    h.clock.set('2026-03-18T09:00:00Z');
    await h.core.engine.scanBreaches('paris', h.clock.now());
    const nudges = (await h.drain()).map((d) => d.view as BreachNudgeView);
    expect(nudges.map((n) => n.body.replace(/[\u202f\u00a0]/g, ' '))).toEqual([
      'Pour l’équipe Paris, la projection est de 1,69 en fin de période, sous son seuil d’alerte (10). Vous pilotez cet objectif : quel est le plan ?',
      'Pour l’équipe Paris, la projection est de 15,23 en fin de période, au-dessus de son seuil d’alerte (8). Vous pilotez cet objectif : quel est le plan ?',
    ]);
  });
});
