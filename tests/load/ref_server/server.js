// The benchmark's reference server: a bare socket.io 4 server on Node speaking the part of
// the app's `/live` contract that the load generator uses (docs/realtime.md), with
// everything in memory: no database, no templates, no sessions.
//
//   PORT=5077 node tests/load/ref_server/server.js
//
// Same semantics as the app for the benchmark: the join form sets a participant cookie,
// a participant socket without it is refused, every connect gets `session:snapshot`,
// `idea:submit` is broadcast as `idea:created`, `dot:add` is idempotent per client_id and
// acked with the idea's count, and the counts that changed go to everyone (phones,
// projector, facilitator alike) in one `tally:update` every 200 ms.
"use strict";

const http = require("http");
const crypto = require("crypto");
const { Server } = require("socket.io");

const PORT = parseInt(process.env.PORT || "5077", 10);
const HOST = process.env.HOST || "127.0.0.1";
const TALLY_MS = parseInt(process.env.REF_TALLY_MS || "200", 10);
const WORKSHOP_ID = 1;
const CODE = "REF001";
const ROOM = "workshop";

const ideas = new Map();      // id -> idea
const counts = new Map();     // idea id -> dots
const writes = new Map();     // "dot:<client_id>" / "idea:<client_id>" -> result
const participants = new Set();
let nextIdea = 1;
let seq = 0;
let dirty = false;

const FORM = `<form method="post" action="/j/${CODE}"><input type="hidden" name="csrf_token" value="x"><button>Teilnehmen</button></form>`;
const LOGIN = '<form method="post" action="/login"><input type="hidden" name="csrf_token" value="x"><input name="email"><input name="password" type="password"></form>';

function send(res, status, body, headers) {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", ...headers });
  res.end(body);
}

const server = http.createServer((req, res) => {
  const path = req.url.split("?")[0];
  if (path.startsWith("/j/")) {
    if (req.method === "POST") {
      req.resume();
      req.on("end", () => send(res, 302, "", {
        Location: `/live/${WORKSHOP_ID}`,
        "Set-Cookie": `zwp_${WORKSHOP_ID}=${crypto.randomBytes(16).toString("hex")}; Path=/; HttpOnly`,
      }));
      return;
    }
    return send(res, 200, FORM);
  }
  if (path === "/login") {
    if (req.method === "POST") {
      req.resume();
      req.on("end", () => send(res, 302, "", { Location: "/", "Set-Cookie": "session=fac; Path=/" }));
      return;
    }
    return send(res, 200, LOGIN);
  }
  if (path === "/_counts") {
    const body = JSON.stringify({ counts: Object.fromEntries(counts), writes: writes.size });
    return send(res, 200, body, { "Content-Type": "application/json" });
  }
  // `server` handles /socket.io/ itself; anything else:
  if (!path.startsWith("/socket.io")) send(res, 404, "not found");
});

const io = new Server(server, { serveClient: false, maxHttpBufferSize: 16 * 1024 });
const live = io.of("/live");

function cookieValue(header, name) {
  for (const part of (header || "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return null;
}

function ideaOut(id) {
  return { ...ideas.get(id), dots: counts.get(id) || 0 };
}

function participantCounts() {
  const n = participants.size;
  return { onsite: n, online: 0, assisted: 0, kiosk: 0, total: n };
}

live.use((socket, next) => {
  const role = (socket.handshake.auth || {}).role;
  const who = cookieValue(socket.handshake.headers.cookie, `zwp_${WORKSHOP_ID}`);
  if (role === "participant" && !who) {
    const err = new Error("Bitte treten Sie der Werkstatt neu bei.");
    err.data = { error: "not_authenticated", message: err.message };
    return next(err);
  }
  socket.data.role = role;
  if (who) participants.add(who);
  next();
});

live.on("connection", (socket) => {
  socket.join(ROOM);
  socket.emit("session:snapshot", {
    workshop: { id: WORKSHOP_ID, phase: "kritik", status: "open", dots_per_participant: 20 },
    ideas: [...ideas.keys()].map(ideaOut), clusters: [], starting_points: [],
    me: { role: socket.data.role }, participants: participantCounts(),
  });

  socket.on("idea:submit", (data, ack) => {
    const key = `idea:${data && data.client_id}`;
    if (writes.has(key)) return ack({ ok: true, repeat: true, idea: ideaOut(writes.get(key)) });
    const id = nextIdea++;
    ideas.set(id, { id, phase: "kritik", text: String(data.text).slice(0, 280), status: "visible",
                    cluster_id: null, mine: false });
    writes.set(key, id);
    live.to(ROOM).emit("idea:created", { idea: ideaOut(id) });
    ack({ ok: true, idea: ideaOut(id) });
  });

  socket.on("dot:add", (data, ack) => {
    const key = `dot:${data && data.client_id}`;
    if (writes.has(key)) return ack({ ok: true, repeat: true, dots: writes.get(key) });
    if (!ideas.has(data.idea_id)) {
      return ack({ ok: false, error: "idea_not_found", message: "Idee nicht gefunden." });
    }
    const count = (counts.get(data.idea_id) || 0) + 1;
    counts.set(data.idea_id, count);
    writes.set(key, count);
    dirty = true;
    ack({ ok: true, dots: count, me: { dots_left: 1 } });
  });

  socket.on("session:sync", (data, ack) => ack({ ok: true }));
});

// Tallies to everyone every TALLY_MS: only the counts that changed since the last one.
let sent = new Map();
setInterval(() => {
  if (!dirty) return;
  dirty = false;
  const changed = {};
  for (const [id, n] of counts) if (sent.get(id) !== n) changed[id] = n;
  sent = new Map(counts);
  live.to(ROOM).emit("tally:update", { seq: ++seq, counts: changed, participants: participantCounts() });
}, TALLY_MS);

server.listen({ port: PORT, host: HOST, backlog: 4096 }, () => {
  console.log(`reference server on http://${HOST}:${PORT}`);
});
process.on("SIGTERM", () => process.exit(0));
