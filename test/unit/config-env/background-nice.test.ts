// BACKGROUND_NICE: how far below the answering thread the background thread runs (a Linux nice value).
import { describe, expect, it } from 'vitest';
import { EnvConfigError, loadConfig } from '../../../src/config/env.js';

function problems(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof EnvConfigError) return err.problems;
    throw err;
  }
}

describe('BACKGROUND_NICE', () => {
  it('defaults to 10, and takes 0 to 19 (a blank value is the default)', () => {
    expect(loadConfig({}).backgroundNice).toBe(10);
    expect(loadConfig({ BACKGROUND_NICE: '0' }).backgroundNice).toBe(0);
    expect(loadConfig({ BACKGROUND_NICE: ' 19 ' }).backgroundNice).toBe(19);
    expect(loadConfig({ BACKGROUND_NICE: '' }).backgroundNice).toBe(10);
  });

  it.each([
    ['low', 'must be a whole number'],
    ['-5', 'must be a whole number'],
    ['20', 'must be between 0 and 19'],
  ])('%s is refused: %s', (value, message) => {
    expect(problems({ BACKGROUND_NICE: value })).toEqual([`BACKGROUND_NICE ${message}`]);
  });
});
