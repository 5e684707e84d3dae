import { describe, expect, it } from 'vitest';
import { EnvConfigError, hasPlatform, loadConfig } from '../../../src/config/env.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof EnvConfigError) return [...e.problems];
    throw e;
  }
  return [];
}

describe('loadConfig', () => {
  it('has sensible defaults with an empty environment', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBe('file:./data/rituals.db');
    expect(c.databaseIsDefault).toBe(true);
    expect(c.workspaceConfigPath).toBeUndefined();
    expect(c.logLevel).toBe('info');
    expect(hasPlatform(c)).toBe(false);
  });

  it('reads every documented variable', () => {
    const c = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'file:/tmp/x.db',
      RITUALS_CONFIG: 'my.yaml',
      LOG_LEVEL: 'debug',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      SLACK_API_URL: 'http://127.0.0.1:9999/api/',
      MICROSOFT_APP_ID: 'app',
      MICROSOFT_APP_PASSWORD: 'pw',
      MICROSOFT_APP_TENANT_ID: 'tenant',
    });
    expect(c.port).toBe(8080);
    expect(c.workspaceConfigPath).toBe('my.yaml');
    expect(c.slack?.apiUrl).toBe('http://127.0.0.1:9999/api/');
    expect(c.teams?.appType).toBe('SingleTenant');
    expect(hasPlatform(c)).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number'],
    [{ PORT: '70000' }, 'PORT must be between 0 and 65535'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
    [{ SLACK_BOT_TOKEN: 'abc' }, 'SLACK_BOT_TOKEN must start with "xoxb-"'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_SIGNING_SECRET is required'],
    [{ SLACK_APP_TOKEN: 'xapp-1' }, 'SLACK_BOT_TOKEN is required'],
    [{ SLACK_API_URL: 'not a url' }, 'SLACK_API_URL must be an http(s) URL'],
    [{ SLACK_CLIENT_ID: 'id' }, 'SLACK_CLIENT_SECRET is required'],
    [{ SLACK_CLIENT_ID: 'id', SLACK_CLIENT_SECRET: 's', SLACK_STATE_SECRET: 't', SLACK_SIGNING_SECRET: 'x', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }, 'SLACK_APP_TOKEN cannot be used with the multi-workspace install'],
    [{ MICROSOFT_APP_ID: 'a', MICROSOFT_APP_PASSWORD: 'p' }, 'MICROSOFT_APP_TENANT_ID is required'],
    [{ MICROSOFT_APP_TYPE: 'Other' }, 'MICROSOFT_APP_TYPE must be one of'],
  ])('rejects %o naming the variable', (env, message) => {
    const p = problems(env as Record<string, string>);
    expect(p.join('\n')).toContain(message);
  });

  it('never echoes a secret value in its errors', () => {
    const p = problems({ SLACK_BOT_TOKEN: 'supersecretvalue' });
    expect(p.join('\n')).not.toContain('supersecretvalue');
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ PORT: '', SLACK_BOT_TOKEN: '  ' }).port).toBe(3000);
  });
});
