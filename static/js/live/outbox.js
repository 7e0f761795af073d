// Write-ahead outbox: every write is stored in localStorage BEFORE it is sent and removed
// only when the server acknowledged it (or refused it for good). Unacknowledged writes are
// resent, in order and with the same client_id, after a reconnect or a page reload.
// The outbox belongs to one person, not to the browser: on the hall's shared tablet the
// next person gets a new participant and must never send (or see) the last one's writes.
import { call, makeClientId } from "./common.js";

// Errors after which resending is pointless: the write is dropped and the message shown.
const RETRY_ERRORS = new Set(["timeout", "offline", "rate_limited", "not_authenticated"]);

export class Outbox {
  constructor(workshop, person, { onAck, onFinalError, onChange, adoptLegacy = false }) {
    this.person = String(person || "0");
    this.key = outboxKey(workshop, this.person);
    this.onAck = onAck;
    this.onFinalError = onFinalError;
    this.onChange = onChange;
    this.socket = null;
    this.busy = false;
    this.retryTimer = null;
    this.memory = [];
    adoptLegacyOutbox(workshop, this.key, adoptLegacy);
    this.items = this.load();
  }

  load() {
    try {
      const raw = JSON.parse(localStorage.getItem(this.key) || "[]");
      return Array.isArray(raw)
        ? raw.filter((op) => op && op.client_id && op.event && String(op.person) === this.person)
        : [];
    } catch (e) { return this.memory; }
  }

  save() {
    try { localStorage.setItem(this.key, JSON.stringify(this.items)); } catch (e) { this.memory = this.items; }
    if (this.onChange) this.onChange(this.items);
  }

  get pending() { return this.items.slice(); }
  get size() { return this.items.length; }

  // Store first, then try to send. Re-read the storage first: another tab may have added.
  add(event, payload) {
    const op = { client_id: makeClientId(), event, payload, created: Date.now(), person: this.person };
    op.payload = Object.assign({}, payload, { client_id: op.client_id });
    this.items = this.load();
    this.items.push(op);
    this.save();
    this.flush();
    return op;
  }

  attach(socket) { this.socket = socket; }

  remove(clientId) {
    this.items = this.load().filter((op) => op.client_id !== clientId);
    this.save();
  }

  // Send the queue one write at a time, in order (a take-back after its dot).
  async flush() {
    if (this.busy || !this.socket || !this.socket.connected) return;
    this.busy = true;
    clearTimeout(this.retryTimer);
    try {
      while (this.items.length && this.socket.connected) {
        const op = this.items[0];
        const ack = await call(this.socket, op.event, op.payload);
        if (ack && ack.ok) {
          this.remove(op.client_id);
          if (this.onAck) this.onAck(op, ack);
        } else if (ack && RETRY_ERRORS.has(ack.error)) {
          const wait = ack.error === "rate_limited" ? 1500 : 3000;
          this.retryTimer = setTimeout(() => this.flush(), wait);
          break;
        } else {
          this.remove(op.client_id);
          if (this.onFinalError) this.onFinalError(op, ack || {});
        }
      }
    } finally {
      this.busy = false;
    }
  }
}

export function outboxKey(workshop, person) {
  return "zw-outbox-" + workshop + "-" + person;
}

// Before outboxes were kept per person there was one per session ("zw-outbox-<workshop>").
// A personal phone takes its writes over (they were this person's); the shared tablet drops
// them, because nobody can tell whose they were.
function adoptLegacyOutbox(workshop, key, adopt) {
  try {
    const legacy = "zw-outbox-" + workshop;
    const raw = localStorage.getItem(legacy);
    if (raw === null) return;
    localStorage.removeItem(legacy);
    if (!adopt) return;
    const person = key.slice(legacy.length + 1);
    const ops = JSON.parse(raw);
    if (Array.isArray(ops) && ops.length) {
      localStorage.setItem(key, JSON.stringify(ops.map((op) => Object.assign({}, op, { person }))));
    }
  } catch (e) { /* storage unavailable: nothing to adopt */ }
}

// "Fertig – nächste Person" on the tablet: nothing of this person stays on the device, not
// their unsent writes, nor the copy of the wall kept for offline reloads, nor cached pages.
export async function forgetEveryoneOnThisDevice(workshop) {
  const forget = () => clearStorage(workshop);
  forget();
  // The live page still saves its state when it is hidden (offline.js): clear once more
  // after that, as this listener runs after the ones added when the page started.
  window.addEventListener("pagehide", forget);
  try {
    if (window.caches) {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith("zw-live-")).map((name) => caches.delete(name)));
    }
  } catch (e) { /* no cache storage */ }
}

function clearStorage(workshop) {
  try {
    const prefixes = ["zw-outbox-" + workshop, "zw-state-" + workshop];
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const name = localStorage.key(i);
      if (name && prefixes.some((prefix) => name === prefix || name.startsWith(prefix + "-"))) {
        localStorage.removeItem(name);
      }
    }
    sessionStorage.clear();
  } catch (e) { /* storage unavailable: nothing kept either */ }
}
