// Shared helpers for the live pages: config, texts, socket, acks, DOM building, clock.
// User text is only ever set with textContent, never as HTML.

export function readJSON(id) {
  const node = document.getElementById(id);
  if (!node) return {};
  try { return JSON.parse(node.textContent || "{}") || {}; } catch (e) { return {}; }
}

// Texts come from the server (translated with _()); {name} placeholders are filled here.
const TEXTS = readJSON("live-texts");
export function t(key, vars) {
  let text = TEXTS[key] || key;
  if (vars) {
    for (const [name, value] of Object.entries(vars)) text = text.split("{" + name + "}").join(String(value));
  }
  return text;
}

// The same with a count: "<key>_1" for exactly one where the page has that text.
export function tn(key, n, vars) {
  const one = key + "_1";
  return t(n === 1 && TEXTS[one] ? one : key, Object.assign({ n }, vars || {}));
}

// Where the page connects: live_config from the server, data attributes as a fallback.
export function liveSettings() {
  const config = readJSON("live-config");
  const body = document.body.dataset;
  const fromConfig = (config.workshop && typeof config.workshop === "object") ? config.workshop.id : config.workshop;
  const workshop = Number(config.workshop_id || fromConfig || body.workshop);
  return {
    config,
    workshop,
    role: config.role || body.role,
    screen: config.screen || config.screen_key || body.screen || undefined,
  };
}

export function connect(settings) {
  const auth = { workshop: settings.workshop, role: settings.role };
  if (settings.screen) auth.screen = settings.screen;
  const url = (settings.config.socket_url || "") + (settings.config.namespace || "/live");
  const options = { auth, withCredentials: true };
  const path = settings.config.socketio_path || settings.config.socket_path;
  if (path) options.path = path;
  if (settings.config.transports) options.transports = settings.config.transports;
  const socket = window.io(url, options);
  liveSocket = socket;
  socketWaiters.splice(0).forEach((callback) => callback(socket));
  return socket;
}

// Other modules of the page (e.g. representation.js) listen on the page's one socket.
let liveSocket = null;
const socketWaiters = [];
export function onLiveSocket(callback) {
  if (liveSocket) callback(liveSocket); else socketWaiters.push(callback);
}

// Emit with an acknowledgement; resolves with the ack or {ok:false, error:"timeout"}.
// A call made while the socket is still (re)connecting waits for the connection first.
export function call(socket, event, payload, timeoutMs = 8000) {
  return new Promise((resolve) => {
    const send = () => socket.timeout(timeoutMs).emit(event, payload || {}, (err, ack) => {
      if (err) resolve({ ok: false, error: "timeout", message: t("timeout") });
      else resolve(ack || { ok: false, error: "invalid", message: t("error_generic") });
    });
    if (socket.connected) { send(); return; }
    const timer = setTimeout(() => {
      socket.off("connect", onConnect);
      resolve({ ok: false, error: "offline", message: t("offline_short") });
    }, timeoutMs);
    function onConnect() { clearTimeout(timer); send(); }
    socket.once("connect", onConnect);
  });
}

export function makeClientId() {
  if (window.crypto && typeof window.crypto.randomUUID === "function") return window.crypto.randomUUID();
  const bytes = new Uint8Array(16);
  if (window.crypto && window.crypto.getRandomValues) window.crypto.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

// Tiny DOM builder: h("p", {class: "x", dir: "auto"}, "text", child...).
export function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "text") node.textContent = value;
    else if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
    else if (name === "dataset") Object.assign(node.dataset, value);
    else if (value === true) node.setAttribute(name, "");
    else node.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// A polite status region; repeating the same message is announced again.
export function makeAnnouncer(region) {
  let timer = null;
  return (message) => {
    if (!region || !message) return;
    region.textContent = "";
    clearTimeout(timer);
    timer = setTimeout(() => { region.textContent = message; }, 60);
  };
}

// Server clock offset: countdowns use phase_deadline minus the server's time, not the phone's.
export class ServerClock {
  constructor() { this.offset = 0; }
  sync(serverTime) {
    const server = Date.parse(serverTime || "");
    if (!Number.isNaN(server)) this.offset = server - Date.now();
  }
  now() { return Date.now() + this.offset; }
  secondsLeft(deadline) {
    const end = Date.parse(deadline || "");
    if (Number.isNaN(end)) return null;
    return Math.max(0, Math.round((end - this.now()) / 1000));
  }
}

// The page was drawn before the session had a join code: draw it again with its QR code.
export function redrawForJoinCode(workshop) {
  const code = document.querySelector("[data-join-code]");
  if (code && !code.textContent.trim() && workshop.join_code) { window.location.reload(); return true; }
  return false;
}

export function formatSeconds(total) {
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return minutes + ":" + String(seconds).padStart(2, "0");
}

export const PHASES = ["kritik", "utopie", "verwirklichung"];

export function phaseName(phase) { return t("phase_" + phase); }

export function ideaSort(mode) {
  if (mode === "dots") return (a, b) => (b.dots - a.dots) || (b.id - a.id);
  return (a, b) => String(b.created_at || "").localeCompare(String(a.created_at || "")) || (b.id - a.id);
}

// The municipality's own accent colour (data-accent), used only when white text on it
// keeps a contrast of at least 4.5:1. Set through the CSSOM, which the CSP allows.
export function applyAccent(node) {
  const color = node && node.dataset.accent;
  if (!color || !/^#[0-9a-fA-F]{6}$/.test(color)) return;
  const channel = (i) => {
    const c = parseInt(color.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  if (1.05 / (luminance + 0.05) >= 4.5 && !document.body.classList.contains("large-text")) {
    document.documentElement.style.setProperty("--accent", color);
  }
}
