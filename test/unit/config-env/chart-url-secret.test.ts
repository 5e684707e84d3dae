// CHART_URL_SECRET: optional, at least 32 characters, never echoed in the error.
import { describe, expect, it } from 'vitest';
import { EnvConfigError, loadConfig } from '../../../src/config/env.js';

describe('CHART_URL_SECRET', () => {
  it('is optional and read as given', () => {
    expect(loadConfig({}).chartUrlSecret).toBeUndefined();
    expect(loadConfig({ CHART_URL_SECRET: 'k'.repeat(40) }).chartUrlSecret).toBe('k'.repeat(40));
  });

  it('refuses a short key without printing it', () => {
    const err = (() => {
      try {
        loadConfig({ CHART_URL_SECRET: 'tooshortsecret' });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(EnvConfigError);
    expect((err as EnvConfigError).problems).toEqual(['CHART_URL_SECRET must be at least 32 characters']);
    expect((err as EnvConfigError).message).not.toContain('tooshortsecret');
  });
});
