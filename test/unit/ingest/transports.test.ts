import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../../../src/ingest/transports/address-guard.ts';
import { backoffSeconds, MAX_BACKOFF_SECONDS, nextPollDelaySeconds } from '../../../src/ingest/transports/backoff.ts';
import { authHeaders, CredentialsError, parseCredentials } from '../../../src/ingest/transports/credentials.ts';
import { parseRetryAfter } from '../../../src/ingest/transports/http-fetch.ts';
import { signPush } from '../../../src/ingest/transports/push.ts';

describe('private address guard', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.10',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    'not-an-ip',
  ])('refuses %s', (address) => expect(isPrivateAddress(address)).toBe(true));
  it.each(['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8', '172.32.0.1'])('allows %s', (address) =>
    expect(isPrivateAddress(address)).toBe(false),
  );
});

describe('poll scheduling', () => {
  it('polls a healthy feed at its interval, never below the floor', () => {
    expect(nextPollDelaySeconds({ intervalSeconds: 300, floorSeconds: 15, failures: 0, retryAfterSeconds: null })).toBe(300);
    expect(nextPollDelaySeconds({ intervalSeconds: 5, floorSeconds: 15, failures: 0, retryAfterSeconds: null })).toBe(15);
  });

  it('doubles the wait with each consecutive failure, up to a cap, with up to 50% jitter', () => {
    expect([1, 2, 3, 4].map((failures) => backoffSeconds(failures, 60, () => 0))).toEqual([60, 120, 240, 480]);
    expect(backoffSeconds(3, 60, () => 0.999)).toBe(360);
    expect(backoffSeconds(40, 60, () => 0)).toBe(MAX_BACKOFF_SECONDS);
  });

  it("waits at least as long as the server's Retry-After", () => {
    expect(nextPollDelaySeconds({ intervalSeconds: 60, floorSeconds: 15, failures: 1, retryAfterSeconds: 900, random: () => 0 })).toBe(900);
  });

  it('reads Retry-After as seconds or an HTTP date, and ignores anything else', () => {
    const now = Date.parse('2026-11-29T06:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Sun, 29 Nov 2026 06:10:00 GMT', now)).toBe(600);
    expect(parseRetryAfter('Sun, 29 Nov 2026 05:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('99999999', now)).toBe(86_400);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

describe('feed credentials', () => {
  it('builds basic, bearer and custom-header authentication', () => {
    expect(authHeaders(parseCredentials('f', '{"username":"ann","password":"pw"}'))).toEqual({ authorization: `Basic ${btoa('ann:pw')}` });
    expect(authHeaders(parseCredentials('f', '{"token":"t0k"}'))).toEqual({ authorization: 'Bearer t0k' });
    expect(authHeaders(parseCredentials('f', '{"header":"X-Api-Key","value":"k"}'))).toEqual({ 'x-api-key': 'k' });
    expect(authHeaders(parseCredentials('f', null))).toEqual({});
  });

  it.each([
    ['{not json', 'feed f: credentials are not valid JSON'],
    ['{"usename":"typo"}', 'feed f: credentials: Unrecognized key: "usename"'],
    ['{"header":"X-Key"}', 'feed f: credentials: header and value go together'],
    ['{"secret":"short"}', 'feed f: secret: at least 16 characters'],
  ])('refuses %s, naming the feed and the problem', (json, message) => {
    expect(() => parseCredentials('f', json)).toThrow(new CredentialsError(message));
  });
});

describe('push signature', () => {
  it('is HMAC-SHA256 over "<timestamp>.<body>" (a known vector)', () => {
    // Computed independently: printf '1764396000.{"a":1}' | openssl dgst -sha256 -hmac 'sixteen-char-key'
    expect(signPush('sixteen-char-key', '1764396000', Buffer.from('{"a":1}'))).toBe(
      'sha256=82655f1884a271f2fac2a63be4e2009ab8f97043e53a1c2045f52174eaf1a6f8',
    );
  });
});
