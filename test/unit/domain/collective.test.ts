import { describe, expect, it } from 'vitest';
import {
  type BreachState,
  type CollectiveStatus,
  collectiveStatus,
  nextBreachState,
} from '../../../src/core/domain/collective.js';

describe('collectiveStatus', () => {
  it.each([
    // 200 MQL / month, alert at 150 (higher is better)
    [250, 200, 150, 'higher', 'ok'],
    [200, 200, 150, 'higher', 'ok'],
    [199, 200, 150, 'higher', 'at_risk'],
    [150.01, 200, 150, 'higher', 'at_risk'],
    [150, 200, 150, 'higher', 'breached'],
    [400 / 3, 200, 150, 'higher', 'breached'],
    // net churn <= 2 % / quarter, alert at 3 % (lower is better)
    [0.01, 0.02, 0.03, 'lower', 'ok'],
    [0.02, 0.02, 0.03, 'lower', 'ok'],
    [0.025, 0.02, 0.03, 'lower', 'at_risk'],
    [0.03, 0.02, 0.03, 'lower', 'breached'],
    [0.05, 0.02, 0.03, 'lower', 'breached'],
    // a zero target still compares (status does not divide by the target)
    [0, 0, 2, 'lower', 'ok'],
    [1, 0, 2, 'lower', 'at_risk'],
    [null, 200, 150, 'higher', null],
  ] as const)('%s vs target %s, alert %s (%s) -> %s', (value, target, alert, direction, expected) => {
    expect(collectiveStatus(value, target, alert, direction)).toBe(expected);
  });
});

describe('nextBreachState (hysteresis)', () => {
  it('raises one event per breach entered and one when it is left', () => {
    const statuses: (CollectiveStatus | null)[] = [
      'ok',
      'at_risk',
      'breached',
      'breached',
      'at_risk',
      'breached',
      null,
      'breached',
      'ok',
      'ok',
      'breached',
    ];
    let state: BreachState = 'clear';
    const trace: [BreachState, string | null][] = [];
    for (const status of statuses) {
      const next = nextBreachState(state, status);
      state = next.state;
      trace.push([next.state, next.event]);
    }
    expect(trace).toEqual([
      ['clear', null],
      ['clear', null],
      ['breached', 'entered'],
      ['breached', null],
      ['clear', 'left'],
      ['breached', 'entered'],
      ['breached', null],
      ['breached', null],
      ['clear', 'left'],
      ['clear', null],
      ['breached', 'entered'],
    ]);
  });

  it.each([
    ['clear', 'breached', 'breached', 'entered'],
    ['breached', 'breached', 'breached', null],
    ['breached', 'ok', 'clear', 'left'],
    ['breached', 'at_risk', 'clear', 'left'],
    ['clear', 'at_risk', 'clear', null],
    ['clear', null, 'clear', null],
    ['breached', null, 'breached', null],
  ] as const)('%s + %s -> %s, %s', (previous, status, state, event) => {
    expect(nextBreachState(previous, status)).toEqual({ state, event });
  });
});
