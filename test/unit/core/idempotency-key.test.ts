// The adapters' one idempotency-key helper: the same interaction (and answers) always gives the same
// key, so a replayed submission counts once; different answers in one dialog give a new key.
import { describe, expect, it } from 'vitest';
import { contentDigest, submissionKey } from '../../../src/core/idempotency-key.js';

describe('submissionKey', () => {
  it('keeps the formats the adapters have stored so far', () => {
    expect(submissionKey('slack', ['V0123', 'h-456'])).toBe('slack:V0123:h-456');
    expect(submissionKey('teams', ['f:invoke-checkin-1'])).toBe('teams:f:invoke-checkin-1');
    expect(submissionKey('sandbox', ['form-1'], [{ calls: '12' }, '', ''])).toMatch(/^sandbox:form-1:[0-9a-f]{16}$/);
  });

  it('is a pure function of the interaction and the answers (no clock, no randomness)', () => {
    const a = submissionKey('teams', ['a:1personal-chat-sam', 'act-7'], { action: 'checkin.submit', calls: '12' });
    const b = submissionKey('teams', ['a:1personal-chat-sam', 'act-7'], { action: 'checkin.submit', calls: '12' });
    expect(a).toBe(b);
    expect(
      submissionKey('teams', ['a:1personal-chat-sam', 'act-7'], { action: 'checkin.submit', calls: '13' }),
    ).not.toBe(a);
    expect(
      submissionKey('teams', ['a:1personal-chat-sam', 'act-8'], { action: 'checkin.submit', calls: '12' }),
    ).not.toBe(a);
  });

  it('digests the answers the way the sandbox always has', () => {
    expect(contentDigest(['decision', 'Hire a BDR'])).toBe(contentDigest(['decision', 'Hire a BDR']));
    expect(contentDigest(['decision', 'Hire a BDR'])).not.toBe(contentDigest(['hypothesis', 'Hire a BDR']));
    // sha256 of the JSON text, first 16 hex digits.
    expect(contentDigest([])).toBe('4f53cda18c2baa0c');
  });
});
