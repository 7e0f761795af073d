// Service worker of the resident's live page, served as /j/sw.js (scope /j/).
// It lets a phone reload /j/<code>/live while the hall's network is gone:
// - the live page itself: network first, the last copy from the cache when the network fails;
// - our static files (css, js modules, vendored socket.io): from the cache, refreshed in the
//   background whenever the network answers, so a new release arrives one load later;
// - everything else (socket.io traffic, POSTs, other pages, other origins) is not touched.
// The writes themselves never pass through here: they wait in the page's outbox
// (localStorage) and go over the socket with their client ids.
const VERSION = "v1";
const CACHE = "zw-live-" + VERSION;
const LIVE_PAGE = /^\/j\/[^/]+\/live$/;

function kind(url) {
  if (url.origin !== self.location.origin) return null;
  if (url.pathname.startsWith("/socket.io")) return null;
  if (LIVE_PAGE.test(url.pathname)) return "page";
  if (url.pathname.startsWith("/static/") && !url.search) return "static";
  return null;
}

// Only plain, complete, same-origin answers are kept (no redirects, no errors).
function keepable(response) {
  return response && response.ok && response.type === "basic" && !response.redirected;
}

async function store(key, response) {
  if (!keepable(response)) return;
  const cache = await caches.open(CACHE);
  await cache.put(key, response);
}

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith("zw-live-") && name !== CACHE)
      .map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

async function pageFirstFromNetwork(request, key) {
  try {
    const response = await fetch(request);
    store(key, response.clone());
    return response;
  } catch (error) {
    const cached = await caches.match(key, { cacheName: CACHE, ignoreVary: true });
    if (cached) return cached;
    throw error;
  }
}

async function staticFromCache(event, request) {
  const cached = await caches.match(request, { cacheName: CACHE, ignoreVary: true });
  const refresh = fetch(request).then((response) => store(request, response.clone()).then(() => response));
  if (cached) {
    event.waitUntil(refresh.catch(() => null));
    return cached;
  }
  return refresh;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  const what = kind(url);
  if (what === "page") event.respondWith(pageFirstFromNetwork(request, url.origin + url.pathname));
  else if (what === "static") event.respondWith(staticFromCache(event, request));
});

// The page was loaded before this worker controlled it: it sends its own address and the
// files it used, and the worker fetches and keeps them. The answer says when that is done.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "remember" || !Array.isArray(data.urls)) return;
  const port = event.ports && event.ports[0];
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    let kept = 0;
    for (const raw of data.urls.slice(0, 40)) {
      let url;
      try { url = new URL(String(raw), self.location.origin); } catch (e) { continue; }
      const what = kind(url);
      if (!what) continue;
      const key = what === "page" ? url.origin + url.pathname : url.href;
      try {
        const response = await fetch(key, { credentials: "same-origin", cache: "no-cache" });
        if (keepable(response)) { await cache.put(key, response); kept += 1; }
      } catch (e) { /* offline again: the next load tries once more */ }
    }
    if (port) port.postMessage({ ok: true, kept });
  })());
});
