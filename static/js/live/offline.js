// A resident's live page that survives a reload without network.
// - registerOfflinePage(): installs the service worker (/j/sw.js, scope /j/) and hands it
//   this page's address and files, so the next load works from its cache when offline.
//   Service workers need a secure context: HTTPS, or http://localhost / 127.0.0.1. Over
//   plain http on a LAN address the browser offers none; the page then works as before
//   (the outbox keeps every write, but a reload needs the network).
// - StateStore: the last server state (snapshot plus the live events since), kept in
//   localStorage per session and participant, so a reload without network shows the wall
//   as it was, with the outbox's waiting writes laid over it.

export function registerOfflinePage(onReady) {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  // Once everything the page uses (late modules, images) has been fetched.
  if (document.readyState !== "complete") {
    window.addEventListener("load", () => registerOfflinePage(onReady), { once: true });
    return;
  }
  const urls = [location.pathname];
  for (const entry of performance.getEntriesByType("resource")) {
    const url = new URL(entry.name, location.href);
    if (url.origin === location.origin && url.pathname.startsWith("/static/")) urls.push(url.pathname + url.search);
  }
  // A page the worker already served went through its cache: nothing to hand over.
  const controlled = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.register("/j/sw.js", { scope: "/j/" })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      if (!registration.active) return;
      if (controlled) { if (onReady) onReady(); return; }
      const channel = new MessageChannel();
      channel.port1.onmessage = (event) => { if (event.data && event.data.ok && onReady) onReady(); };
      registration.active.postMessage({ type: "remember", urls }, [channel.port2]);
    })
    .catch(() => { /* no worker (private mode, old browser): the outbox still keeps writes */ });
}

export class StateStore {
  constructor(workshop, participant) {
    this.key = "zw-state-" + workshop + "-" + (participant || "0");
    this.timer = null;
    this.read = null;
    this.last = 0;
    // A reload (or the phone locking) right after a change still keeps that change.
    window.addEventListener("pagehide", () => this.flush());
  }

  load() {
    try {
      const data = JSON.parse(localStorage.getItem(this.key) || "null");
      return data && typeof data === "object" && data.workshop ? data : null;
    } catch (e) { return null; }
  }

  // Written at once, or, when the last write is less than half a second old, at the end of
  // that half second: the tally may change several times a second.
  save(read) {
    this.read = read;
    if (this.timer) return;
    const wait = this.last + 500 - Date.now();
    if (wait <= 0) { this.flush(); return; }
    this.timer = setTimeout(() => this.flush(), wait);
  }

  flush() {
    clearTimeout(this.timer);
    this.timer = null;
    if (!this.read) return;
    this.last = Date.now();
    try { localStorage.setItem(this.key, JSON.stringify(this.read())); } catch (e) { /* full: skip */ }
    this.read = null;
  }
}
