import { describe, expect, it } from 'vitest';
import { androidIntent, appleAppSiteAssociation, assetLinks, openInApp } from '../../../src/app/deep-links.ts';
import { type AppConfig, loadConfig } from '../../../src/config.ts';

const FINGERPRINT = Array.from({ length: 32 }, (_, index) => (index * 7).toString(16).padStart(2, '0').toUpperCase()).join(':');
const ARTICLE = 'https://news.example/technology/fibre-ring-reaches-the-hill-wards-42';

function appConfig(app: Record<string, unknown> = {}): AppConfig {
  return loadConfig({ env: {}, file: null, overrides: { app } as never }).app;
}

describe('"Open in App"', () => {
  it('offers the PWA page when no native app is configured, and no Smart App Banner', () => {
    expect(openInApp(appConfig(), ARTICLE)).toEqual({ appUrl: '/app', appBanner: null });
  });

  it('is an Android intent that falls back to the article when an Android app is configured', () => {
    const app = appConfig({ android: { package: 'com.example.news', sha256Fingerprints: [FINGERPRINT] } });
    const { appUrl } = openInApp(app, ARTICLE);
    expect(appUrl).toBe(
      `intent://news.example/technology/fibre-ring-reaches-the-hill-wards-42#Intent;scheme=https;package=com.example.news;S.browser_fallback_url=${encodeURIComponent(ARTICLE)};end`,
    );
  });

  it('keeps the query string and the port in the intent', () => {
    expect(androidIntent('com.example.news', 'http://localhost:3000/national/a-b-7?ref=x')).toMatch(
      /^intent:\/\/localhost:3000\/national\/a-b-7\?ref=x#Intent;scheme=http;/,
    );
  });

  it('carries the article URL as the app-argument of the Smart App Banner when an iOS app is configured', () => {
    const app = appConfig({ ios: { appStoreId: '123456789', teamId: 'ABCDE12345', bundleId: 'com.example.news' } });
    expect(openInApp(app, ARTICLE).appBanner).toBe(`app-id=123456789, app-argument=${ARTICLE}`);
  });
});

describe("the operating systems' verification files", () => {
  it('exist only for a configured app', () => {
    expect(assetLinks(appConfig())).toBeNull();
    expect(appleAppSiteAssociation(appConfig())).toBeNull();
  });

  it('name the Android package and its certificate fingerprints', () => {
    const links = assetLinks(appConfig({ android: { package: 'com.example.news', sha256Fingerprints: [FINGERPRINT] } }));
    expect(links).toEqual([
      {
        relation: ['delegate_permission/common.handle_all_urls'],
        target: { namespace: 'android_app', package_name: 'com.example.news', sha256_cert_fingerprints: [FINGERPRINT] },
      },
    ]);
  });

  it('name the iOS app as <team id>.<bundle id> and keep the console and the API out of universal links', () => {
    const association = appleAppSiteAssociation(
      appConfig({ ios: { appStoreId: '1', teamId: 'ABCDE12345', bundleId: 'com.example.news' } }),
    ) as {
      applinks: { details: { appIDs: string[]; components: { '/': string; exclude?: boolean }[] }[] };
    };
    const details = association.applinks.details[0];
    expect(details?.appIDs).toEqual(['ABCDE12345.com.example.news']);
    expect(details?.components.filter((component) => component.exclude).map((component) => component['/'])).toEqual([
      '/admin/*',
      '/api/*',
      '/app/*',
    ]);
  });

  it('refuses a malformed fingerprint or team id in the configuration, naming the key', () => {
    expect(() => appConfig({ android: { package: 'com.example.news', sha256Fingerprints: ['ab:cd'] } })).toThrow(
      /app\.android\.sha256Fingerprints/,
    );
    expect(() => appConfig({ ios: { appStoreId: '1', teamId: 'short', bundleId: 'com.example.news' } })).toThrow(/app\.ios\.teamId/);
  });
});
