import type { AppConfig } from '../config.ts';

/**
 * "Open in App" and the files the operating systems read to trust the site with a native app.
 * Android verifies app links against /.well-known/assetlinks.json; iOS verifies universal links
 * against /.well-known/apple-app-site-association. Both exist only when that app is configured.
 */

export interface OpenInApp {
  /** The "Open in App" link: an Android intent when a native Android app exists, else the PWA page. */
  appUrl: string;
  /** Content of the `apple-itunes-app` meta (iOS Smart App Banner), or null without an iOS app. */
  appBanner: string | null;
}

/** Where the PWA install instructions live; the client script upgrades the link to the install prompt. */
export const PWA_PAGE = '/app';

export function openInApp(app: AppConfig, articleUrl: string): OpenInApp {
  return {
    appUrl: app.android === undefined ? PWA_PAGE : androidIntent(app.android.package, articleUrl),
    appBanner: app.ios === undefined ? null : `app-id=${app.ios.appStoreId}, app-argument=${articleUrl}`,
  };
}

/**
 * `intent://host/path#Intent;scheme=https;package=…;S.browser_fallback_url=…;end`: Chrome on
 * Android opens the app at this article when installed, and the article itself otherwise.
 */
export function androidIntent(androidPackage: string, articleUrl: string): string {
  const url = new URL(articleUrl);
  const scheme = url.protocol.slice(0, -1);
  return `intent://${url.host}${url.pathname}${url.search}#Intent;scheme=${scheme};package=${androidPackage};S.browser_fallback_url=${encodeURIComponent(articleUrl)};end`;
}

export function assetLinks(app: AppConfig): unknown[] | null {
  if (app.android === undefined) return null;
  return [
    {
      relation: ['delegate_permission/common.handle_all_urls'],
      target: { namespace: 'android_app', package_name: app.android.package, sha256_cert_fingerprints: app.android.sha256Fingerprints },
    },
  ];
}

/** Universal links for every path but the console, the API and the app's own files. */
export function appleAppSiteAssociation(app: AppConfig): unknown | null {
  if (app.ios === undefined) return null;
  const appId = `${app.ios.teamId}.${app.ios.bundleId}`;
  return {
    applinks: {
      details: [
        {
          appIDs: [appId],
          components: [
            { '/': '/admin/*', exclude: true },
            { '/': '/api/*', exclude: true },
            { '/': '/app/*', exclude: true },
            { '/': '/*' },
          ],
        },
      ],
    },
    webcredentials: { apps: [appId] },
  };
}
