// The service worker: after a first visit, every view of the site (playground, lessons, catalog, debugger,
// embed) opens with the network off. scripts/sw.py writes dist/sw.js from this file at the end of
// scripts/build.sh, filling VERSION (a hash of the built files) and FILES (every built file, relative to
// this script); as written here (version "dev", no files) it caches nothing.
//
// Cache first, from one cache per version: a page and its hashed scripts always come from the same build,
// and the network is not waited for. Each visit's navigation makes the browser compare sw.js with the
// server's; a new build's sw.js differs (its VERSION), so it is installed in the background (the whole new
// build is downloaded into a new cache), takes over at once (skipWaiting + clients.claim) and deletes the
// old caches: the visit after shows the new version. No reload prompt: every page loads its whole code at
// start (one WASM; the full build is another page), so an open page never needs a file of the old build
// after the swap, and its state lives in the URL and in storage anyway.
'use strict';
const VERSION = 'dev';
const FILES = [];

// Cache names are per origin: the scope keeps two copies of the site on one origin (under two paths) from
// deleting each other's cache.
const PREFIX = 'copyimage ' + self.registration.scope + ' ';
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  // `reload`: past the HTTP cache, so a host's max-age cannot mix an older file into this version's cache.
  const requests = FILES.map((f) => new Request(f, { cache: 'reload' }));
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(requests))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  // Only this site's own files; anything else (another path of the host, other methods) goes on untouched.
  if (req.method !== 'GET' || !req.url.startsWith(self.registration.scope)) return;
  // A page's query only picks a view of the same file (?lessons, ?embed, ?view=debugger): pages are looked
  // up without it, and `dir/index.html` as `dir/`. The stored response keeps the headers the host sent
  // (e.g. a frame-ancestors policy for the embed).
  const key = req.mode === 'navigate' ? req.url.replace(/[?#].*$/, '').replace(/\/index\.html$/, '/') : req;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(key, { ignoreVary: true }))
      .then((hit) => hit || fetch(req)),
  );
});
