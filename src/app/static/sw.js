/*
 * Wiredesk service worker (served at /sw.js, scope /).
 *
 * Pages are network-first, so a reader who is online always gets what the server says now: an
 * updated story, or 410 for a killed one (which is then dropped from the cache). Offline, the
 * home page, the last 50 articles the reader opened and the current top stories come from the
 * cache; anything else gets the offline page. While online, the worker asks the kill list which
 * of its cached stories are no longer published and purges them, so a killed story is never
 * served from here once the reader is back online.
 */

const SHELL = 'wd-shell-v1';
const HOME = 'wd-home';
const ARTICLES = 'wd-articles';
const TOP = 'wd-top';
const MAX_ARTICLES = 50;
const SHELL_FILES = ['/offline', '/app.js', '/manifest.webmanifest', '/app/icons/icon-192.png', '/app/icons/maskable-192.png'];
const ARTICLE_PATH = /^\/[^/]+\/[^/]+-(\d{1,15})$/;
const SYNC_EVERY_MS = 60_000;
let lastSync = 0;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      await (await caches.open(SHELL)).addAll(SHELL_FILES);
      await (await caches.open(HOME)).add('/');
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([SHELL, HOME, ARTICLES, TOP]);
      for (const name of await caches.keys()) if (!keep.has(name)) await caches.delete(name);
      await self.clients.claim();
      await sync();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(page(request, url));
  } else if (SHELL_FILES.includes(url.pathname)) {
    event.respondWith(shellFile(request));
  }
});

self.addEventListener('message', (event) => {
  if (event.data?.type !== 'sync') return;
  event.waitUntil(
    (async () => {
      if (typeof event.data.visited === 'string') await keepVisited(event.data.visited);
      await sync();
    })(),
  );
});

self.addEventListener('push', (event) => {
  const alert = event.data?.json();
  if (alert === undefined) return;
  event.waitUntil(
    self.registration.showNotification(alert.title, {
      body: alert.body,
      tag: alert.tag,
      icon: '/app/icons/icon-192.png',
      data: { url: alert.url },
    }),
  );
});

// The push service replaced (or dropped) the reader's subscription: subscribe again with the same
// key and move the reader's section alerts to the new one, or alerts would silently stop.
self.addEventListener('pushsubscriptionchange', (event) => {
  const old = event.oldSubscription;
  if (!old) return;
  event.waitUntil(
    (async () => {
      const subscription =
        event.newSubscription ??
        (await self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: old.options.applicationServerKey }));
      await fetch('/app/push/subscriptions/renewal', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ oldEndpoint: old.endpoint, subscription }),
      });
    })(),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = event.notification.data?.url ?? '/';
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((client) => client.url === url);
      return open === undefined ? self.clients.openWindow(url) : open.focus();
    })(),
  );
});

/** Which cache keeps a page: the home page, an article, or none. */
function cacheFor(pathname) {
  if (pathname === '/') return HOME;
  return ARTICLE_PATH.test(pathname) ? ARTICLES : null;
}

/** One cache entry per page, whatever its query string (e.g. /?source=pwa). */
function keyOf(url) {
  return new Request(new URL(url.pathname, self.location.origin).href);
}

async function page(request, url) {
  const cacheName = cacheFor(url.pathname);
  let response;
  try {
    // Past the browser's HTTP cache too: with stale-while-revalidate it would hand back a page
    // the server has since killed. A revalidation costs a 304 when nothing changed.
    response = await fetch(new Request(request, { cache: 'no-cache' }));
  } catch {
    const cached = cacheName === null ? undefined : await caches.match(keyOf(url));
    return cached ?? (await caches.match('/offline')) ?? Response.error();
  }
  if (cacheName !== null && response.status === 200 && response.type === 'basic') {
    await remember(cacheName, keyOf(url), response.clone());
  } else if (response.status === 404 || response.status === 410) {
    await forget(keyOf(url));
  }
  if (Date.now() - lastSync > SYNC_EVERY_MS) void sync();
  return response;
}

async function shellFile(request) {
  const cache = await caches.open(SHELL);
  const cached = await cache.match(request, { ignoreSearch: true });
  const fresh = fetch(request)
    .then(async (response) => {
      if (response.ok) await cache.put(new URL(request.url).pathname, response.clone());
      return response;
    })
    .catch(() => undefined);
  return cached ?? (await fresh) ?? Response.error();
}

/** Newest last: an article read again moves to the end, and the oldest beyond 50 are dropped. */
async function remember(cacheName, key, response) {
  const cache = await caches.open(cacheName);
  await cache.delete(key);
  await cache.put(key, response);
  if (cacheName !== ARTICLES) return;
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_ARTICLES))) await cache.delete(old);
}

async function forget(key) {
  await Promise.all([ARTICLES, TOP, HOME].map(async (name) => (await caches.open(name)).delete(key)));
}

/** The page the reader was on when the worker took over was fetched before it: fetch it for the cache. */
async function keepVisited(pathname) {
  const url = new URL(pathname, self.location.origin);
  const cacheName = cacheFor(url.pathname);
  if (cacheName === null || (await caches.match(keyOf(url))) !== undefined) return;
  try {
    const response = await fetch(keyOf(url), { cache: 'no-cache' });
    if (response.status === 200) await remember(cacheName, keyOf(url), response);
  } catch {
    // Offline: nothing to keep.
  }
}

function storyIdOf(request) {
  const match = ARTICLE_PATH.exec(new URL(request.url).pathname);
  return match === null ? null : match[1];
}

/** Purge what the kill list names, then refresh the top stories; quietly does nothing offline. */
async function sync() {
  lastSync = Date.now();
  try {
    const [articles, top] = await Promise.all([caches.open(ARTICLES), caches.open(TOP)]);
    const cached = [...(await articles.keys()), ...(await top.keys())];
    const ids = [...new Set(cached.map(storyIdOf).filter((id) => id !== null))];
    if (ids.length > 0) {
      const response = await fetch(`/app/kill-list?ids=${ids.join(',')}`, { cache: 'no-store' });
      if (response.ok) {
        const gone = new Set((await response.json()).gone.map(String));
        for (const request of cached) if (gone.has(storyIdOf(request))) await forget(request);
      }
    }
    const response = await fetch('/app/top-stories', { cache: 'no-store' });
    if (!response.ok) return;
    const paths = new Set((await response.json()).paths);
    for (const request of await top.keys()) if (!paths.has(new URL(request.url).pathname)) await top.delete(request);
    for (const path of paths) {
      const key = keyOf(new URL(path, self.location.origin));
      if ((await top.match(key)) !== undefined) continue;
      const story = await fetch(key, { cache: 'no-cache' });
      if (story.status === 200) await top.put(key, story);
    }
  } catch {
    // Offline or the server is unreachable: the next sync tries again.
  }
}
