// The projector wall: phase and question, countdown, idea cards grouped by cluster with
// their dots, the spotlight, and the people taking part. Read-only: it only listens.
import { applyAccent, connect, formatSeconds, h, liveSettings, phaseName, redrawForJoinCode, ServerClock, t } from "./common.js";
import { applyTranslation, wallVersion } from "./languages.js";

const root = document.getElementById("projector-root");
const $ = (selector) => document.querySelector(selector);
const settings = liveSettings();
applyAccent(root);
settings.workshop = settings.workshop || Number(root.dataset.workshop);
settings.role = "projector";
const clock = new ServerClock();
const MAX_CIRCLES = 12;

const state = { workshop: null, ideas: new Map(), clusters: new Map(), participants: {}, seen: new Set(), lastDots: new Map(), first: true };

const socket = connect(settings);
socket.on("connect", () => status(""));
socket.on("disconnect", () => status(t("offline")));
socket.on("connect_error", (err) => {
  status((err && err.data && err.data.message) || t("offline"));
  if (err && err.data && err.data.error && err.data.error !== "forbidden") setTimeout(() => socket.connect(), 5000);
});
socket.on("session:snapshot", (snapshot) => {
  state.ideas = new Map((snapshot.ideas || []).map((idea) => [idea.id, idea]));
  state.clusters = new Map((snapshot.clusters || []).map((c) => [c.id, c]));
  state.participants = snapshot.participants || {};
  setWorkshop(snapshot.workshop || {});
  schedule();
});
socket.on("session:updated", (data) => { if (data.workshop) setWorkshop(data.workshop); schedule(); });
socket.on("idea:created", (data) => upsert(data.idea));
socket.on("idea:updated", (data) => upsert(data.idea));
socket.on("idea:removed", (data) => { state.ideas.delete(Number(data.idea_id)); schedule(); });
socket.on("idea:translated", (data) => { if (applyTranslation(state.ideas, data)) schedule(); });
socket.on("cluster:updated", (data) => { if (data.cluster) { state.clusters.set(data.cluster.id, data.cluster); schedule(); } });
socket.on("cluster:removed", (data) => {
  const id = Number(data.cluster_id);
  state.clusters.delete(id);
  for (const idea of state.ideas.values()) if (idea.cluster_id === id) idea.cluster_id = null;
  schedule();
});
socket.on("tally:update", (data) => {
  for (const [id, count] of Object.entries(data.counts || {})) {
    const idea = state.ideas.get(Number(id));
    if (idea) idea.dots = count;
  }
  if (data.participants) state.participants = data.participants;
  schedule();
});

function upsert(idea) {
  if (!idea) return;
  if (idea.status === "visible") state.ideas.set(idea.id, idea); else state.ideas.delete(idea.id);
  schedule();
}

function setWorkshop(workshop) {
  if (redrawForJoinCode(workshop)) return;
  state.workshop = workshop;
  clock.sync(workshop.server_time);
  tick();
}

function status(text) { $("[data-status]").textContent = text || ""; }

let frame = null;
function schedule() {
  if (frame) return;
  frame = requestAnimationFrame(() => { frame = null; render(); });
}

function render() {
  const w = state.workshop;
  if (!w) return;
  $("[data-phase-name]").textContent = phaseName(w.phase);
  $("[data-question]").textContent = w.question || w.title || "";
  const p = state.participants || {};
  $("[data-count-onsite]").textContent = String((p.onsite || 0) + (p.assisted || 0) + (p.kiosk || 0));
  $("[data-count-online]").textContent = String(p.online || 0);
  const waiting = $("[data-waiting]");
  const wall = $("[data-wall]");
  if (w.status !== "open") {
    waiting.textContent = w.status === "closed" ? t("closed") : t("waiting");
    waiting.hidden = false;
    wall.hidden = true;
  } else {
    waiting.hidden = true;
    wall.hidden = false;
    renderWall(w);
  }
  renderSpotlight(w);
  state.first = false;
}

function renderWall(w) {
  const ideas = [...state.ideas.values()].filter((i) => i.phase === w.phase && i.status === "visible");
  ideas.sort((a, b) => (b.dots - a.dots) || (b.id - a.id));
  const clusters = [...state.clusters.values()].filter((c) => c.phase === w.phase)
    .sort((a, b) => (a.position - b.position) || (a.id - b.id));
  const columns = [];
  for (const cluster of clusters) {
    const members = ideas.filter((i) => i.cluster_id === cluster.id);
    columns.push(column(cluster.name, members));
  }
  const clusterIds = new Set(clusters.map((c) => c.id));
  const loose = ideas.filter((i) => !clusterIds.has(i.cluster_id));
  if (loose.length || !columns.length) {
    if (!columns.length && !loose.length) {
      columns.push(h("p", { class: "wall-empty", text: t("empty_wall") }));
    } else if (!columns.length) {
      // No clusters yet: one wide column whose cards flow in a grid.
      const wide = column(t("ideas"), loose);
      wide.classList.add("wide");
      columns.push(wide);
    } else {
      columns.push(column(t("no_cluster"), loose));
    }
  }
  $("[data-wall]").replaceChildren(...columns);
  columns.forEach(fitColumn);
  for (const idea of ideas) { state.seen.add(idea.id); state.lastDots.set(idea.id, idea.dots); }
}

// A column shows what fits on the screen (most dotted first) and counts the rest.
function fitColumn(col) {
  const list = col.querySelector && col.querySelector("ul");
  if (!list) return;
  // Layout offsets, not bounding boxes: a card fading in is shifted by its animation and
  // would look as if it overflowed. The column is positioned, so it is the offset parent.
  const height = col.clientHeight;
  if (!height) return;
  const cards = [...list.children];
  // offsetTop and offsetHeight are rounded to whole pixels: allow for that.
  let cut = cards.findIndex((card) => card.offsetTop + card.offsetHeight > height + 2);
  if (cut < 0) return;
  // Leave room for the "more" line.
  cut = Math.max(0, cut - 1);
  cards.slice(cut).forEach((card) => card.remove());
  list.append(h("li", { class: "wall-more", text: t("more", { n: cards.length - cut }) }));
}

function column(title, ideas) {
  return h("div", { class: "wall-column" },
    h("h2", { dir: "auto", text: title }),
    h("ul", {}, ideas.map(card)));
}

function card(idea) {
  const isNew = !state.first && !state.seen.has(idea.id);
  const bumped = state.lastDots.has(idea.id) && state.lastDots.get(idea.id) !== idea.dots;
  const circles = [];
  for (let i = 0; i < Math.min(idea.dots || 0, MAX_CIRCLES); i++) circles.push(h("i", {}));
  const wall = wallVersion(idea);
  return h("li", { class: "wall-card" + (isNew ? " is-new" : "") + (bumped ? " bumped" : ""), "data-idea": idea.id },
    h("p", { class: "idea-text", dir: "auto", lang: wall.lang, text: wall.text }),
    wall.mark ? h("p", { class: "original-mark", "data-original-mark": "", text: wall.mark }) : null,
    h("div", { class: "dots" },
      h("span", { class: "count", text: String(idea.dots || 0) }),
      h("span", { class: "visually-hidden", text: dotsLabel(idea.dots) }),
      h("span", { class: "dot-row", "aria-hidden": "true" }, circles)));
}

function dotsLabel(n) {
  if (!n) return t("dots_0");
  return n === 1 ? t("dots_1") : t("dots_n", { n });
}

function renderSpotlight(w) {
  const box = $("[data-spotlight]");
  const idea = w.spotlight_idea_id ? state.ideas.get(Number(w.spotlight_idea_id)) : null;
  box.hidden = !idea;
  if (!idea) return;
  $("[data-spotlight-text]").textContent = wallVersion(idea).text;
  $("[data-spotlight-count]").textContent = dotsLabel(idea.dots);
}

function tick() {
  const box = $("[data-countdown]");
  const w = state.workshop;
  const left = w && w.phase_deadline ? clock.secondsLeft(w.phase_deadline) : null;
  if (left === null) { box.hidden = true; return; }
  box.hidden = false;
  box.textContent = formatSeconds(left);
  box.classList.toggle("ending", left <= 60);
}
setInterval(tick, 1000);
