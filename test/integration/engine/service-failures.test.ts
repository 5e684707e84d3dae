// How the RitualsService fails, as service.ts documents it: the answers to a person never reject (an
// unknown member, bad input, a missing right or even a store that is gone come back as notices); the
// pieces adapters call inside their own flows reject with their documented DomainError codes; the
// engine's run on demand rejects with RUN.UNKNOWN_TEAM.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/core/errors.js';
import type { NoticeView } from '../../../src/core/view-models.js';
import { clearCronCache } from '../../../src/scheduling/cron.js';
import { engineWorkspace } from '../../helpers/engine-workspace.js';
import { type Harness, ritualsHarness } from '../../helpers/rituals-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});
afterAll(() => clearCronCache());

const NOT_A_MEMBER = 'You are not in any team of this workspace yet. Ask your admin to add you to the config.';
const INTERNAL = 'Something went wrong on our side; nothing was changed. Please try again.';
const errorNotice = (body: string) => expect.objectContaining({ type: 'notice', tone: 'error', body });

describe('RitualsService failures', () => {
  it('answers someone not in the config with a notice from every answer to a person, never a rejection', async () => {
    h = await ritualsHarness(engineWorkspace(), '2026-03-06T12:00:00Z');
    const { service } = h.core;
    const notice = errorNotice(NOT_A_MEMBER);
    expect(await service.command('nobody', 'me')).toEqual({ kind: 'reply', view: notice });
    expect(await service.action('nobody', 'goals.show', '')).toEqual({ kind: 'reply', view: notice });
    expect(await service.leaderboard('nobody')).toEqual(notice);
    expect(await service.progress('nobody')).toEqual(notice);
    expect(await service.standup('nobody')).toEqual(notice);
    expect(await service.runRitual('nobody', 'leaderboard')).toEqual(notice);
    expect(
      await service.submitDecision({
        memberId: 'nobody',
        metadata: '{}',
        kind: 'plan',
        text: 'x',
        idempotencyKey: 'd1',
      }),
    ).toEqual({ ok: true, view: notice });
    expect(
      await service.submitTargetChange({ memberId: 'nobody', metadata: '{}', target: '10', idempotencyKey: 't1' }),
    ).toEqual({ ok: true, view: notice });
  });

  it('rejects with the documented DomainError from the pieces adapters call inside their flows', async () => {
    h = await ritualsHarness(engineWorkspace(), '2026-03-06T12:00:00Z');
    const { service } = h.core;
    const notAMember = expect.objectContaining({ name: 'DomainError', code: 'AUTH.NOT_A_MEMBER' });
    await expect(service.checkInForm('nobody')).rejects.toEqual(notAMember);
    await expect(service.myGoals('nobody')).rejects.toEqual(notAMember);
    await expect(
      service.submitCheckIn({
        memberId: 'nobody',
        metadata: '{}',
        numbers: {},
        platform: 'sandbox',
        idempotencyKey: 'c1',
      }),
    ).rejects.toEqual(notAMember);
    await expect(service.checkInForm('hugo', '2026-13')).rejects.toEqual(
      expect.objectContaining({ code: 'PERIOD.OUT_OF_RANGE' }),
    );
    // The engine behind a manager's "run": an unknown team is a DomainError, which runRitual never lets through.
    await expect(h.core.engine.runNow('atlantis', 'leaderboard', h.clock.now())).rejects.toEqual(
      expect.objectContaining({ code: 'RUN.UNKNOWN_TEAM' }),
    );
    await expect(h.core.engine.runNow('atlantis', 'leaderboard', h.clock.now())).rejects.toBeInstanceOf(DomainError);
  });

  it('answers bad input and missing rights with a notice in the member’s language', async () => {
    h = await ritualsHarness(engineWorkspace(), '2026-03-06T12:00:00Z');
    const { service } = h.core;
    expect(await service.command('hugo', 'fly me to the moon')).toEqual({
      kind: 'reply',
      view: errorNotice('I don’t know the command "fly". Type help to see what I can do.'),
    });
    expect(await service.action('hugo', 'nonsense.action' as never, '')).toEqual({
      kind: 'reply',
      view: errorNotice('I don’t know the command "nonsense.action". Type help to see what I can do.'),
    });
    expect(await service.action('hugo', 'breach.acknowledge', 'not json')).toEqual({
      kind: 'reply',
      view: errorNotice('This alert no longer exists.'),
    });
    expect(((await service.runRitual('hugo', 'leaderboard')) as NoticeView).tone).toBe('error');
    expect(await service.leaderboard('hugo', 'atlantis')).toMatchObject({ type: 'notice', tone: 'error' });
    expect(await service.standup('lea', 'paris')).toMatchObject({ type: 'notice', tone: 'error', locale: 'fr' });
  });

  it('answers with the generic notice when the store is gone, and logs it; the other methods reject', async () => {
    h = await ritualsHarness(engineWorkspace(), '2026-03-06T12:00:00Z');
    const { service } = h.core;
    const harness = h;
    h = undefined;
    await harness.close();
    expect(await service.command('hugo', 'me')).toEqual({ kind: 'reply', view: errorNotice(INTERNAL) });
    expect(await service.leaderboard('hugo')).toEqual(errorNotice(INTERNAL));
    expect(harness.log.lines.filter((l) => l.level === 'error' && l.msg === 'service call failed')).toHaveLength(2);
    await expect(service.myGoals('hugo')).rejects.toBeInstanceOf(Error);
    await expect(service.myGoals('hugo')).rejects.not.toBeInstanceOf(DomainError);
  });
});
