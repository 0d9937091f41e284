/*
 * Wiredesk's only client script, loaded deferred on every page. Reading needs none of it: it
 * installs the service worker (offline reading), turns "Open in App" into the install prompt or
 * a hand-over to the installed app, and offers breaking-news alerts for the article's section.
 */

const PWA_PAGE = '/app';

registerServiceWorker();
enhanceOpenInApp();
offerSectionAlerts();

function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
  const sync = () => navigator.serviceWorker.controller?.postMessage({ type: 'sync', visited: location.pathname });
  navigator.serviceWorker.ready.then(() => (navigator.serviceWorker.controller === null ? undefined : sync()));
  navigator.serviceWorker.addEventListener('controllerchange', sync);
  window.addEventListener('online', sync);
}

function enhanceOpenInApp() {
  const link = document.querySelector('a.open-app');
  if (link === null) return;
  if (window.matchMedia('(display-mode: standalone)').matches) {
    // Already reading in the app.
    link.hidden = true;
    return;
  }
  if (link.protocol === 'intent:') {
    // The native Android app's intent link means nothing elsewhere; the app page explains the options.
    if (!/Android/i.test(navigator.userAgent)) link.href = PWA_PAGE;
    return;
  }
  let installPrompt = null;
  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault();
    installPrompt = event;
  });
  window.addEventListener('appinstalled', () => {
    installPrompt = null;
  });
  link.addEventListener('click', (event) => {
    if (installPrompt === null) return;
    event.preventDefault();
    const prompt = installPrompt;
    installPrompt = null;
    prompt.prompt();
  });
  // Installed already: link to this article itself, which Chromium opens in the app window where
  // link capturing (manifest handle_links / launch_handler) is on; elsewhere a new tab.
  navigator.getInstalledRelatedApps?.().then((apps) => {
    if (!apps.some((app) => app.platform === 'webapp')) return;
    link.href = location.href;
    link.target = '_blank';
    link.rel = 'noopener';
  });
}

function offerSectionAlerts() {
  const link = document.querySelector('a.open-app');
  if (link === null || !('PushManager' in window) || !('Notification' in window) || !('serviceWorker' in navigator)) return;
  const section = location.pathname.split('/')[1];
  const name = document.querySelector('nav a[aria-current="page"]')?.textContent?.trim() || section;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'section-alerts';
  button.textContent = `Get breaking ${name} alerts`;
  link.after(button);
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      if ((await Notification.requestPermission()) !== 'granted') {
        button.textContent = 'Notifications are blocked for this site';
        return;
      }
      const registration = await navigator.serviceWorker.ready;
      const { publicKey } = await (await fetch('/app/push/key')).json();
      const subscription =
        (await registration.pushManager.getSubscription()) ??
        (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: base64urlBytes(publicKey) }));
      const response = await fetch('/app/push/subscriptions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ section, subscription }),
      });
      button.textContent = response.ok ? `You will get breaking ${name} alerts` : 'Alerts could not be turned on';
    } catch {
      button.textContent = 'Alerts could not be turned on';
      button.disabled = false;
    }
  });
}

function base64urlBytes(text) {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
