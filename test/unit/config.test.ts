import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, databaseUrlOf, loadConfig } from '../../src/config.ts';

describe('configuration', () => {
  it('has working defaults: port 3000, SQLite under ./data, Asia/Kolkata shown as IST', () => {
    const config = loadConfig({ env: {}, file: null });
    expect(config.port).toBe(3000);
    expect(config.timeZone).toBe('Asia/Kolkata');
    expect(config.zoneLabel).toBe('IST');
    expect(databaseUrlOf(config)).toBe(`sqlite:${path.resolve('data', 'wiredesk.db')}`);
  });

  it('reads the environment, WIREDESK_PORT winning over PORT', () => {
    expect(loadConfig({ env: { PORT: '8080' }, file: null }).port).toBe(8080);
    expect(loadConfig({ env: { PORT: '8080', WIREDESK_PORT: '9090' }, file: null }).port).toBe(9090);
    expect(loadConfig({ env: { WIREDESK_DATA_DIR: '/srv/wire' }, file: null }).dataDir).toBe('/srv/wire');
    expect(loadConfig({ env: { DATABASE_URL: 'postgres://db/wire' }, file: null }).databaseUrl).toBe('postgres://db/wire');
  });

  it('reads a config file, and the environment wins over it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wiredesk-config-'));
    const file = path.join(dir, 'wiredesk.config.json');
    writeFileSync(file, JSON.stringify({ siteName: 'Pune Daily', port: 4000 }));
    const config = loadConfig({ env: { WIREDESK_PORT: '4100' }, file });
    expect(config.siteName).toBe('Pune Daily');
    expect(config.port).toBe(4100);
  });

  it('names the bad key and what it expects', () => {
    expect(() => loadConfig({ env: { WIREDESK_PORT: 'eighty' }, file: null })).toThrow(
      /WIREDESK_PORT: expected a whole number, got "eighty"/,
    );
    expect(() => loadConfig({ env: { WIREDESK_TIME_ZONE: 'Mars/Olympus' }, file: null })).toThrow(/WIREDESK_TIME_ZONE.*IANA time zone/);
    const dir = mkdtempSync(path.join(tmpdir(), 'wiredesk-config-'));
    const file = path.join(dir, 'wiredesk.config.json');
    writeFileSync(file, JSON.stringify({ port: 70000 }));
    expect(() => loadConfig({ env: {}, file })).toThrow(ConfigError);
    expect(() => loadConfig({ env: {}, file })).toThrow(/"port"/);
  });

  it('rejects a config file that is not JSON, saying which file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wiredesk-config-'));
    const file = path.join(dir, 'wiredesk.config.json');
    writeFileSync(file, '{ port: 1 ');
    expect(() => loadConfig({ env: {}, file })).toThrow(/wiredesk.config.json: not valid JSON/);
  });
});

describe('configuration from the environment for nested and secret settings', () => {
  it('sets the CDN purge token and the proxies to trust from the environment', () => {
    const config = loadConfig({
      env: { WIREDESK_CDN_PURGE_TOKEN: 'cdn-secret-token', WIREDESK_TRUST_PROXY: '10.0.0.0/8' },
      file: null,
    });
    expect(config.cdn.purgeToken).toBe('cdn-secret-token');
    expect(config.cdn.purgeStyle).toBe('fastly');
    expect(config.trustProxy).toBe('10.0.0.0/8');
    expect(loadConfig({ env: {}, file: null }).trustProxy).toBe(false);
    expect(loadConfig({ env: { WIREDESK_TRUST_PROXY: 'true' }, file: null }).trustProxy).toBe(true);
  });
});
