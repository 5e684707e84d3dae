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
    [
      {
        SLACK_CLIENT_ID: 'id',
        SLACK_CLIENT_SECRET: 's',
        SLACK_STATE_SECRET: 't',
        SLACK_SIGNING_SECRET: 'x',
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_APP_TOKEN: 'xapp-1',
      },
      'SLACK_APP_TOKEN cannot be used with the multi-workspace install',
    ],
    [{ MICROSOFT_APP_ID: 'a', MICROSOFT_APP_PASSWORD: 'p' }, 'MICROSOFT_APP_TENANT_ID is required'],
    [{ MICROSOFT_APP_TYPE: 'Other' }, 'MICROSOFT_APP_TYPE must be one of'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN must be at least 16 characters, without spaces'],
    [{ METRICS_TOKEN: 'sixteen chars ok but spaced' }, 'METRICS_TOKEN must be at least 16 characters, without spaces'],
    [{ METRICS_PORT: 'nine' }, 'METRICS_PORT must be a whole number'],
    [{ METRICS_PORT: '3000' }, 'METRICS_PORT must differ from PORT'],
    [{ PORT: '8080', METRICS_PORT: '8080' }, 'METRICS_PORT must differ from PORT'],
    [{ METRICS_HOST: '0.0.0.0' }, 'METRICS_PORT is required when METRICS_HOST is set'],
  ])('rejects %o naming the variable', (env, message) => {
    const p = problems(env as Record<string, string>);
    expect(p.join('\n')).toContain(message);
  });

  it('reads who may see /metrics, and where', () => {
    expect(loadConfig({}).metrics).toEqual({ token: undefined, port: undefined, host: '127.0.0.1' });
    expect(loadConfig({ METRICS_TOKEN: 'abcdefghijklmnop' }).metrics).toEqual({
      token: 'abcdefghijklmnop',
      port: undefined,
      host: '127.0.0.1',
    });
    expect(loadConfig({ METRICS_PORT: '9464' }).metrics).toEqual({ token: undefined, port: 9464, host: '127.0.0.1' });
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' }).metrics.host).toBe('0.0.0.0');
    expect(loadConfig({ PORT: '0', METRICS_PORT: '0' }).metrics.port).toBe(0);
  });

  it('never echoes a secret value in its errors', () => {
    expect(problems({ METRICS_TOKEN: 'short-secret' }).join('\n')).not.toContain('short-secret');
    const p = problems({ SLACK_BOT_TOKEN: 'supersecretvalue' });
    expect(p.join('\n')).not.toContain('supersecretvalue');
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ PORT: '', SLACK_BOT_TOKEN: '  ' }).port).toBe(3000);
  });
});
