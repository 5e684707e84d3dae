// One of each neutral view for a 40-member team, filled to the brim (long names, long blockers, many
// KPIs, every list full), in English and French: the input of the "all views within limits" test.
import type { Locale } from '../../../src/core/domain/model.js';
import type { ActionButton, KpiLine, StandupSummaryView, View } from '../../../src/core/view-models.js';

const N = 40;
const names = Array.from(
  { length: N },
  (_, i) => `Member ${String(i + 1).padStart(2, '0')} With A Rather Long Double-Barrelled Name <${i}> & Co`,
);
const long = (n: number) =>
  'Blocked by procurement & legal <review>; waiting on the customer. '.repeat(Math.ceil(n / 64)).slice(0, n);

const line = (i: number, locale: Locale): KpiLine => ({
  kpi: `kpi_${i}`,
  label: `${locale === 'fr' ? 'Rendez-vous qualifiés' : 'Qualified meetings'} ${i} — a label that goes on`,
  actualText: '12,5',
  targetText: '35',
  attainment: 0.357,
  attainmentText: '35,7 %',
  progress: 0.357,
  projectionText: 'Projected 33 by 30 Nov',
  neededText: '1.9 per working day needed',
  status: 'at_risk',
  statusText: 'At risk',
  tone: 'warning',
});

const btn = (action: ActionButton['action'], label: string): ActionButton => ({
  action,
  label,
  value: JSON.stringify({ breach: 12, period: '2026-W47' }),
});
const tooLongLabel = 'A button label that is much longer than the seventy-five characters Slack allows on a button';

function standup(locale: Locale): StandupSummaryView {
  return {
    type: 'standup_summary',
    locale,
    text: 'Stand-up',
    teamId: 'sales',
    title:
      'Stand-up — Sales France, a team with a very long name indeed that goes past the header limit of one hundred and fifty characters for sure',
    periodLabel: 'Week 47 (17–23 Nov 2026)',
    completionText: '7 of 40 checked in (18 %)',
    completion: 0.18,
    missing: names.slice(7),
    totals: Array.from({ length: 12 }, (_, i) => line(i, locale)),
    atRisk: names.map((n) => `${n}: qualified meetings at 35 %`),
    breaches: names.map((n) => `${n}: no-show rate 22 % (alert 15 %)`),
    blockers: names.map((name) => ({ name, text: long(2500) })),
    wins: names.map((name) => ({ name, text: long(900) })),
  };
}

export function bigTeamViews(locale: Locale): View[] {
  const lines = Array.from({ length: 60 }, (_, i) => line(i, locale));
  const base = { locale, text: long(5000) };
  return [
    {
      ...base,
      type: 'checkin_prompt',
      title: 'Weekly check-in',
      intro: long(4000),
      periodKey: '2026-W47',
      deadlineText: 'Until Monday 09:00',
      lastPeriod: lines,
      actions: [btn('checkin.open', tooLongLabel)],
    },
    {
      ...base,
      type: 'checkin_form',
      title: 'Weekly check-in for week 47 of 2026',
      submitLabel: 'Submit my numbers for this week',
      cancelLabel: 'Cancel and come back later',
      memberId: 'm1',
      periodKey: '2026-W47',
      periodLabel: 'Week 47',
      numbers: Array.from({ length: 120 }, (_, i) => ({
        id: `kpi_${i}`,
        label: `KPI ${i}`,
        unitHint: '€',
        min: 0,
        max: 1e9,
        value: '12,5',
        required: i < 3,
      })),
      texts: [
        { id: 'wins', label: 'Wins', placeholder: long(400), value: long(5000), maxLength: 5000 },
        { id: 'blockers', label: 'Blockers', placeholder: 'What is in your way?', maxLength: 2000 },
      ],
      errors: {},
      metadata: JSON.stringify({ member: 'm1', period: '2026-W47', key: 'x'.repeat(3500) }),
    },
    {
      ...base,
      type: 'checkin_confirmation',
      title: 'Thanks!',
      periodKey: '2026-W47',
      periodLabel: 'Week 47',
      lines,
      submittedText: long(3500),
      editable: true,
      actions: [btn('checkin.open', 'Edit')],
    },
    {
      ...base,
      type: 'checkin_reminder',
      title: 'Reminder',
      body: long(3100),
      deadlineText: 'Until Monday',
      actions: [btn('checkin.open', 'Check in')],
    },
    {
      ...base,
      type: 'leaderboard',
      teamId: 'sales',
      title: 'Leaderboard',
      periodKey: '2026-W47',
      periodLabel: 'Week 47',
      rows: names.map((name, i) => ({
        rank: i + 1,
        memberId: `m${i}`,
        name: `${name} ${long(60)}`,
        score: 1 - i / 50,
        scoreText: '98 %',
        movement: (i % 3) - 1,
        movementText: '▲ 2',
      })),
      moreCount: 0,
      reactions: [{ emoji: 'tada', count: 5 }],
      reactionsText: ':tada: 5  :fire: 3',
      footer: 'Score = weighted attainment, quality KPIs included.',
    },
    { ...base, type: 'my_rank', title: 'Your rank', rankText: '12th of 40', lines },
    {
      ...base,
      type: 'collective_progress',
      teamId: 'sales',
      title: 'Collective progress',
      periodLabel: 'Q4 2026',
      rows: Array.from({ length: 60 }, (_, i) => ({
        objectiveId: `o${i}`,
        label: `Objective ${i}`,
        line: line(i, locale),
        alertText: 'Alert at 25',
        ownerName: names[i % N]!,
      })),
    },
    {
      ...base,
      type: 'breach_nudge',
      breachId: 1,
      title: 'Alert',
      body: long(3200),
      line: line(1, locale),
      alertText: 'Alert at 15 %',
      actions: [
        btn('breach.acknowledge', 'Acknowledge'),
        btn('breach.snooze', 'Snooze'),
        btn('breach.decision', 'Record decision'),
      ],
    },
    {
      ...base,
      type: 'escalation',
      breachId: 1,
      title: 'Escalation',
      body: long(3200),
      line: line(1, locale),
      ownerName: names[0]!,
      sinceText: 'since 3 days',
      actions: [btn('breach.acknowledge', 'Acknowledge')],
    },
    standup(locale),
    {
      ...base,
      type: 'monthly_review',
      teamId: 'sales',
      title: 'Monthly review',
      periodKey: '2026-11',
      periodLabel: 'November 2026',
      sections: names.map((heading) => ({ heading, lines: lines.slice(0, 3), notes: [long(300)] })),
      charts: Array.from({ length: 12 }, (_, i) => ({ id: `c${i}`, title: `Chart ${i}`, altText: long(200) })),
      actions: [btn('review.decision', 'Record decision')],
    },
    {
      ...base,
      type: 'qbr',
      teamId: 'sales',
      title: 'QBR',
      periodKey: '2026-Q4',
      periodLabel: 'Q4 2026',
      sections: names.slice(0, 10).map((heading) => ({ heading, lines, notes: [] })),
      proposals: names.map((n, i) => ({
        objectiveId: `o${i}`,
        label: n,
        currentText: '35',
        proposed: 38,
        proposedText: '38',
        rationale: long(500),
      })),
      decisions: names.map((n) => ({ text: long(400), statusText: 'open', author: n })),
      charts: [],
      actions: [btn('qbr.accept', 'Accept'), btn('qbr.change', 'Change')],
    },
    {
      ...base,
      type: 'my_goals',
      title: 'Your goals',
      periodLabel: 'Week 47',
      lines,
      rankText: '12th of 40',
      nextRitualText: 'Next check-in Friday 16:00 (Europe/Paris)',
      team: standup(locale),
      actions: [btn('checkin.open', 'Check in'), btn('goals.show', 'Refresh')],
    },
    {
      ...base,
      type: 'decision_form',
      title: 'Record a decision about the qualified meetings objective',
      submitLabel: 'Save',
      cancelLabel: 'Cancel',
      context: long(3500),
      kinds: [
        { value: 'decision', label: 'Decision' },
        { value: 'hypothesis', label: 'Hypothesis' },
        { value: 'test', label: 'Test' },
        { value: 'result', label: 'Result' },
      ],
      textLabel: 'What was decided?',
      maxLength: 4000,
      errors: {},
      metadata: '{"objective":"o1","breach":1,"team":"sales"}',
    },
    {
      ...base,
      type: 'target_form',
      title: 'Change the target of the collective objective',
      submitLabel: 'Save',
      cancelLabel: 'Cancel',
      context: long(3500),
      target: { id: 'target', label: 'New target', unitHint: '%', min: 0, max: 100, value: '112,5', required: true },
      reasonLabel: 'Why?',
      maxLength: 5000,
      errors: {},
      metadata: '{"team":"sales","objective":"nrr","from":"2027-01-01"}',
    },
    { ...base, type: 'notice', tone: 'error', title: 'Help', body: `${long(3500)}\n${long(3500)}\n${long(200)}` },
  ];
}
