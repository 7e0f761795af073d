// Write-ahead outbox: every write is stored in localStorage BEFORE it is sent and removed
// only when the server acknowledged it (or refused it for good). Unacknowledged writes are
// resent, in order and with the same client_id, after a reconnect or a page reload.
import { call, makeClientId } from "./common.js";

// Errors after which resending is pointless: the write is dropped and the message shown.
const RETRY_ERRORS = new Set(["timeout", "offline", "rate_limited", "not_authenticated"]);

export class Outbox {
  constructor(workshop, { onAck, onFinalError, onChange }) {
    this.key = "zw-outbox-" + workshop;
    this.onAck = onAck;
    this.onFinalError = onFinalError;
    this.onChange = onChange;
    this.socket = null;
    this.busy = false;
    this.retryTimer = null;
    this.memory = [];
    this.items = this.load();
  }

  load() {
    try {
      const raw = JSON.parse(localStorage.getItem(this.key) || "[]");
      return Array.isArray(raw) ? raw.filter((op) => op && op.client_id && op.event) : [];
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
    const op = { client_id: makeClientId(), event, payload, created: Date.now() };
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
