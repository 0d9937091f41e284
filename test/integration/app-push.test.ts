import { execFileSync } from 'node:child_process';
import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BreakingNews } from '../../src/app/push/breaking.ts';
import { vapidKeys } from '../../src/app/push/vapid.ts';
import { loadConfig } from '../../src/config.ts';
import { ingestWire, WIRE_CONFIG } from '../support/app-wire.ts';
import { createTestSite, storeDialects, type TestSite } from '../support/runtime.ts';

/**
 * A push service on loopback, written for this test: it checks each request's VAPID JWT
 * against the key it names, and answers per endpoint as real services do (201 delivered,
 * 410/404 for a subscription that no longer exists, 500 when it is down). The test's browser
 * side holds real subscription keys, so it can decrypt what arrived (RFC 8291, aes128gcm).
 */
interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const ANSWERS: Record<string, number> = {
  '/push/live-1': 201,
  '/push/live-2': 201,
  '/push/expired': 410,
  '/push/missing': 404,
  '/push/down': 500,
};

function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(path.join(tmpdir(), 'wiredesk-push-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A browser's side of one subscription: its P-256 key pair and auth secret. */
function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { ecdh, auth: randomBytes(16), p256dh: ecdh.getPublicKey().toString('base64url') };
}

/** Verifies `Authorization: vapid t=<jwt>, k=<key>` and returns the JWT claims and key. */
function verifyVapid(header: string | undefined): { claims: Record<string, unknown>; publicKey: string } {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header ?? '');
  if (match?.[1] === undefined || match[2] === undefined) throw new Error(`not a VAPID authorization: ${header}`);
  const [head, payload, signature] = match[1].split('.') as [string, string, string];
  const point = Buffer.from(match[2], 'base64url');
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') },
    format: 'jwk',
  });
  expect(JSON.parse(Buffer.from(head, 'base64url').toString())).toMatchObject({ alg: 'ES256', typ: 'JWT' });
  const valid = verify(
    'sha256',
    Buffer.from(`${head}.${payload}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!valid) throw new Error('the VAPID JWT signature does not verify');
  return { claims: JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>, publicKey: match[2] };
}

/** RFC 8291 + RFC 8188: what the browser does with an aes128gcm push message. */
function decrypt(body: Buffer, browser: ReturnType<typeof browserKeys>): string {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const serverKey = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const secret = browser.ecdh.computeSecret(serverKey);
  const info = Buffer.concat([Buffer.from('WebPush: info\0'), browser.ecdh.getPublicKey(), serverKey]);
  const ikm = Buffer.from(hkdfSync('sha256', secret, browser.auth, info, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(-16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, -16)), decipher.final()]);
  // The last record ends with the delimiter 0x02 and optional zero padding.
  return padded.subarray(0, padded.lastIndexOf(2)).toString('utf8');
}

describe.each(storeDialects())('breaking-news push alerts (%s)', (dialect) => {
  const tls = selfSignedCertificate();
  const received: Received[] = [];
  let pushService: Server;
  let origin: string;
  let site: TestSite;
  let breaking: BreakingNews;
  let storyId: number;
  const browsers = {
    live1: browserKeys(),
    live2: browserKeys(),
    expired: browserKeys(),
    missing: browserKeys(),
    down: browserKeys(),
    other: browserKeys(),
  };

  beforeAll(async () => {
    pushService = createServer({ key: tls.key, cert: tls.cert }, (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) });
        response.statusCode = ANSWERS[request.url ?? ''] ?? 404;
        response.end();
      });
    });
    await new Promise<void>((resolve) => pushService.listen(0, '127.0.0.1', resolve));
    origin = `https://127.0.0.1:${(pushService.address() as { port: number }).port}`;
    const defaults = loadConfig({ env: {}, file: null });
    site = await createTestSite(
      {
        ...WIRE_CONFIG,
        siteUrl: 'https://news.example',
        app: { ...defaults.app, push: { serviceHosts: [new URL(origin).host], ttlSeconds: 120 } },
      },
      dialect,
    );
    [storyId] = (await ingestWire(site, [
      { guid: 'grid-fault', headline: 'Grid fault darkens the eastern wards', section: 'technology' },
    ])) as [number];
    // The runtime reaches push services with the system's trust store; this one trusts the loopback service.
    breaking = new BreakingNews(
      site.runtime.store.db,
      site.runtime.app.subscriptions,
      site.runtime.config,
      pino({ level: 'silent' }),
      new Agent({ ca: tls.cert }),
    );
  });
  afterAll(async () => {
    await site?.close();
    await new Promise((resolve) => pushService?.close(resolve));
  });

  const subscribe = (section: string, endpoint: string, browser: ReturnType<typeof browserKeys>) =>
    site.app.inject({
      method: 'POST',
      url: '/app/push/subscriptions',
      payload: { section, subscription: { endpoint, keys: { p256dh: browser.p256dh, auth: browser.auth.toString('base64url') } } },
    });

  it("keeps a reader's subscription per section and refuses endpoints that are not known push services", async () => {
    expect((await subscribe('technology', `${origin}/push/live-1`, browsers.live1)).statusCode).toBe(201);
    expect((await subscribe('technology', `${origin}/push/live-2`, browsers.live2)).statusCode).toBe(201);
    expect((await subscribe('technology', `${origin}/push/expired`, browsers.expired)).statusCode).toBe(201);
    expect((await subscribe('technology', `${origin}/push/missing`, browsers.missing)).statusCode).toBe(201);
    expect((await subscribe('technology', `${origin}/push/down`, browsers.down)).statusCode).toBe(201);
    expect((await subscribe('national', `${origin}/push/other`, browsers.other)).statusCode).toBe(201);
    // The same browser again changes nothing.
    expect((await subscribe('technology', `${origin}/push/live-1`, browsers.live1)).statusCode).toBe(201);

    const refused = [
      await subscribe('technology', 'https://internal.example/push/x', browsers.live1),
      await subscribe('technology', `${origin.replace('https', 'http')}/push/x`, browsers.live1),
      await subscribe('sports', `${origin}/push/x`, browsers.live1),
      await site.app.inject({
        method: 'POST',
        url: '/app/push/subscriptions',
        payload: { section: 'technology', subscription: { endpoint: `${origin}/push/x`, keys: { p256dh: 'short', auth: 'x' } } },
      }),
    ];
    expect(refused.map((response) => response.statusCode)).toEqual([400, 400, 400, 400]);
    expect(refused[0]?.json()).toEqual({ error: 'internal.example is not a known push service' });
    const stored = await site.runtime.store.db.selectFrom('push_subscriptions').select('section').execute();
    expect(stored).toHaveLength(6);
  });

  it("delivers a signed, encrypted alert to every subscriber of the story's section and removes expired subscriptions", async () => {
    const result = await breaking.markBreaking(storyId, 'editor:desk@example.test');
    expect(result).toEqual({ status: 'sent', delivered: 2, removed: 2, failed: 1 });

    const paths = received.map((request) => request.path).sort();
    expect(paths).toEqual(['/push/down', '/push/expired', '/push/live-1', '/push/live-2', '/push/missing']);
    const keys = await vapidKeys(site.runtime.store.db);
    for (const request of received) {
      const { claims, publicKey } = verifyVapid(request.headers.authorization as string);
      expect(publicKey).toBe(keys.publicKey);
      expect(claims.aud).toBe(origin);
      expect(claims.sub).toBe('mailto:push@news.example');
      expect(Number(claims.exp)).toBeGreaterThan(Date.now() / 1000);
      expect(request.headers['content-encoding']).toBe('aes128gcm');
      expect(request.headers.ttl).toBe('120');
      expect(request.headers.urgency).toBe('high');
    }
    const live = received.find((request) => request.path === '/push/live-1') as Received;
    const alert = JSON.parse(decrypt(live.body, browsers.live1)) as Record<string, string>;
    expect(alert.body).toBe('Grid fault darkens the eastern wards');
    expect(alert.url).toMatch(/^https:\/\/news\.example\/technology\/grid-fault-darkens-the-eastern-wards-\d+$/);
    // Encrypted for one browser only: another browser's keys cannot open it.
    expect(() => decrypt(live.body, browsers.live2)).toThrow();

    const left = await site.runtime.store.db.selectFrom('push_subscriptions').select('endpoint').orderBy('endpoint').execute();
    expect(left.map((row) => new URL(row.endpoint).pathname)).toEqual(['/push/down', '/push/live-1', '/push/live-2', '/push/other']);
  });

  it('sends a story once, however many times it is marked, and never a story that is not published', async () => {
    const before = received.length;
    expect(await breaking.markBreaking(storyId, 'editor:second@example.test')).toMatchObject({ status: 'already-sent' });
    expect(await breaking.markBreaking(999_999, 'editor:desk@example.test')).toEqual({ status: 'not-published' });
    expect(received.length).toBe(before);
  });

  it('marks a story that arrives at FLASH priority as breaking by itself', async () => {
    const [flash, routine] = (await ingestWire(site, [
      { guid: 'flash-quake', headline: 'Tremor felt across the valley towns', section: 'national', urgency: 1, minute: 9 },
      { guid: 'routine-fair', headline: 'Book fair opens its doors on Monday', section: 'national', urgency: 5, minute: 10 },
    ])) as [number, number];
    const alerts = await site.runtime.store.db.selectFrom('breaking_alerts').select(['story_id', 'marked_by']).execute();
    expect(alerts).toContainEqual({ story_id: flash, marked_by: 'rule:flash' });
    expect(alerts.map((alert) => alert.story_id)).not.toContain(routine);
  });

  it("moves a reader's sections to the subscription the browser's push service replaced it with", async () => {
    const oldEndpoint = `${origin}/push/rotating`;
    const newEndpoint = `${origin}/push/rotated`;
    expect((await subscribe('technology', oldEndpoint, browsers.other)).statusCode).toBe(201);
    expect((await subscribe('national', oldEndpoint, browsers.other)).statusCode).toBe(201);
    const renew = (payload: Record<string, unknown>) =>
      site.app.inject({ method: 'POST', url: '/app/push/subscriptions/renewal', payload });
    const subscription = {
      endpoint: newEndpoint,
      keys: { p256dh: browsers.live2.p256dh, auth: browsers.live2.auth.toString('base64url') },
    };

    const renewed = await renew({ oldEndpoint, subscription });
    expect(renewed.statusCode).toBe(200);
    expect(renewed.json()).toEqual({ renewed: 2 });
    const rows = await site.runtime.store.db
      .selectFrom('push_subscriptions')
      .select(['endpoint', 'section', 'p256dh'])
      .where('endpoint', 'in', [oldEndpoint, newEndpoint])
      .orderBy('section')
      .execute();
    expect(rows).toEqual([
      { endpoint: newEndpoint, section: 'national', p256dh: browsers.live2.p256dh },
      { endpoint: newEndpoint, section: 'technology', p256dh: browsers.live2.p256dh },
    ]);

    // The old endpoint is gone now; a new endpoint off the push services is refused like a subscription.
    expect((await renew({ oldEndpoint, subscription })).statusCode).toBe(404);
    const elsewhere = await renew({ oldEndpoint: newEndpoint, subscription: { ...subscription, endpoint: 'https://internal.example/x' } });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json()).toEqual({ error: 'internal.example is not a known push service' });
    await site.runtime.store.db.deleteFrom('push_subscriptions').where('endpoint', '=', newEndpoint).execute();
  });

  it('forgets a subscription when the reader turns alerts off', async () => {
    const endpoint = `${origin}/push/other`;
    const off = await site.app.inject({ method: 'DELETE', url: '/app/push/subscriptions', payload: { endpoint, section: 'national' } });
    expect(off.statusCode).toBe(204);
    const left = await site.runtime.store.db.selectFrom('push_subscriptions').select('id').where('endpoint', '=', endpoint).execute();
    expect(left).toEqual([]);
    expect((await site.app.inject({ method: 'DELETE', url: '/app/push/subscriptions', payload: { section: 'national' } })).statusCode).toBe(
      400,
    );
  });
});
