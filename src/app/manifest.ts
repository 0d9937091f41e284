import type { Config } from '../config.ts';
import { ICONS } from './icons.ts';

/**
 * The web app manifest. `display: standalone` makes the installed site an app window;
 * `launch_handler` asks Chromium to reuse that window for links that launch the app, and
 * `handle_links: preferred` asks it to open in-scope links in the app (Chromium honours it
 * where link capturing is available; other browsers ignore both keys).
 */
export function webAppManifest(config: Pick<Config, 'siteName' | 'siteDescription' | 'language' | 'app'>): Record<string, unknown> {
  return {
    id: '/',
    name: config.siteName,
    short_name: config.app.shortName ?? config.siteName,
    description: config.siteDescription,
    lang: config.language,
    start_url: '/?source=pwa',
    scope: '/',
    display: 'standalone',
    theme_color: config.app.themeColor,
    background_color: config.app.backgroundColor,
    icons: ICONS.map((icon) => ({ src: icon.path, sizes: `${icon.size}x${icon.size}`, type: 'image/png', purpose: icon.purpose })),
    launch_handler: { client_mode: ['navigate-existing', 'auto'] },
    handle_links: 'preferred',
    // Lets the page ask navigator.getInstalledRelatedApps() whether this very app is installed.
    related_applications: [{ platform: 'webapp', url: '/manifest.webmanifest' }],
  };
}
