import { describe, expect, it } from 'vitest';
import { MAX_KILL_LIST_IDS, parseStoryIds } from '../../../src/app/kill-list.ts';
import { isPushServiceHost } from '../../../src/app/push/subscriptions.ts';

describe('the push service allow-list', () => {
  const hosts = ['fcm.googleapis.com', '.notify.windows.com'];

  it('accepts the named services and any subdomain of a dotted entry', () => {
    expect(isPushServiceHost('fcm.googleapis.com', hosts)).toBe(true);
    expect(isPushServiceHost('FCM.googleapis.com', hosts)).toBe(true);
    expect(isPushServiceHost('wns2-par02p.notify.windows.com', hosts)).toBe(true);
  });

  it('refuses anything else, including look-alikes and internal hosts', () => {
    expect(isPushServiceHost('fcm.googleapis.com.attacker.example', hosts)).toBe(false);
    expect(isPushServiceHost('evilnotify.windows.com', hosts)).toBe(false);
    expect(isPushServiceHost('127.0.0.1:8443', hosts)).toBe(false);
    expect(isPushServiceHost('metadata.internal', hosts)).toBe(false);
  });
});

describe('the kill list question', () => {
  it('reads comma-separated story ids, once each', () => {
    expect(parseStoryIds('3,1,3')).toEqual([3, 1]);
    expect(parseStoryIds('')).toEqual([]);
    expect(parseStoryIds(undefined)).toEqual([]);
  });

  it('refuses anything that is not a short list of ids', () => {
    expect(parseStoryIds('1,two')).toBeNull();
    expect(parseStoryIds('1;2')).toBeNull();
    expect(parseStoryIds(Array.from({ length: MAX_KILL_LIST_IDS + 1 }, (_, index) => index + 1).join(','))).toBeNull();
    expect(parseStoryIds(['1', '2'])).toBeNull();
  });
});
