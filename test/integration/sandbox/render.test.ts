// The sandbox's HTML renderers: every string from a view is escaped (names and free text are user
// input), progress bars follow KpiLine.progress and status colours KpiLine.tone, forms show the core's
// inline errors, unknown views fall back to their text, and the page is in the member's language.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../../src/config/workspace-load.js';
import type { Workspace } from '../../../src/core/domain/model.js';
import type { LeaderboardView, StandupSummaryView } from '../../../src/core/view-models.js';
import { viewerContext } from '../../../src/sandbox/page-state.js';
import { html, raw } from '../../../src/sandbox/render/html.js';
import { renderPage } from '../../../src/sandbox/render/page.js';
import { type RenderOptions, renderView } from '../../../src/sandbox/render/render.js';
import { checkInForm, line, notice } from '../../helpers/fake-rituals-service.js';

const EVIL = `<img src=x onerror="alert(1)">'"&`;
const opts: RenderOptions = {
  standupLabels: { missing: 'Missing', atRisk: 'At risk', breaches: 'Breaches', blockers: 'Blockers', wins: 'Wins' },
};

let ws: Workspace;
beforeAll(async () => {
  ws = (await loadWorkspace(undefined)).workspace;
});

describe('html builder', () => {
  it('escapes interpolations but keeps trusted fragments', () => {
    expect(html`<b>${EVIL}</b>`.value).toBe('<b>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&#39;&quot;&amp;</b>');
    expect(html`<p>${raw('<i>ok</i>')}${null}${undefined}${false}${[1, '<', html`<br>`]}</p>`.value).toBe(
      '<p><i>ok</i>1&lt;<br></p>',
    );
  });
});

describe('view renderers', () => {
  it('escapes every user string of a leaderboard and a stand-up', () => {
    const board: LeaderboardView = {
      type: 'leaderboard',
      locale: 'en',
      text: 't',
      teamId: 'sales-fr',
      title: EVIL,
      periodKey: '2026-W48',
      periodLabel: EVIL,
      rows: [{ rank: 1, memberId: EVIL, name: EVIL, score: 1.2, scoreText: EVIL, movement: 1, movementText: EVIL }],
      moreCount: 0,
      reactions: [{ emoji: EVIL, count: 2 }],
      footer: EVIL,
    };
    const standup: StandupSummaryView = {
      type: 'standup_summary',
      locale: 'en',
      text: 't',
      teamId: 'x',
      title: EVIL,
      periodLabel: EVIL,
      completionText: EVIL,
      completion: 0.5,
      missing: [EVIL],
      totals: [line({ label: EVIL, statusText: EVIL })],
      atRisk: [EVIL],
      breaches: [EVIL],
      blockers: [{ name: EVIL, text: EVIL }],
      wins: [{ name: EVIL, text: EVIL }],
    };
    for (const view of [board, standup]) {
      const out = renderView(view, opts).value;
      expect(out).not.toContain('<img');
      expect(out).not.toMatch(/onerror="/);
      expect(out).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    }
  });

  it('draws progress bars and status colours from the KPI line', () => {
    const out = renderView(
      {
        type: 'my_rank',
        locale: 'en',
        text: 't',
        title: 'Rank',
        rankText: '#2',
        lines: [line({ progress: 0.426, tone: 'good' }), line({ progress: 7, tone: 'nonsense' as never })],
      },
      opts,
    ).value;
    expect(out).toContain('class="bar tone-good"');
    expect(out).toContain('style="width:42.6%"');
    expect(out).toContain('aria-valuenow="43"');
    // Out-of-range values are clamped and unknown tones are neutral.
    expect(out).toContain('style="width:100%"');
    expect(out).toContain('class="kpi tone-neutral"');
    expect(out).toContain('<span class="kpi-label">Calls</span>');
    expect(out).not.toContain('kpi-sub');
  });

  it('names a collective objective, with its KPI beneath when it differs', () => {
    const row = (objectiveId: string, label: string) => ({
      objectiveId,
      label,
      line: line({ label: 'Calls' }),
      alertText: 'Alert: 20',
      ownerName: 'Carla',
    });
    const out = renderView(
      {
        type: 'collective_progress',
        locale: 'en',
        text: 't',
        teamId: 'x',
        title: 'Progress',
        periodLabel: 'Q4',
        rows: [row('a', 'Reach 40 calls'), row('b', 'Calls')],
      },
      opts,
    ).value;
    expect(out).toContain('<span class="kpi-label">Reach 40 calls</span>');
    expect(out.match(/kpi-sub/g)).toHaveLength(1);
    expect(out).toContain('Alert: 20 · Carla');
  });

  it('renders the check-in form with inline errors and the typed value kept', () => {
    const out = renderView(
      checkInForm('alice', { calls: `"${EVIL}" is not a number.`, _form: 'Closed' }, { calls: EVIL }),
      { ...opts, formId: 'f1' },
    ).value;
    expect(out).toContain('data-form="checkin" data-form-id="f1"');
    expect(out).toContain('aria-invalid="true"');
    // The error is tied to its field for screen readers.
    expect(out).toMatch(/<p class="field-error" id="err-calls" role="alert" data-error-for="calls">&quot;&lt;img/);
    expect(out).toContain('aria-invalid="true" aria-describedby="err-calls"');
    expect(out).toContain('data-error-for="_form">Closed</p>');
    expect(out).toContain('value="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&#39;&quot;&amp;"');
    expect(out).not.toContain(' required');
  });

  it('shows review charts as images when they can be drawn, else as their alt text', () => {
    const review = {
      type: 'monthly_review',
      locale: 'en',
      text: 't',
      teamId: 'x',
      title: 'Review',
      periodKey: '2026-11',
      periodLabel: 'November',
      sections: [{ heading: 'Team', lines: [line()], notes: [EVIL] }],
      charts: [{ id: 'kind=burnup&team=x', title: 'Burn-up', altText: `Alt ${EVIL}` }],
      actions: [{ action: 'review.decision', label: 'Record decision', value: '{}' }],
    } as const;
    const withImages = renderView(review, {
      ...opts,
      chartUrl: (id) => `/sandbox/charts/png?${new URLSearchParams({ id })}`,
    }).value;
    expect(withImages).toContain('<img src="/sandbox/charts/png?id=kind%3Dburnup%26team%3Dx" alt="Alt &lt;img');
    expect(renderView(review, opts).value).toContain('<p class="muted small">Alt &lt;img');
    expect(withImages).toContain('data-action="review.decision"');
  });

  it('renders the target form of a QBR proposal with its errors', () => {
    const out = renderView(
      {
        type: 'target_form',
        locale: 'en',
        text: 't',
        title: 'Change target',
        submitLabel: 'Save',
        cancelLabel: 'Cancel',
        context: EVIL,
        target: { id: 'target', label: 'New target', unitHint: '%', min: 0, max: 100, required: true, value: '35' },
        reasonLabel: 'Why',
        maxLength: 300,
        errors: { target: 'Too high' },
        metadata: '{"team":"x"}',
      },
      { ...opts, formId: 'f9' },
    ).value;
    expect(out).toContain('data-form="target" data-form-id="f9"');
    expect(out).toContain('value="35" aria-invalid="true"');
    expect(out).toContain('data-error-for="target">Too high</p>');
    expect(out).toContain('value="{&quot;team&quot;:&quot;x&quot;}"');
  });

  it('falls back to the text of an unknown or broken view', () => {
    expect(renderView({ type: 'from_the_future', text: `new ${EVIL}` }, opts).value).toContain('new &lt;img');
    expect(renderView({ type: 'leaderboard', text: 'broken board' }, opts).value).toContain('broken board');
    expect(renderView(notice('done', 'success'), opts).value).toContain('tone-good');
  });
});

describe('page shell', () => {
  it('is in the member language, with their threads and the manager tools', () => {
    const carla = viewerContext(ws, 'carla')!;
    const page = renderPage({
      workspace: ws,
      memberId: 'carla',
      locale: carla.locale,
      threads: carla.threads,
      nowText: 'lundi',
      rituals: ['checkin', 'leaderboard'],
      isManager: true,
      hasRole: false,
    });
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('Aller au rituel suivant');
    expect(page).toContain('data-thread="dm:carla"');
    expect(page).toContain('data-thread="channel:sales-fr"');
    expect(page).not.toContain('channel:sales-us');
    expect(page).toContain('data-command="standup"');
    expect(page).not.toContain('data-command="checkin"');
    expect(page).toContain('<option value="carla" selected>');
    expect(page).not.toMatch(/<script>(?!<)/);
    expect(page).not.toMatch(/https?:\/\/(?!localhost)/);

    const emily = viewerContext(ws, 'emily')!;
    const en = renderPage({
      workspace: ws,
      memberId: 'emily',
      locale: emily.locale,
      threads: emily.threads,
      nowText: 'Monday',
      rituals: ['checkin'],
      isManager: false,
      hasRole: true,
    });
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Go to next ritual');
    expect(en).not.toContain('data-command="standup"');
    expect(en).toContain('data-command="checkin"');
    // Grace is in the US team but set to French.
    expect(viewerContext(ws, 'grace')!.locale).toBe('fr');
  });

  it('opens as a rep of the browser language, with the guided start, a skip link and commands in that language', () => {
    // No member asked: a rep of the team speaking the browser's language, never a manager.
    expect(viewerContext(ws, null, 'fr')!.memberId).toBe('hugo');
    expect(viewerContext(ws, null, 'en')!.memberId).toBe('emily');
    expect(viewerContext(ws, null)!.memberId).toBe('hugo');
    const hugo = viewerContext(ws, 'hugo')!;
    const page = renderPage({
      workspace: ws,
      memberId: 'hugo',
      locale: hugo.locale,
      threads: hugo.threads,
      nowText: 'jeudi',
      rituals: ['checkin'],
      isManager: false,
      hasRole: true,
    });
    expect(page).toContain(
      '<a class="skip-link" href="#quick-checkin" data-skip="quick-checkin">Aller à mon point hebdo</a>',
    );
    expect(page).toContain('<a href="/?lang=fr" lang="fr" hreflang="fr" aria-current="true">Français</a>');
    expect(page).toContain('<a href="/?lang=en" lang="en" hreflang="en">English</a>');
    expect(page).toContain('Vous êtes Hugo Bernard (SDR, Ventes France).');
    expect(page.match(/data-step="/g)).toHaveLength(3);
    // Quick buttons "type" the French command; the help is `aide`, never `help`.
    expect(page).toContain('data-command="checkin" data-text="pointage"');
    expect(page).toContain('data-command="help" data-text="aide"');
    expect(page).toContain('data-ooo="absent"');
    expect(page).not.toContain('id="toast"');
    // Managers double as admins: the data imports thread is theirs.
    expect(hugo.threads.map((th) => th.id)).toEqual(['dm:hugo', 'channel:sales-fr']);
    expect(viewerContext(ws, 'carla')!.threads.map((th) => th.id)).toEqual([
      'dm:carla',
      'channel:sales-fr',
      'admin:imports',
    ]);
  });

  it('renders the help as a list and a CRM import note in the viewer language', () => {
    const help = renderView(
      { ...notice('x'), title: 'Aide', body: 'pointage — remplir le point\nmoi — vos objectifs\naide — ce message' },
      opts,
    ).value;
    expect(help).toContain('<ul class="notice-list"><li><code>pointage</code> — remplir le point</li>');
    expect(help.match(/<li>/g)).toHaveLength(3);
    const note = {
      type: 'crm_import',
      text: 'CRM import',
      teamId: 'sales-fr',
      teamName: 'Ventes France',
      from: '2026-12-02',
      to: '2026-12-02',
      total: 18,
      inserted: 18,
      updated: 0,
      unchanged: 0,
    };
    expect(renderView(note, { ...opts, locale: 'fr' }).value).toContain(
      'Ventes France, 2 déc. 2026 : 18 valeurs de l’export CRM de la nuit (18 nouvelles, 0 mises à jour).',
    );
    expect(renderView(note, { ...opts, locale: 'en' }).value).toContain('<div class="card-title">CRM import</div>');
  });
});
