// The RitualsService as adapters call it: who is who, rights (a rep cannot run manager rituals, a member
// of one team cannot act on another), the check-in form and submission (validation, idempotency,
// metric values, edits, deadline, the prompt updated in place), reactions, QBR target changes.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/core/errors.js';
import type {
  CheckInConfirmationView,
  CheckInFormView,
  LeaderboardView,
  MyGoalsView,
  NoticeView,
  QbrView,
  StandupSummaryView,
} from '../../../src/core/view-models.js';
import { clearCronCache } from '../../../src/scheduling/cron.js';
import { engineWorkspace } from '../../helpers/engine-workspace.js';
import {
  describeDelivery,
  type Harness,
  ritualsHarness,
  runUntil,
  seedActivity,
} from '../../helpers/rituals-harness.js';

let h: Harness | undefined;
afterEach(async () => h?.close());
afterAll(() => clearCronCache());

const body = (r: { view: unknown }) => (r.view as NoticeView).body;
// Intl puts narrow no-break spaces in French numbers and percents: compare with plain spaces.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('RitualsService', () => {
  it('resolves members by platform id, email or sandbox id, with their language', async () => {
    h = await ritualsHarness(engineWorkspace(), '2026-03-06T12:00:00Z');
    const { service } = h.core;
    expect(await service.resolveMember({ platform: 'slack', userId: 'U0CLAIRE', platformLocale: 'en-US' })).toEqual({
      memberId: 'claire',
      name: 'Claire Dubois',
      teamIds: ['paris'],
      locale: 'en',
      timezone: 'Europe/Paris',
      isManager: true,
    });
    // No platform locale we speak: the team's language. A member's own locale wins over the platform's.
    expect(
      await service.resolveMember({ platform: 'slack', userId: 'U0CLAIRE', platformLocale: 'de-DE' }),
    ).toMatchObject({ locale: 'fr' });
    expect(await service.resolveMember({ platform: 'slack', userId: 'U0HUGO', platformLocale: 'fr-FR' })).toMatchObject(
      { memberId: 'hugo', locale: 'en', roleId: 'sdr', isManager: false },
    );
    expect(await service.resolveMember({ platform: 'teams', userId: 'aad-emma' })).toMatchObject({
      memberId: 'emma',
      locale: 'en',
      timezone: 'America/New_York',
    });
    expect(
      await service.resolveMember({ platform: 'teams', userId: 'aad-unknown', email: 'Emma.Stone@example.com' }),
    ).toMatchObject({ memberId: 'emma' });
    expect(await service.resolveMember({ platform: 'sandbox', userId: 'lea' })).toMatchObject({
      memberId: 'lea',
      locale: 'fr',
    });
    // An identity learnt at runtime (a Teams UPN) is found through the store.
    await h.store.workspace.setIdentity('lea', 'upn', 'lea.martin@corp.example');
    expect(
      await service.resolveMember({ platform: 'teams', userId: 'aad-x', email: 'lea.martin@corp.example' }),
    ).toMatchObject({ memberId: 'lea' });
    expect(await service.resolveMember({ platform: 'slack', userId: 'U0NOBODY' })).toBeUndefined();
    expect(service.fallbackLocale('fr-CA')).toBe('fr');
    expect(service.notAMember('fr').body).toContain('Vous ne faites encore partie d’aucune équipe');
    expect((await service.command('nobody', 'help')).view).toMatchObject({ type: 'notice', tone: 'error' });
  });

  it('keeps manager rituals to managers, and each member to their own team', async () => {
    h = await ritualsHarness(engineWorkspace(), '2026-03-06T12:00:00Z');
    const { service } = h.core;
    expect(body(await service.command('lea', 'point'))).toBe(
      'Seuls les managers de l’équipe Paris peuvent faire cela.',
    );
    expect(body(await service.command('hugo', 'run leaderboard'))).toBe('Only the managers of Paris can do this.');
    expect(body(await service.command('lea', 'classement nyc'))).toBe(
      'Vous ne faites pas partie de l’équipe New York.',
    );
    expect(body(await service.command('claire', 'point nyc'))).toBe('Vous ne faites pas partie de l’équipe New York.');
    expect(body(await service.command('mark', 'run checkin paris'))).toBe('You are not a member of Paris.');
    expect(await service.standup('emma')).toMatchObject({ type: 'notice', tone: 'error' });
    const standup = (await service.command('claire', 'point')).view as StandupSummaryView;
    expect(standup).toMatchObject({
      type: 'standup_summary',
      teamId: 'paris',
      locale: 'fr',
      missing: ['Hugo Bernard', 'Léa Martin'],
    });
    expect(plain(standup.completionText)).toBe('0 sur 2 ont répondu (0 %)');
    expect(await h.drain()).toEqual([]);
    // The manager runs the check-in now: this week's prompts go out, and Friday's fire sends nothing more.
    // Queued, not "sent": the outbox delivers them after this answer.
    expect(body(await service.command('claire', 'lancer pointage'))).toBe(
      'C’est parti : point hebdo pour Paris. Messages en file d’envoi : 2 ; ignorés : 1. Ils partent dans la minute ; un message impossible à remettre est signalé aux managers.',
    );
    expect((await h.drain()).map(describeDelivery)).toEqual([
      '2026-03-06T12:00Z send dm:hugo checkin_prompt 2026-W10',
      '2026-03-06T12:00Z send dm:lea checkin_prompt 2026-W10',
    ]);
    await h.tick('2026-03-06T12:00:00Z');
    // Their reminders follow that prompt (an hour later); the Friday 16:00 fire finds them prompted.
    expect((await runUntil(h, '2026-03-06T15:00:00Z')).map(describeDelivery)).toEqual([
      '2026-03-06T13:00Z send dm:hugo checkin_reminder',
      '2026-03-06T13:00Z send dm:lea checkin_reminder',
    ]);
    expect(await h.store.occurrences.get('paris:checkin:2026-W10:hugo')).toMatchObject({
      dueAt: '2026-03-06T12:00:00.000Z',
      status: 'enqueued',
    });
    // Other rituals run on demand post again (the scheduled post stays the scheduled one); a week with
    // nothing behind it gets no leaderboard, on demand too.
    expect(body(await service.command('mark', 'run leaderboard'))).toBe(
      'The leaderboard for New York sent nothing: 1 skipped (nothing to show yet, out of office, or already done).',
    );
    await seedActivity(h, [{ member: 'emma', team: 'nyc', date: '2026-02-25' }]);
    h.clock.set('2026-03-06T15:01:00Z');
    expect(body(await service.command('mark', 'run leaderboard'))).toBe(
      'The leaderboard for New York is under way. Messages queued: 1; skipped: 0. They go out within a minute; a message that cannot be delivered is reported to the managers.',
    );
    // The same minute again: nothing new, and the answer says so.
    expect(body(await service.command('mark', 'run leaderboard'))).toBe(
      'The leaderboard for New York already ran this minute: nothing was sent again.',
    );
    expect(body(await service.command('claire', 'lancer pointage'))).toBe(
      'Le point hebdo de cette semaine a déjà été envoyé à Paris : rien n’a été renvoyé.',
    );
    expect((await h.drain()).map(describeDelivery)).toEqual([
      '2026-03-06T15:01Z send channel:nyc leaderboard 2026-W09',
    ]);
    expect(body(await service.command('mark', 'run dance'))).toBe(
      'Unknown ritual "dance". Rituals: checkin, leaderboard, progress, breach_scan, standup, monthly_review, qbr.',
    );
  });

  it('validates, stores, edits and closes check-ins, updating the prompt in place', async () => {
    h = await ritualsHarness(engineWorkspace(), '2026-03-06T14:00:00Z');
    const { service } = h.core;
    await h.tick('2026-03-06T14:00:00Z');
    await h.tick('2026-03-06T15:00:00Z');
    const prompts = await h.drain();
    expect(prompts.map((d) => d.to)).toEqual(['dm:hugo', 'dm:lea']);

    h.clock.set('2026-03-06T15:10:00Z');
    const opened = await service.action('lea', 'checkin.open', JSON.stringify({ period: '2026-W10' }));
    expect(opened.kind).toBe('form');
    const form = opened.view as CheckInFormView;
    expect(form).toMatchObject({
      locale: 'fr',
      periodKey: '2026-W10',
      periodLabel: 'Semaine 10 (du 2 mars au 8 mars 2026)',
      title: 'Point hebdo',
      errors: {},
    });
    expect(form.numbers.map((n) => [n.id, n.label, n.unitHint, n.value])).toEqual([
      ['calls', 'Appels', 'nombre', undefined],
      ['meetings', 'Rendez-vous', 'nombre', undefined],
    ]);
    // French decimal comma on a count, and an empty field: shown inline, in French, with what was typed.
    const bad = await service.submitCheckIn({
      memberId: 'lea',
      metadata: form.metadata,
      numbers: { calls: '12,5', meetings: '' },
      wins: 'Un RDV',
      platform: 'sandbox',
      idempotencyKey: 'lea-1',
    });
    expect(bad.ok).toBe(false);
    const badForm = (bad as { form: CheckInFormView }).form;
    expect(badForm.errors).toEqual({ calls: 'Saisissez un nombre entier.', meetings: 'Ce champ est obligatoire.' });
    expect(badForm.numbers[0]!.value).toBe('12,5');
    expect(badForm.texts[0]!.value).toBe('Un RDV');
    expect(await h.store.checkIns.list({ memberIds: ['lea'] })).toEqual([]);

    const ok = await service.submitCheckIn({
      memberId: 'lea',
      metadata: form.metadata,
      numbers: { calls: '1 200', meetings: '6' },
      wins: 'Un RDV',
      blockers: 'CRM lent',
      platform: 'sandbox',
      idempotencyKey: 'lea-1',
    });
    expect(ok.ok).toBe(true);
    const confirmation = (ok as { view: CheckInConfirmationView }).view;
    expect(confirmation).toMatchObject({
      type: 'checkin_confirmation',
      periodKey: '2026-W10',
      editable: true,
      title: 'Point bien reçu — merci !',
    });
    expect(plain(confirmation.submittedText)).toBe('Envoyé le 6 mars 2026, 16:10 : Appels 1 200 · Rendez-vous 6');
    // Monthly objectives as of Friday 6 March (5 of 22 working days): 6 of 20 meetings.
    expect(confirmation.lines.map((l) => [l.kpi, plain(l.actualText), l.targetText, plain(l.attainmentText)])).toEqual([
      ['meetings', '6', '20', '30 %'],
      ['calls', '1 200', '200', '≥ 200 %'], // 1 200 / 200 = 600 %: the cap shows
    ]);
    expect((ok as { updateRef?: unknown }).updateRef).toEqual(prompts[1]!.ref);
    // A replay of the same submission stores nothing more.
    await service.submitCheckIn({
      memberId: 'lea',
      metadata: form.metadata,
      numbers: { calls: '1 200', meetings: '6' },
      platform: 'sandbox',
      idempotencyKey: 'lea-1',
    });
    expect(await h.store.checkIns.list({ memberIds: ['lea'] })).toHaveLength(1);
    const value = await h.store.metricValues.findByExternalId('checkin', 'checkin:lea:2026-W10:meetings');
    expect(value).toMatchObject({ memberId: 'lea', teamId: 'paris', date: '2026-03-06', value: 6 });
    // The prompt is replaced by the confirmation (one update, whatever the replays).
    expect((await h.drain()).map(describeDelivery)).toEqual([
      '2026-03-06T15:10Z update dm:lea checkin_confirmation 2026-W10',
    ]);

    // Monday morning: the edit form is prefilled; the edit replaces the values (history kept).
    h.clock.set('2026-03-09T08:00:00Z');
    const edit = (await service.command('lea', 'pointage')).view as CheckInFormView;
    expect(edit.periodKey).toBe('2026-W10');
    expect(edit.numbers.map((n) => n.value)).toEqual(['1200', '6']);
    expect(edit.texts.map((x) => x.value)).toEqual(['Un RDV', 'CRM lent']);
    const edited = await service.submitCheckIn({
      memberId: 'lea',
      metadata: edit.metadata,
      numbers: { calls: '1200', meetings: '7' },
      platform: 'sandbox',
      idempotencyKey: 'lea-2',
    });
    expect(edited.ok).toBe(true);
    const after = await h.store.metricValues.findByExternalId('checkin', 'checkin:lea:2026-W10:meetings');
    expect(after).toMatchObject({ value: 7, date: '2026-03-06' });
    expect(await h.store.metricValues.listHistory(after!.id)).toEqual([expect.objectContaining({ value: 6 })]);
    expect((await h.drain()).map(describeDelivery)).toEqual([
      '2026-03-09T08:00Z update dm:lea checkin_confirmation 2026-W10',
    ]);

    // After Monday 16:00 the period is closed: the form says so, in the member's language.
    h.clock.set('2026-03-09T15:00:00Z');
    const closed = await service.action('lea', 'checkin.open', JSON.stringify({ period: '2026-W10' }));
    expect(closed).toEqual({
      kind: 'reply',
      view: expect.objectContaining({
        tone: 'error',
        body: 'Le point hebdo (Semaine 10 (du 2 mars au 8 mars 2026)) est clos : les réponses ne sont plus acceptées.',
      }),
    });
    await expect(service.checkInForm('lea', '2026-W10')).rejects.toMatchObject({ code: 'CHECKIN.PERIOD_CLOSED' });
    const late = await service.submitCheckIn({
      memberId: 'lea',
      metadata: edit.metadata,
      numbers: { calls: '1', meetings: '1' },
      platform: 'sandbox',
      idempotencyKey: 'lea-3',
    });
    expect(late.ok).toBe(false);
    expect((late as { form: CheckInFormView }).form.errors._form).toContain('est clos');
    // Hugo (English) answers early: on a Monday the coming check-in is this week's (its prompt is on
    // Friday), not the week after's; next week's can be asked by name; a week beyond that is not open.
    const early = (await service.command('hugo', 'checkin next')).view as CheckInFormView;
    expect(early).toMatchObject({ periodKey: '2026-W11', locale: 'en', title: 'Weekly check-in' });
    expect(((await service.command('hugo', 'checkin 2026-W12')).view as CheckInFormView).periodKey).toBe('2026-W12');
    expect(body(await service.command('hugo', 'checkin 2026-W14'))).toBe(
      'The check-in for Week 14 (30 Mar – 5 Apr 2026) is not open yet: you can answer for this week or the next one.',
    );
    expect(body(await service.command('claire', 'pointage'))).toBe(
      'Votre rôle n’a aucun chiffre à déclarer dans le point hebdo.',
    );
    await expect(service.checkInForm('claire')).rejects.toBeInstanceOf(DomainError);
  });

  it('tallies reactions on the previous leaderboard post', async () => {
    h = await ritualsHarness(
      engineWorkspace({ rituals: '  checkin: { enabled: false }\n  breach_scan: { enabled: false }' }),
      '2026-03-09T07:00:00Z',
    );
    const { service } = h.core;
    await seedActivity(
      h,
      ['2026-03-04', '2026-03-11'].map((date) => ({ member: 'hugo', team: 'paris', date })),
    );
    await h.tick('2026-03-09T07:00:00Z');
    const first = (await runUntil(h, '2026-03-09T09:00:00Z')).find((d) => d.view.type === 'leaderboard')!;
    expect(first.to).toBe('channel:paris');
    const react = (userId: string, emoji: string, added = true, eventId?: string) =>
      service.recordReaction({ ref: first.ref, emoji, userId, added, ...(eventId ? { eventId } : {}) });
    await react('U0CLAIRE', 'tada', true, 'Ev1');
    await react('U0CLAIRE', 'tada', true, 'Ev1');
    await react('U0HUGO', 'tada');
    await react('U0HUGO', 'fire');
    await react('U0X', ':fire:');
    await react('U0X', 'fire', false);
    const next = (await runUntil(h, '2026-03-16T09:00:00Z')).filter(
      (d) => d.view.type === 'leaderboard' && d.to === 'channel:paris',
    );
    expect(next).toHaveLength(1);
    const view = next[0]!.view as LeaderboardView;
    expect(view).toMatchObject({
      periodKey: '2026-W11',
      locale: 'fr',
      reactions: [
        { emoji: 'tada', count: 2 },
        { emoji: 'fire', count: 1 },
      ],
      reactionsText: 'Réactions au classement précédent : :tada: 2  :fire: 1',
    });
  });

  it('lets the approver accept or change a QBR proposal, with history and audit', async () => {
    h = await ritualsHarness(
      engineWorkspace({
        rituals: '  checkin: { enabled: false }\n  breach_scan: { enabled: false }',
        parisCollective: `    collective:
      - { id: meetings, kpi: meetings, target: 40, alert: 30, per: quarter, owner: lea, contributors: [hugo, lea], approver: claire }`,
      }),
      '2026-03-31T12:00:00Z',
    );
    const values = ['2025-05', '2025-08', '2025-11', '2026-02'].map((month, i) => ({
      memberId: 'hugo',
      teamId: 'paris',
      kpiId: 'meetings',
      date: `${month}-10`,
      value: [35, 44, 41, 46][i]!,
      source: 'import' as const,
      externalId: `q${i}`,
    }));
    await h.store.metricValues.upsertMany(values, { at: '2026-03-31T12:00:00Z' });
    await h.tick('2026-03-31T12:00:00Z');
    const posts = await runUntil(h, '2026-04-01T09:00:00Z');
    const qbr = posts.find((d) => d.view.type === 'qbr' && d.to === 'channel:paris')!.view as QbrView;
    expect(qbr.periodKey).toBe('2026-Q1');
    // Quarterly results 35, 44, 41, 46: 80th percentile 44.6, within ±20% of 40: 45.
    expect(qbr.proposals).toEqual([
      expect.objectContaining({ objectiveId: 'meetings', currentText: '40', proposed: 45, proposedText: '45' }),
    ]);
    const accept = qbr.actions.find((a) => a.action === 'qbr.accept')!;
    expect(body(await h.core.service.action('lea', 'qbr.accept', accept.value))).toBe(
      'Seuls le pilote de cet objectif et les managers de l’équipe peuvent faire cela.',
    );
    expect(body(await h.core.service.action('claire', 'qbr.accept', accept.value))).toBe(
      'Nouvelle cible pour Rendez-vous : 45 à partir du 1 avr. 2026.',
    );
    expect(body(await h.core.service.action('claire', 'qbr.accept', accept.value))).toBe(
      'Ce changement de cible est déjà enregistré.',
    );
    const change = await h.core.service.action(
      'claire',
      'qbr.change',
      qbr.actions.find((a) => a.action === 'qbr.change')!.value,
    );
    expect(change.kind).toBe('form');
    const metadata = (change.view as { metadata: string }).metadata;
    const wrong = await h.core.service.submitTargetChange({
      memberId: 'claire',
      metadata,
      target: 'beaucoup',
      idempotencyKey: 't1',
    });
    expect(wrong).toMatchObject({ ok: false, form: { errors: { target: '« beaucoup » n’est pas un nombre.' } } });
    const changed = await h.core.service.submitTargetChange({
      memberId: 'claire',
      metadata,
      target: '42,5',
      reason: 'Recrutement',
      idempotencyKey: 't1',
    });
    expect(changed).toMatchObject({ ok: true, view: { tone: 'success' } });
    const history = (await h.store.objectives.targetHistory('team:paris:meetings')).filter(
      (e) => e.changedBy !== 'test',
    );
    expect(history.map((e) => [e.changedBy, e.reason, e.newTarget, e.effectiveFrom])).toEqual([
      ['claire', 'QBR proposal accepted', { value: 45 }, '2026-04-01'],
      ['claire', 'Recrutement', { value: 42.5 }, '2026-04-01'],
    ]);
    const audit = await h.store.audit.list({ entity: 'objective', entityId: 'team:paris:meetings' });
    expect(audit.filter((a) => a.action === 'objective.target').map((a) => a.actor)).toEqual(['claire', 'claire']);
  });

  it('answers help, unknown commands, out-of-office and "where do I stand"', async () => {
    h = await ritualsHarness(engineWorkspace(), '2026-03-04T10:00:00Z');
    const { service } = h.core;
    expect((await service.command('lea', 'aide')).view).toMatchObject({ title: 'Ce que je sais faire' });
    expect(service.help('en').body).toContain('ooo 2026-03-16 2026-03-20');
    expect(body(await service.command('hugo', 'dance'))).toBe(
      'I don’t know the command "dance". Type help to see what I can do.',
    );
    expect(body(await service.command('lea', 'absent 20/03/2026 16/03/2026'))).toBe(
      'Le dernier jour précède le premier (20/03/2026 16/03/2026).',
    );
    expect(body(await service.command('lea', 'absent 16/03/2026 20/03/2026'))).toBe(
      'Absence enregistrée du 16 mars 2026 au 20 mars 2026 : ni point hebdo ni rappel ces jours-là.',
    );
    expect(await h.store.ooo.listOverlapping(['lea'], '2026-03-01', '2026-03-31')).toEqual([
      expect.objectContaining({ from: '2026-03-16', to: '2026-03-20', createdBy: 'lea' }),
    ]);
    expect(body(await service.command('lea', 'absent fin'))).toBe('Vos absences à venir sont annulées.');
    expect(await h.store.ooo.listOverlapping(['lea'], '2026-03-01', '2026-03-31')).toEqual([]);
    expect(body(await service.command('lea', 'absent fin'))).toBe('Vous n’avez aucune absence à venir.');
    const goals = (await service.command('claire', 'moi')).view as MyGoalsView;
    expect(goals).toMatchObject({ type: 'my_goals', lines: [], team: { type: 'standup_summary', teamId: 'paris' } });
    const mine = await service.myGoals('hugo');
    expect(mine).toMatchObject({
      title: 'Where you stand, Hugo Bernard',
      nextRitualText: 'Next check-in: 6 Mar 2026, 16:00',
      actions: [{ action: 'checkin.open' }],
    });
    expect(mine.lines.map((l) => l.kpi)).toEqual(['meetings', 'calls']);
  });
});
