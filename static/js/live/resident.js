// The resident's live page: question, idea form, idea cards with dots, budget bar.
// Server state comes from session:snapshot and the live events; writes still waiting in
// the outbox are laid over it optimistically, so nothing the resident did disappears.
import { applyAccent, call, connect, h, liveSettings, makeAnnouncer, phaseName, ideaSort, t, PHASES } from "./common.js";
import { Outbox } from "./outbox.js";
import { registerOfflinePage, StateStore } from "./offline.js";
import { LiveState, normaliseMe } from "./state.js";
import { TallyEasing } from "./tally_easing.js";
import { onToggle, readerText, renderQuestion } from "./languages.js";

const root = document.getElementById("live-root");
const $ = (selector) => root.querySelector(selector);
const settings = liveSettings();
applyAccent(root);
settings.workshop = settings.workshop || Number(root.dataset.workshop);
settings.role = "participant";
const MAX = Number(root.dataset.maxLength || 280);
const announce = makeAnnouncer($("[data-status]"));

// Session data live in `live` (state.js); this page keeps only its own view state here.
const live = new LiveState();
const state = {
  connected: false, sort: "new", troubleShown: false, loaded: false,
  // The first connection gets a few seconds before the page calls itself offline.
  booting: navigator.onLine !== false,
};
setTimeout(() => { state.booting = false; renderNet(); }, 4000);
// The last known state, so a reload without network still shows the wall (offline.js).
const stored = new StateStore(settings.workshop, root.dataset.participant);

// The fixed dock (connection line and budget bar) must never cover the end of the page.
const dock = root.querySelector("[data-dock]");
if (window.ResizeObserver) {
  new ResizeObserver(() => {
    document.body.style.paddingBlockEnd = dock.classList.contains("inline") ? "" : (dock.offsetHeight + 16) + "px";
  }).observe(dock);
}

const outbox = new Outbox(settings.workshop, root.dataset.participant, {
  adoptLegacy: !settings.config.kiosk,
  onAck(op, ack) {
    if (op.event === "idea:submit" && ack.idea) {
      live.ideas.set(ack.idea.id, ack.idea);
      announce(ack.idea.status === "pending" ? t("idea_arrived_pending") : t("idea_arrived"));
    } else if (ack.me) {
      live.me = normaliseMe(ack.me);
      const idea = live.ideas.get(Number(op.payload.idea_id));
      if (idea && typeof ack.dots === "number") idea.dots = ack.dots;
      announce(budgetSentence());
    }
    render();
  },
  onFinalError(op, ack) {
    const message = ack.message || t("error_generic");
    if (op.event === "idea:submit") {
      const box = $("#idea-text");
      if (!box.value.trim()) box.value = op.payload.text || "";
      showIdeaError(message);
      updateCount();
    } else {
      $("[data-budget-sub]").textContent = message;
      $("[data-budget-sub]").hidden = false;
    }
    announce(message);
    render();
  },
  onChange() { renderNet(); },
});


// ---------- socket ----------
const socket = connect(settings);
outbox.attach(socket);

socket.on("connect", () => {
  state.connected = true;
  state.booting = false;
  renderNet();
});
socket.on("disconnect", () => {
  state.connected = false;
  state.troubleShown = true;
  announce(t("offline"));
  renderNet();
});
socket.on("connect_error", (err) => {
  state.connected = false;
  renderNet();
  const code = err && err.data && err.data.error;
  if (code && code !== "forbidden" && code !== "not_authenticated") setTimeout(() => socket.connect(), 5000);
  if (code) { showIdeaError((err.data && err.data.message) || t("error_generic")); }
});
// Counters move smoothly between the (budgeted) tallies: tally_easing.js.
const easing = new TallyEasing(() => live.ideas, render);
live.applyTally = (data) => {
  if (data.participants) live.participants = data.participants;
  easing.apply(data.counts);
};
live.attach(socket);
onToggle(() => render());
live.subscribe((change) => {
  if (change.type === "snapshot") { afterSnapshot(change.before); outbox.flush(); return; }
  if (change.type === "workshop") announceChange(change.before, live.workshop);
  render();
});
// A snapshot is the truth: no "phase changed" announcement for it.
function afterSnapshot() {
  state.loaded = true;
  render();
}

function restoreStoredState() {
  const saved = stored.load();
  if (!saved || live.workshop) return;
  live.ideas = new Map((saved.ideas || []).map((idea) => [idea.id, idea]));
  live.starting = saved.starting_points || [];
  if (saved.me) live.me = normaliseMe(saved.me);
  live.workshop = saved.workshop;
  render();
}

function storedState() {
  return { workshop: live.workshop, ideas: [...live.ideas.values()], starting_points: live.starting, me: live.me };
}

function announceChange(before, next) {
  if (!before || !next) return;
  if (before.phase !== next.phase) {
    announce(t("phase_changed", { phase: phaseName(next.phase) }));
    resync();  // dots belong to a phase: fetch the new phase's budget
  }
  else if (stepOf(before) !== stepOf(next)) announce(t("now_" + stepOf(next), { n: next.dots_per_participant }));
  else if (before.submissions_locked !== next.submissions_locked) announce(next.submissions_locked ? t("locked") : t("unlocked"));
  else if (before.status !== next.status) {
    if (next.status === "closed") announce(t("closed"));
    if (next.status === "open") announce(t("online_again"));
  }
}

// ---------- view: server state plus pending writes ----------
function view() {
  const me = { dots_left: live.me.dots_left, my_dots: Object.assign({}, live.me.my_dots) };
  const ideas = new Map();
  for (const idea of live.ideas.values()) ideas.set(idea.id, Object.assign({}, idea));
  const drafts = [];
  const waiting = new Set();  // ideas with a dot (or a take-back) not yet acknowledged
  for (const op of outbox.pending) {
    if (op.event === "idea:submit") {
      // Its idea:created broadcast may come before the ack: then the real card is shown.
      const arrived = [...ideas.values()].some((idea) => idea.text === op.payload.text);
      if (!arrived) drafts.push({ text: op.payload.text, client_id: op.client_id });
      continue;
    }
    const id = Number(op.payload.idea_id);
    const delta = op.event === "dot:add" ? 1 : -1;
    const idea = ideas.get(id);
    if (idea && typeof idea.dots === "number") idea.dots = Math.max(0, idea.dots + delta);
    waiting.add(id);
    me.my_dots[id] = Math.max(0, (me.my_dots[id] || 0) + delta);
    me.dots_left = Math.max(0, me.dots_left - delta);
  }
  return { me, ideas, drafts, waiting };
}

function budgetSentence() {
  const w = live.workshop || {};
  return t("budget_sentence", { left: view().me.dots_left, total: w.dots_per_participant || 0 });
}

// ---------- rendering ----------
function stepOf(w) { return (w && w.flow && w.flow.step) || "collect"; }
function countsHidden() { const w = live.workshop; return Boolean(w && w.flow && w.flow.counts_hidden); }

// One plain sentence: what can be done right now.
function renderNow(w, v, fromHome) {
  const line = $("[data-now]");
  let text = "";
  if (w.status === "open") {
    const step = stepOf(w);
    if (step === "collect") text = w.submissions_locked ? t("now_wait") : t("now_collect");
    else if (step === "dot") text = v.me.dots_left > 0 ? t("now_dot_left", { left: v.me.dots_left, total: w.dots_per_participant || 0 }) : t("now_dot_used");
    else text = t("now_done");
  } else if (fromHome && w.online.ideas_open) text = t("now_collect");
  else if (fromHome && w.online.dots_open) text = t("now_dot_left", { left: v.me.dots_left, total: w.dots_per_participant || 0 });
  line.textContent = text;
  line.hidden = !text;
}

// In large-text mode the points bar would cover "Senden": while the idea form is shown,
// the bar stands in the page above the form instead of floating over it.
function placeDock(form) {
  const inline = document.body.classList.contains("large-text") && !form.hidden;
  dock.classList.toggle("inline", inline);
  if (inline && dock.nextElementSibling !== form) form.before(dock);
  if (!inline && dock.parentElement !== root) root.append(dock);
}
function render() {
  const w = live.workshop;
  // Before the first snapshot (a weak network, or none at all) the page still shows what the
  // resident sent: the ideas waiting in the outbox, so a submitted idea never seems to vanish.
  if (!w) { renderDraftsOnly(); renderNet(); return; }
  if (state.loaded) stored.save(storedState);
  const v = view();
  // Outside the live session, people who joined from home write inside the online window.
  const fromHome = settings.config.channel === "online" && w.status !== "open" && w.online;
  const ideasOpen = w.status === "open" || Boolean(fromHome && w.online.ideas_open);
  // "+ Punkt" only while the facilitator has dotting open (or the online dots window is).
  const open = (w.status === "open" && stepOf(w) === "dot") || Boolean(fromHome && w.online.dots_open);
  const windowOpen = Boolean(fromHome && (w.online.ideas_open || w.online.dots_open));
  renderPhase(w);
  renderNow(w, v, fromHome);
  $("[data-state-waiting]").hidden = w.status !== "draft" || windowOpen;
  $("[data-state-closed]").hidden = w.status !== "closed" || windowOpen;
  const results = settings.config.results_url || root.dataset.resultsUrl;
  $("[data-results-link]").hidden = !(w.status === "closed" && results);
  if (results) $("[data-results-link] a").setAttribute("href", results);
  $("[data-state-locked]").hidden = !(ideasOpen && w.submissions_locked);
  const form = $("[data-idea-form]");
  form.hidden = !(ideasOpen && !w.submissions_locked);
  placeDock(form);
  renderStarting(w);
  renderIdeas(w, v, open);
  renderBudget(w, v, open);
  renderNet();
}

function renderPhase(w) {
  const index = PHASES.indexOf(w.phase);
  root.querySelectorAll("[data-phase-steps] li").forEach((li, i) => {
    if (i === index) li.setAttribute("aria-current", "step"); else li.removeAttribute("aria-current");
    li.classList.toggle("done", i < index);
  });
  renderQuestion($("[data-question]"), $("[data-question-fallback]"), w);
}

function renderStarting(w) {
  const list = $("[data-starting-points]");
  const items = (w.phase !== "kritik" && live.starting) || [];
  $("[data-starting-section]").hidden = items.length === 0;
  list.replaceChildren(...items.map((idea) => h("li", {},
    readerText(idea), h("span", { class: "badge", text: dotsLabel(idea.dots) }))));
}

function dotsLabel(n) {
  // Hidden, or not known yet (`dots: null` until the full counts arrive).
  if (countsHidden() || typeof n !== "number") return t("counts_hidden");
  if (!n) return t("dots_0");
  return n === 1 ? t("dots_1") : t("dots_n", { n });
}

function renderIdeas(w, v, open) {
  const list = $("[data-idea-list]");
  const focused = document.activeElement && list.contains(document.activeElement)
    ? { action: document.activeElement.dataset.action, idea: document.activeElement.dataset.idea } : null;
  const shown = [...v.ideas.values()].filter((idea) => idea.phase === w.phase
    && (idea.status === "visible" || (idea.mine && (idea.status === "pending" || idea.status === "hidden"))));
  shown.sort(ideaSort(countsHidden() ? "new" : state.sort));
  const maxPerIdea = w.max_dots_per_idea || 0;
  const cards = draftCards(v);
  for (const idea of shown) cards.push(ideaCard(idea, v, open, maxPerIdea));
  list.replaceChildren(...cards);
  $("[data-no-ideas]").hidden = cards.length > 0;
  if (focused && focused.action) {
    const again = list.querySelector(`[data-action="${focused.action}"][data-idea="${focused.idea}"]`);
    if (again) again.focus();
  }
}

function draftCards(v) {
  return v.drafts.slice().reverse().map((draft) => h("li", { class: "idea-card is-mine is-pending-write" },
    h("div", { class: "meta" }, h("span", { class: "badge mine", text: t("your_idea") }), h("span", { text: t("sending") })),
    h("p", { class: "idea-text", dir: "auto", text: draft.text })));
}

function renderDraftsOnly() {
  const cards = draftCards(view());
  $("[data-idea-list]").replaceChildren(...cards);
  $("[data-no-ideas]").hidden = cards.length > 0;
}

function ideaCard(idea, v, open, maxPerIdea) {
  const mineCount = v.me.my_dots[idea.id] || v.me.my_dots[String(idea.id)] || 0;
  const textId = "idea-" + idea.id + "-text";
  const meta = h("div", { class: "meta" },
    h("span", { class: "dot-count", text: dotsLabel(idea.dots) }),
    mineCount ? h("span", { class: "badge", text: t("my_dots", { n: mineCount }) }) : null,
    idea.mine ? h("span", { class: "badge mine", text: t("your_idea") }) : null,
    v.waiting.has(idea.id) ? h("span", { class: "badge pending", "data-waiting": "", text: t("sending") }) : null);
  const card = h("li", { class: "idea-card" + (idea.mine ? " is-mine" : ""), id: "idea-" + idea.id }, meta,
    readerText(idea, { id: textId }));
  if (idea.status === "hidden") {
    card.append(h("p", { class: "notice bad", text: t("hidden_note") }));
    return card;
  }
  if (idea.status === "pending") {
    card.append(h("p", { class: "notice warn", text: t("pending_note") }));
    return card;
  }
  if (!open) return card;
  const canAdd = v.me.dots_left > 0 && (!maxPerIdea || mineCount < maxPerIdea);
  card.append(h("div", { class: "dot-buttons" },
    h("button", { type: "button", class: "button primary", "data-action": "add", "data-idea": idea.id,
      "aria-describedby": textId, "aria-disabled": canAdd ? "false" : "true", text: t("add_dot") }),
    h("button", { type: "button", class: "button", "data-action": "remove", "data-idea": idea.id,
      "aria-describedby": textId, "aria-disabled": mineCount > 0 ? "false" : "true", text: t("remove_dot") })));
  return card;
}

function renderBudget(w, v, open) {
  const bar = $("[data-budget-bar]");
  bar.hidden = !open;
  const left = v.me.dots_left;
  $("[data-budget-text]").textContent = t("budget", { left, total: w.dots_per_participant || 0 });
  bar.classList.toggle("used-up", left === 0);
  const sub = $("[data-budget-sub]");
  if (left === 0) { sub.textContent = t("budget_used_up"); sub.hidden = false; }
  else if (sub.textContent === t("budget_used_up")) { sub.hidden = true; sub.textContent = ""; }
}

let netTimer = null;
let sentTimer = null;
function renderNet() {
  const banner = $("[data-net-banner]");
  const stale = outbox.pending.some((op) => Date.now() - op.created > 1500);
  clearTimeout(netTimer);
  if (outbox.size && !stale) netTimer = setTimeout(renderNet, 1600);
  if ((!state.connected && !state.booting) || stale) {
    if (!state.troubleShown) announce(t("offline"));
    state.troubleShown = true;
    clearTimeout(sentTimer);
    banner.textContent = t("offline");
    banner.className = "net-banner offline";
    banner.hidden = false;
  } else if (state.troubleShown && outbox.size === 0 && state.connected) {
    state.troubleShown = false;
    banner.textContent = t("all_sent");
    banner.className = "net-banner";
    banner.hidden = false;
    announce(t("all_sent"));
    clearTimeout(sentTimer);
    sentTimer = setTimeout(() => { if (!state.troubleShown) banner.hidden = true; }, 5000);
  } else if (!state.troubleShown && banner.textContent !== t("all_sent")) {
    banner.hidden = true;
  }
}

// ---------- interactions ----------
function showIdeaError(message) {
  const error = $("[data-idea-error]");
  error.textContent = message || "";
  error.hidden = !message;
}

function updateCount() {
  const box = $("#idea-text");
  const count = $("[data-char-count]");
  count.textContent = t("chars", { n: box.value.length, max: MAX });
  count.classList.toggle("near", box.value.length > MAX - 30);
}

$("[data-idea-form]").addEventListener("submit", (event) => {
  event.preventDefault();
  const box = $("#idea-text");
  const text = box.value.trim();
  if (!text) { showIdeaError(t("text_empty")); box.focus(); return; }
  showIdeaError("");
  outbox.add("idea:submit", { text: text.slice(0, MAX) });
  box.value = "";
  updateCount();
  const similar = root.querySelector("[data-insights-similar]");
  if (similar) similar.hidden = true;
  render();
});

$("#idea-text").addEventListener("input", () => {
  updateCount();
  showIdeaError("");
});

$("[data-idea-list]").addEventListener("click", (event) => {
  const button = event.target.closest("button[data-action]");
  if (!button) return;
  const ideaId = Number(button.dataset.idea);
  if (button.getAttribute("aria-disabled") === "true") {
    const v = view();
    const w = live.workshop || {};
    const mineCount = v.me.my_dots[ideaId] || 0;
    if (button.dataset.action === "add") {
      announce(v.me.dots_left === 0 ? t("budget_used_up") : t("budget_hint_idea_limit", { max: w.max_dots_per_idea }));
    }
    else if (!mineCount) announce(budgetSentence());
    return;
  }
  $("[data-budget-sub]").hidden = true;
  outbox.add(button.dataset.action === "add" ? "dot:add" : "dot:remove", { idea_id: ideaId });
  render();
  if (!state.connected) announce(budgetSentence());
});

root.querySelectorAll("[data-sort]").forEach((button) => button.addEventListener("click", () => {
  state.sort = button.dataset.sort;
  root.querySelectorAll("[data-sort]").forEach((b) => b.setAttribute("aria-pressed", b === button ? "true" : "false"));
  render();
}));

updateCount();
restoreStoredState();
renderNet();
registerOfflinePage(() => { root.dataset.offlineReady = "true"; });
function resync() {
  call(socket, "session:sync", {}).then((ack) => { if (ack.ok && ack.snapshot) live.applySnapshot(ack.snapshot); });
}
// A tab coming back from sleep asks for a fresh state.
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible" && socket.connected) resync();
});
// The network is back: connect now instead of waiting out socket.io's reconnect back-off
// (up to 5 s). Disconnecting first cancels the pending attempt; nothing is lost (outbox).
window.addEventListener("online", () => { if (!socket.connected) { socket.disconnect(); socket.connect(); } });
