// Attunement's service worker: static files and the offline page only. Pages (which carry
// no-store when signed in) always come from the network; when it is gone, the offline page.
"use strict";
const CACHE = "{{ cache_name }}";
const PRECACHE = {{ precache|safe }};
const OFFLINE = {{ offline_url|safe }};
const STATIC = {{ static_prefix|safe }};

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE)));
    return;
  }
  if (url.pathname.startsWith(STATIC)) {
    event.respondWith(
      caches.match(request).then((hit) => hit || fetch(request).then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      }))
    );
  }
});

// A reminder as a notification (notifications/push.py): fixed words, never content, and the
// page on this site it leads to.
const ICON = {{ icon|safe }};

self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (error) {
    data = {};
  }
  const title = typeof data.title === "string" ? data.title : "{{ site_name|escapejs }}";
  const body = typeof data.body === "string" ? data.body : "Something is waiting for you.";
  event.waitUntil(self.registration.showNotification(title, {
    body: body,
    icon: ICON,
    tag: typeof data.tag === "string" ? data.tag : "reminder",
    data: { url: typeof data.url === "string" ? data.url : "/" },
  }));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL((event.notification.data && event.notification.data.url) || "/", self.location.origin);
  if (target.origin !== self.location.origin) return;  // only ever a page of this site
  event.waitUntil(
    self.clients.matchAll({ type: "window" }).then((windows) => {
      const open = windows.find((client) => client.url === target.href && "focus" in client);
      return open ? open.focus() : self.clients.openWindow(target.href);
    })
  );
});
