// The projector wall: phase, step and question, countdown, and one of the facilitator's
// views (display.mode): every idea in pages that turn at the set pace ("pages"), the top N
// ("top"), one group per page ("groups"), the word cloud ("cloud") or the results reveal
// ("results", also shown once the session is closed). Read-only: it only listens.
import { applyAccent, connect, formatSeconds, h, liveSettings, phaseName, PHASES, redrawForJoinCode, ServerClock, t } from "./common.js";
import { LiveState, byDots, hasCount } from "./state.js";
import { columnCount, measure, paginate } from "./pages.js";
import { renderReveal } from "./reveal.js";
import { wallVersion } from "./languages.js";

const root = document.getElementById("projector-root");
const $ = (selector) => document.querySelector(selector);
const settings = liveSettings();
applyAccent(root);
settings.workshop = settings.workshop || Number(root.dataset.workshop);
settings.role = "projector";
const clock = new ServerClock();
const MAX_CIRCLES = 12;

const socket = connect(settings);
const live = new LiveState(socket);
const view = { pages: [], page: 0, seen: new Set(), first: true, stale: false, timer: null, key: "" };

socket.on("connect", () => status(""));
socket.on("disconnect", () => status(t("offline")));
socket.on("connect_error", (err) => {
  status((err && err.data && err.data.message) || t("offline"));
  if (err && err.data && err.data.error && err.data.error !== "forbidden") setTimeout(() => socket.connect(), 5000);
});

live.subscribe((change) => {
  if (change.type === "workshop" || change.type === "snapshot") {
    if (redrawForJoinCode(live.workshop)) return;
    clock.sync(live.workshop.server_time);
    tick();
    schedule();
  } else if (change.type === "tally") {
    updateCounts(change.changed);
  } else {
    schedule();
  }
});

function status(text) { $("[data-status]").textContent = text || ""; }

let frame = null;
function schedule() {
  if (frame) return;
  frame = requestAnimationFrame(() => { frame = null; render(); });
}

function currentMode(w) {
  if (w.status === "closed") return "results";
  const mode = live.display().mode;
  // A ranking would give the hidden counts away: while they are hidden, show all ideas.
  if ((mode === "top") && live.flow().counts_hidden) return "pages";
  return mode;
}

function render() {
  const w = live.workshop;
  if (!w) return;
  const mode = currentMode(w);
  root.dataset.mode = mode;
  const reveal = mode === "results";
  $("[data-phase-name]").textContent = reveal ? t("results_title") : phaseName(w.phase);
  $("[data-step-name]").textContent = w.status === "open" && !reveal ? "· " + t("step_" + live.flow().step) : "";
  $("[data-question]").textContent = reveal ? w.title : (w.question || w.title || "");
  $("[data-count-onsite]").textContent = String(live.peopleOnSite());
  $("[data-count-online]").textContent = String(live.peopleOnline());
  const waiting = $("[data-waiting]");
  const showWall = w.status === "open" && (mode === "pages" || mode === "top" || mode === "groups");
  waiting.hidden = w.status !== "draft";
  waiting.textContent = t("waiting");
  $("[data-wall]").hidden = !showWall;
  $("[data-cloud-box]").hidden = !(w.status === "open" && mode === "cloud");
  $("[data-reveal]").hidden = mode !== "results";
  if (showWall) renderWall(w, mode);
  else { stopRotation(); setFoot("", ""); }
  if (mode === "cloud" && w.status === "open") showCloud(w);
  if (mode === "results") renderReveal($("[data-reveal]"), live, { closed: w.status === "closed" });
  renderSpotlight(w);
  view.first = false;
}

// ---------- the wall in pages ----------
function sections(w, mode) {
  const ideas = live.visibleIdeas(w.phase);
  if (mode === "top") {
    const n = live.display().top_n;
    return [{ caption: t("top_n", { n: Math.min(n, ideas.length) }), ideas: ideas.sort(byDots).slice(0, n) }];
  }
  const byAge = (a, b) => a.id - b.id;
  if (mode === "groups") {
    const clusters = live.clustersOf(w.phase);
    const out = clusters.map((c) => ({ caption: t("group_page", { name: c.name }), ideas: ideas.filter((i) => i.cluster_id === c.id).sort(byAge) }));
    const ids = new Set(clusters.map((c) => c.id));
    const loose = ideas.filter((i) => !ids.has(i.cluster_id)).sort(byAge);
    if (loose.length) out.push({ caption: t("group_page", { name: t("no_cluster") }), ideas: loose });
    return out.filter((s) => s.ideas.length);
  }
  return [{ caption: t("all_ideas", { n: ideas.length }), ideas: ideas.sort(byAge) }];
}

function renderWall(w, mode) {
  const wall = $("[data-wall]");
  const gap = parseFloat(getComputedStyle(wall).columnGap) || 16;
  const columns = columnCount(wall);
  const pages = [];
  for (const section of sections(w, mode)) {
    const cards = section.ideas.map(card);
    const { sizes, height } = measure(wall, cards, columns, gap);
    for (const page of paginate(sizes, height, columns, gap)) {
      pages.push({ caption: section.caption, columns: page.map((col) => col.map((i) => cards[i])), ids: page.flat().map((i) => section.ideas[i].id) });
    }
  }
  const key = mode + "|" + w.phase;
  if (key !== view.key) { view.page = 0; view.key = key; }
  view.pages = pages;
  view.page = Math.min(view.page, Math.max(0, pages.length - 1));
  view.stale = false;
  showPage(columns);
  for (const p of pages) for (const id of p.ids) view.seen.add(id);
  startRotation();
}

function showPage(columns) {
  const wall = $("[data-wall]");
  const page = view.pages[view.page];
  root.dataset.page = String(view.pages.length ? view.page + 1 : 0);
  root.dataset.pages = String(view.pages.length);
  if (!page) {
    wall.replaceChildren(h("p", { class: "wall-empty", text: t("empty_wall") }));
    setFoot(live.flow().counts_hidden ? t("counts_hidden") : "", "");
    return;
  }
  wall.style.setProperty("--columns", String(columns || wall.style.getPropertyValue("--columns") || 1));
  wall.replaceChildren(...page.columns.map((col) => h("ul", { class: "wall-column" }, col)));
  const note = live.flow().counts_hidden ? " · " + t("counts_hidden") : "";
  setFoot(page.caption + note, view.pages.length > 1 ? t("page_of", { page: view.page + 1, pages: view.pages.length }) : "");
  renderPageDots();
}

function renderPageDots() {
  const indicator = $("[data-page-indicator]");
  if (view.pages.length < 2) return;
  const dots = h("span", { class: "page-dots", "aria-hidden": "true" },
    view.pages.map((_, i) => h("i", { class: i === view.page ? "on" : "" })));
  indicator.append(" ", dots);
}

function setFoot(caption, indicator) {
  $("[data-wall-caption]").textContent = caption;
  $("[data-page-indicator]").textContent = indicator;
}

function turn(step) {
  if (view.pages.length < 2 && !view.stale) return;
  view.page = (view.page + step + view.pages.length) % Math.max(1, view.pages.length);
  if (view.stale) render(); else showPage();
  startRotation();
}

function startRotation() {
  clearTimeout(view.timer);
  if (view.pages.length < 2) return;
  view.timer = setTimeout(() => turn(1), live.display().seconds * 1000);
}
function stopRotation() { clearTimeout(view.timer); view.pages = []; root.dataset.page = "0"; root.dataset.pages = "0"; }

// The projector's own keyboard (a laptop at the beamer): arrows turn the page.
document.addEventListener("keydown", (event) => {
  if (event.key === "ArrowRight" || event.key === "PageDown") { turn(1); event.preventDefault(); }
  if (event.key === "ArrowLeft" || event.key === "PageUp") { turn(-1); event.preventDefault(); }
});

function card(idea) {
  const isNew = !view.first && !view.seen.has(idea.id);
  const hidden = live.flow().counts_hidden || !hasCount(idea);  // `dots: null` while hidden
  return h("li", { class: "wall-card" + (isNew ? " is-new" : ""), "data-idea": idea.id },
    h("p", { class: "idea-text", dir: "auto", lang: wallVersion(idea).lang, text: wallVersion(idea).text }),
    wallVersion(idea).mark ? h("p", { class: "original-mark", "data-original-mark": "", text: wallVersion(idea).mark }) : null,
    hidden ? null : h("div", { class: "dots" },
      h("span", { class: "count", "data-count": "", text: String(idea.dots || 0) }),
      h("span", { class: "visually-hidden", "data-count-label": "", text: dotsLabel(idea.dots) }),
      h("span", { class: "dot-row", "aria-hidden": "true" }, circles(idea.dots))));
}

function circles(n) {
  const out = [];
  for (let i = 0; i < Math.min(n || 0, MAX_CIRCLES); i++) out.push(h("i", {}));
  return out;
}

// Counts change a few times a second: update them in place; a ranking re-sorts at the next page.
function updateCounts(changed) {
  const mode = root.dataset.mode;
  for (const idea of changed) {
    const node = document.querySelector(`.wall-card[data-idea="${idea.id}"]`);
    if (!node) continue;
    const count = node.querySelector("[data-count]");
    if (!count) {  // drawn while the counts were hidden: now they came
      if (!live.flow().counts_hidden && hasCount(idea)) node.replaceWith(card(idea));
      continue;
    }
    if (count.textContent !== String(idea.dots || 0)) node.classList.remove("bumped"), void node.offsetWidth, node.classList.add("bumped");
    count.textContent = String(idea.dots || 0);
    node.querySelector("[data-count-label]").textContent = dotsLabel(idea.dots);
    node.querySelector(".dot-row").replaceChildren(...circles(idea.dots));
  }
  if (changed.length && (mode === "top" || mode === "groups")) view.stale = true;
  if (mode === "results") schedule();
  $("[data-count-onsite]").textContent = String(live.peopleOnSite());
  $("[data-count-online]").textContent = String(live.peopleOnline());
  if (live.workshop && live.workshop.spotlight_idea_id) renderSpotlight(live.workshop);
}

function dotsLabel(n) {
  if (!n) return t("dots_0");
  return n === 1 ? t("dots_1") : t("dots_n", { n });
}

// ---------- word cloud, spotlight, countdown ----------
function showCloud(w) {
  const section = document.querySelector("[data-insights-wordcloud]");
  if (!section || !PHASES.includes(w.phase)) return;
  const url = new URL(section.dataset.url, window.location.href);
  if (url.searchParams.get("phase") !== w.phase) {
    url.searchParams.set("phase", w.phase);
    section.dataset.url = url.pathname + url.search;
  }
  document.dispatchEvent(new Event("insights:refresh"));
}

function renderSpotlight(w) {
  const box = $("[data-spotlight]");
  const idea = w.spotlight_idea_id ? live.ideas.get(Number(w.spotlight_idea_id)) : null;
  box.hidden = !idea || w.status !== "open";
  if (box.hidden) return;
  $("[data-spotlight-text]").textContent = wallVersion(idea).text;
  $("[data-spotlight-count]").textContent = live.flow().counts_hidden || !hasCount(idea) ? "" : dotsLabel(idea.dots);
}

function tick() {
  const box = $("[data-countdown]");
  const w = live.workshop;
  const left = w && w.phase_deadline ? clock.secondsLeft(w.phase_deadline) : null;
  if (left === null) { box.hidden = true; return; }
  box.hidden = false;
  box.textContent = formatSeconds(left);
  box.classList.toggle("ending", left <= 60);
}
setInterval(tick, 1000);
window.addEventListener("resize", schedule);
