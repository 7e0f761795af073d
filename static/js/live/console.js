// The facilitator's console: incoming ideas (search, filters, sort, bulk moderation), the
// wall's clusters, the session controls (phase, the phase's flow collect / dot / done,
// timer, projector view). Every action is a socket event with an ack; errors show the
// ack's message; every moderation step lands in "Letzte Aktionen" with an undo button.
import { applyAccent, call, connect, formatSeconds, h, liveSettings, makeAnnouncer, makeClientId, phaseName, redrawForJoinCode, ServerClock, t, tn } from "./common.js";
import { LiveState } from "./state.js";
import { DEFAULT_FILTERS, filterIdeas, IncrementalList } from "./console-list.js";
import { clusterBlocks, ideaCard, mergeOptions, short, undoLabel } from "./console-cards.js";
import { installLanguageFix } from "./console-language.js";
import { UndoList } from "./undo.js";
import { installShortcuts } from "./shortcuts.js";

const root = document.getElementById("console-root");
const $ = (selector) => root.querySelector(selector);
const settings = liveSettings();
applyAccent(root);
settings.workshop = settings.workshop || Number(root.dataset.workshop);
settings.role = "facilitator";
const announce = makeAnnouncer($("[data-status]"));
const clock = new ServerClock();

const ui = {
  selected: new Set(), editing: null, editDraft: "", keep: null,
  renameDrafts: new Map(),  // cluster id -> name being typed (kept across re-renders)
  filters: Object.assign({}, DEFAULT_FILTERS), shown: [],
};
// Time from a server event to the updated list (DOM, style and layout), for the hall test.
window.liveUpdateTimes = [];

const socket = connect(settings);
const live = new LiveState(socket);
socket.on("connect", () => { $("[data-net]").textContent = t("online"); });
socket.on("disconnect", () => { $("[data-net]").textContent = t("offline"); announce(t("offline")); });
socket.on("connect_error", (err) => {
  $("[data-net]").textContent = t("offline");
  if (err && err.data && err.data.message) showError(err.data.message);
  if (err && err.data && err.data.error && err.data.error !== "forbidden") setTimeout(() => socket.connect(), 5000);
});

let pending = null;
live.subscribe((change) => {
  if (change.type === "snapshot" || change.type === "workshop") {
    if (redrawForJoinCode(live.workshop)) return;
    clock.sync(live.workshop.server_time);
    tick();
  }
  if (change.type === "tally") { updateCounts(change.changed); return; }
  if (change.type === "idea" && change.idea.status === "merged") ui.selected.delete(change.idea.id);
  // Events of one burst are drawn once.
  if (!pending) {
    pending = performance.now();
    queueMicrotask(() => {
      const started = pending;
      pending = null;
      render();
      void $("[data-incoming]").offsetHeight;  // include style and layout in the measure
      window.liveUpdateTimes.push(performance.now() - started);
    });
  }
  if (change.type === "snapshot") refreshLog();
  if (change.type === "idea" && change.how === "updated") refreshLog(800);
});

// ---------- actions ----------
function showError(message) { $("[data-error]").textContent = message || ""; }

async function act(event, payload, undo, quiet) {
  const ack = await call(socket, event, Object.assign({ client_id: makeClientId() }, payload));
  if (!ack.ok) {
    if (!quiet) { showError(ack.message || t("error_generic")); announce(ack.message || t("error_generic")); }
    return quiet ? ack : null;
  }
  if (!quiet) showError("");
  live.applyAck(ack);
  if (!quiet) announce(undo ? undo.label : t("done"));
  render();
  if (undo && !quiet) refreshLog();
  return ack;
}

// The undo list comes from the server's moderation log, so it survives a reload. Each
// entry names what it undoes: the idea's text, or the group's name for group steps.
const undoList = new UndoList($("[data-undo-list]"), {
  label: (entry) => undoLabel(entry, live.ideas),
  async perform(entry) {
    const ack = await call(socket, "moderation:undo", { action_id: entry.id });
    if (!ack.ok) { showError(ack.message || t("error_generic")); refreshLog(); return false; }
    showError("");
    announce(t("undone"));
    refreshLog();
    return true;
  },
});

let logTimer = null;
function refreshLog(delay = 0) {
  clearTimeout(logTimer);
  logTimer = setTimeout(async () => {
    const ack = await call(socket, "moderation:log", { limit: 30 });
    if (ack.ok) undoList.set(ack.actions);
  }, delay);
}


const ideaActions = {
  hide: (idea) => act("idea:hide", { idea_id: idea.id }, { label: t("act_hide", { text: short(idea.text) }) }),
  restore: (idea) => act("idea:restore", { idea_id: idea.id }, { label: t("act_restore", { text: short(idea.text) }) }),
  approve: (idea) => act("idea:approve", { idea_id: idea.id }, { label: t("act_approve", { text: short(idea.text) }) }),
  spotlight: (idea) => act("spotlight:set", { idea_id: live.workshop && live.workshop.spotlight_idea_id === idea.id ? null : idea.id },
    { label: t("act_spotlight", { text: short(idea.text) }) }),
  edit: (idea) => { ui.editing = idea.id; ui.editDraft = idea.text; render(); focusKey("edit-text-" + idea.id); },
  pick: (idea) => { if (ui.selected.has(idea.id)) ui.selected.delete(idea.id); else ui.selected.add(idea.id); render(); },
};

// Bulk moderation: one `ideas:bulk` step (one transaction, one entry in the undo list).
async function bulk(action) {
  const ids = [...ui.selected].filter((id) => live.ideas.has(id));
  if (!ids.length) { announce(t("bulk_none")); showError(t("bulk_none")); return; }
  const payload = { kind: action, idea_ids: ids };
  if (action === "move") {
    const value = $("[data-bulk-group]").value;
    payload.cluster_id = value ? Number(value) : null;
  }
  const ack = await act("ideas:bulk", payload, null, true);
  const name = t("bulk_" + action);
  const message = ack && ack.ok
    ? (ack.changed ? tn("bulk_done", ack.changed, { action: name }) : t("bulk_nothing"))
    : (ack && ack.message) || t("error_generic");
  showError(ack && ack.ok ? "" : message);
  announce(message);
  if (ack && ack.ok) ui.selected.clear();
  render();
  refreshLog();
}

async function saveEdit(idea, text) {
  const ack = await act("idea:edit", { idea_id: idea.id, text }, { label: t("act_edit", { text: short(text) }) });
  if (ack) { ui.editing = null; render(); focusKey("edit-" + idea.id); }
}

async function merge() {
  const ids = [...ui.selected].filter((id) => live.ideas.has(id));
  if (ids.length < 2) return;
  const keep = ids.includes(ui.keep) ? ui.keep : ids[0];
  const kept = live.ideas.get(keep);
  const ack = await act("idea:merge", { keep_id: keep, merge_ids: ids.filter((id) => id !== keep) },
    { label: t("act_merge", { text: short(kept.text) }) });
  if (ack) { ui.selected.clear(); ui.keep = null; render(); }
}

// ---------- rendering ----------
function currentClusters() { return live.clustersOf(live.phase()); }

function render() {
  if (!live.workshop) return;
  const focusedKey = document.activeElement && root.contains(document.activeElement) ? document.activeElement.dataset.key : null;
  renderControls();
  renderIncoming();
  renderMerge();
  renderClusters();
  renderFigures();
  if (focusedKey && !root.contains(document.activeElement)) focusKey(focusedKey);
}

function focusKey(key) {
  let node = root.querySelector(`[data-key="${key}"]`);
  // The button changed (hide became restore): keep the focus on the same idea's card.
  const idea = /-(\d+)$/.exec(key || "");
  if (!node && idea) node = root.querySelector(`[data-key="card-${idea[1]}"]`);
  if (node) node.focus();
}

function renderFigures() {
  $("[data-fig-onsite]").textContent = String(live.peopleOnSite());
  $("[data-fig-online]").textContent = String(live.peopleOnline());
  const phase = live.phase();
  let ideas = 0, pendingCount = 0, dots = 0;
  for (const i of live.ideas.values()) {
    if (i.phase !== phase) continue;
    if (i.status === "visible" || i.status === "pending") { ideas += 1; dots += i.dots || 0; }
    if (i.status === "pending") pendingCount += 1;
  }
  $("[data-fig-ideas]").textContent = String(ideas);
  $("[data-fig-pending]").textContent = String(pendingCount);
  $("[data-fig-dots]").textContent = String(dots);
  $("[data-fig-step]").textContent = phaseName(phase) + ": " + $(`[data-step="${live.flow().step}"]`).textContent.replace(/^\d\s*/, "");
}

function renderControls() {
  const w = live.workshop;
  const flow = live.flow();
  $("[data-session-status]").textContent = t("status_" + w.status);
  $("[data-open]").hidden = w.status === "open";
  $("[data-close]").hidden = w.status !== "open";
  root.querySelectorAll("[data-phase]").forEach((b) => b.setAttribute("aria-pressed", b.dataset.phase === w.phase ? "true" : "false"));
  root.querySelectorAll("[data-step]").forEach((b) => b.setAttribute("aria-pressed", b.dataset.step === flow.step ? "true" : "false"));
  $("[data-step-hint]").textContent = t("step_hint_" + flow.step, { n: w.dots_per_participant });
  $("[data-hide-counts]").setAttribute("aria-pressed", flow.hide_counts ? "true" : "false");
  $("[data-hide-counts-state]").textContent = flow.hide_counts ? t("counts_hidden_on") : t("counts_hidden_off");
  $("[data-lock]").setAttribute("aria-pressed", w.submissions_locked ? "true" : "false");
  $("[data-lock-state]").textContent = w.submissions_locked ? t("lock_on") : t("lock_off");
  const spot = w.spotlight_idea_id ? live.ideas.get(Number(w.spotlight_idea_id)) : null;
  const current = $("[data-spotlight-current]");
  current.textContent = spot ? spot.text : t("spotlight_none");
  current.setAttribute("dir", "auto");
  $("[data-spotlight-off]").hidden = !spot;
  const form = $("[data-display-form]");
  if (!form.contains(document.activeElement)) {
    const display = live.display();
    form.elements.mode.value = display.mode;
    form.elements.seconds.value = display.seconds;
    form.elements.top_n.value = display.top_n;
  }
}

function clusterOptions(select, first, clusters) {
  const value = select.value;
  select.replaceChildren(...first, ...clusters.map((c) => h("option", { value: c.id, text: c.name })));
  if ([...select.options].some((o) => o.value === value)) select.value = value;
}

const list = new IncrementalList($("[data-incoming]"), {
  signature(idea) {
    const w = live.workshop;
    return [idea.status, idea.text, idea.language, JSON.stringify(idea.translations || {}), idea.cluster_id, w.spotlight_idea_id === idea.id, ui.selected.has(idea.id),
      ui.editing === idea.id, idea.phase, ui.filters.sort === "dots" ? idea.dots : ""].join("|");
  },
  build: (idea) => ideaCard(idea, live.clustersOf(idea.phase), { workshop: live.workshop, ui }),
});
let clustersKey = "";

function renderIncoming() {
  const all = [...live.clusters.values()].sort((a, b) => (a.id - b.id));
  const key = all.map((c) => c.id + ":" + c.name + ":" + c.position).join(",");
  // A new or renamed group: refresh the cards' group menus in place, not the cards.
  if (key !== clustersKey) {
    clustersKey = key;
    for (const idea of live.ideas.values()) {
      const node = list.node(idea.id);
      const select = node && node.querySelector("[data-cluster-select]");
      if (!select) continue;
      clusterOptions(select, [h("option", { value: "", text: t("no_cluster") })], live.clustersOf(idea.phase));
      select.value = idea.cluster_id ? String(idea.cluster_id) : "";
    }
  }
  const phaseFilter = ui.filters.phase === "current" ? live.phase() : ui.filters.phase;
  const groups = all.filter((c) => phaseFilter === "all" || c.phase === phaseFilter);
  clusterOptions($("[data-filter=group]"), [h("option", { value: "", text: t("all_groups") }),
    h("option", { value: "none", text: t("no_cluster") })], groups);
  ui.filters.group = $("[data-filter=group]").value;
  clusterOptions($("[data-bulk-group]"), [h("option", { value: "", text: t("no_cluster") })], currentClusters());
  const shown = filterIdeas(live.ideas.values(), ui.filters, live.phase());
  ui.shown = shown;
  list.render(shown);
  const total = [...live.ideas.values()].filter((i) => i.status !== "merged").length;
  $("[data-shown-count]").textContent = shown.length === 1 ? t("shown_of_1", { total }) : t("shown_of", { shown: shown.length, total });
  $("[data-incoming-empty]").hidden = shown.length > 0;
  const picked = [...ui.selected].filter((id) => live.ideas.has(id)).length;
  $("[data-selected-count]").textContent = picked ? t("selected_n", { n: picked }) : "";
  const all_ = $("[data-pick-all]");
  all_.checked = shown.length > 0 && shown.every((i) => ui.selected.has(i.id));
  all_.indeterminate = !all_.checked && shown.some((i) => ui.selected.has(i.id));
  root.querySelectorAll("[data-bulk-act]").forEach((b) => { b.setAttribute("aria-disabled", picked ? "false" : "true"); });
}

// Counts change often: update the numbers in place, keep focus and open forms alone.
function updateCounts(changed) {
  for (const idea of changed) {
    const node = list.node(idea.id);
    const count = node && node.querySelector(`[data-dots-for="${idea.id}"]`);
    if (count) count.textContent = t("dots_short", { n: idea.dots || 0 });
  }
  if (ui.filters.sort === "dots" && changed.length) render(); else renderFigures();
}

function renderMerge() {
  const ids = [...ui.selected].filter((id) => live.ideas.has(id) && live.ideas.get(id).status !== "merged");
  ui.selected = new Set(ids);
  const enough = ids.length >= 2;
  $("[data-merge-hint]").hidden = enough;
  $("[data-merge-fieldset]").hidden = !enough;
  $("[data-merge-button]").hidden = !enough;
  if (!enough) return;
  if (!ids.includes(ui.keep)) {
    ui.keep = ids.slice().sort((a, b) => (live.ideas.get(b).dots - live.ideas.get(a).dots) || (a - b))[0];
  }
  $("[data-merge-options]").replaceChildren(...mergeOptions(ids, live.ideas, ui.keep));
}

// Redrawn only when what it shows changed, so a group name being typed is never replaced.
let clustersShown = null;
function renderClusters() {
  const clusters = currentClusters();
  const ideas = live.visibleIdeas();
  const key = JSON.stringify([clusters.map((c) => [c.id, c.name]), ideas.filter((i) => i.cluster_id).map((i) => [i.id, i.cluster_id, i.text])]);
  if (key === clustersShown) return;
  clustersShown = key;
  $("[data-clusters]").replaceChildren(...clusterBlocks(clusters, ideas, ui));
}

function tick() {
  const box = $("[data-timer]");
  const w = live.workshop;
  const left = w && w.phase_deadline ? clock.secondsLeft(w.phase_deadline) : null;
  box.textContent = left === null ? t("timer_none") : formatSeconds(left);
}
setInterval(tick, 1000);

// ---------- events from the page ----------
root.addEventListener("click", (event) => {
  const target = event.target.closest("button");
  if (!target) return;
  const idea = live.ideas.get(Number(target.dataset.idea));
  if (target.dataset.act && idea && ideaActions[target.dataset.act]) { ideaActions[target.dataset.act](idea); return; }
  if (target.dataset.bulkAct) { bulk(target.dataset.bulkAct); return; }
  if (target.dataset.cancelEdit) { const id = Number(target.dataset.cancelEdit); ui.editing = null; render(); focusKey("edit-" + id); return; }
  if (target.dataset.deleteCluster) {
    const cluster = live.clusters.get(Number(target.dataset.deleteCluster));
    if (!cluster) return;
    act("cluster:delete", { cluster_id: cluster.id }, { label: t("act_cluster_delete", { text: cluster.name }) });
    return;
  }
  if (target.dataset.phase) { act("phase:set", { phase: target.dataset.phase }).then((ack) => { if (ack) announce(t("phase_set", { phase: phaseName(target.dataset.phase) })); }); return; }
  if (target.dataset.step) { act("flow:step", { step: target.dataset.step }).then((ack) => { if (ack) announce(t("step_hint_" + target.dataset.step, { n: live.workshop.dots_per_participant })); }); return; }
  if (target.hasAttribute("data-hide-counts")) { act("flow:hide_counts", { hidden: !live.flow().hide_counts }); return; }
  if (target.hasAttribute("data-open")) { act("session:open", {}); return; }
  if (target.hasAttribute("data-close")) { if (window.confirm(t("confirm_close"))) act("session:close", {}); return; }
  if (target.hasAttribute("data-lock")) { toggleLock(); return; }
  if (target.hasAttribute("data-timer-stop")) { act("timer:stop", {}); return; }
  if (target.hasAttribute("data-spotlight-off")) { act("spotlight:set", { idea_id: null }); return; }
  if (target.hasAttribute("data-merge-button")) { merge(); return; }
  if (target.hasAttribute("data-print")) { window.print(); }
});

function toggleLock() { act("submissions:lock", { locked: !(live.workshop && live.workshop.submissions_locked) }); }

root.addEventListener("change", (event) => {
  const target = event.target;
  if (target.dataset.pick) { ideaActions.pick(live.ideas.get(Number(target.dataset.pick))); }
  else if (target.hasAttribute("data-pick-all")) {
    for (const idea of ui.shown) { if (target.checked) ui.selected.add(idea.id); else ui.selected.delete(idea.id); }
    render();
  }
  else if (target.dataset.keep) { ui.keep = Number(target.dataset.keep); }
  else if (target.dataset.filter && target.tagName === "SELECT") { ui.filters[target.dataset.filter] = target.value; render(); }
  else if (target.dataset.clusterSelect) {
    const idea = live.ideas.get(Number(target.dataset.clusterSelect));
    if (idea) act("idea:cluster", { idea_id: idea.id, cluster_id: target.value ? Number(target.value) : null }, { label: t("act_cluster_assign", { text: short(idea.text) }) });
  }
});

root.addEventListener("input", (event) => {
  if (event.target.id && event.target.id.startsWith("edit-text-")) ui.editDraft = event.target.value;
  if (event.target.dataset.renameInput) ui.renameDrafts.set(Number(event.target.dataset.renameInput), event.target.value);
  if (event.target.dataset.filter === "q") { ui.filters.q = event.target.value; render(); }
});

installLanguageFix(root, (id) => live.ideas.get(id), act);
root.addEventListener("submit", (event) => {
  event.preventDefault();
  const form = event.target;
  if (form.dataset.editForm) {
    const idea = live.ideas.get(Number(form.dataset.editForm));
    const text = form.querySelector("textarea").value.trim();
    if (idea && text) saveEdit(idea, text);
  } else if (form.dataset.rename) {
    const cluster = live.clusters.get(Number(form.dataset.rename));
    const name = form.querySelector("input").value.trim();
    if (cluster && name && name !== cluster.name) {
      act("cluster:rename", { cluster_id: cluster.id, name }, { label: t("act_cluster_rename", { text: name }) })
        .then((ack) => { if (ack) { ui.renameDrafts.delete(cluster.id); render(); } });
    }
  } else if (form.hasAttribute("data-cluster-create")) {
    const input = form.querySelector("input");
    const name = input.value.trim();
    if (!name) { input.focus(); return; }
    const picked = [...ui.selected];
    act("cluster:create", { name, phase: live.phase(), idea_ids: picked }, { label: t("act_cluster_create", { text: name }) }).then((ack) => {
      if (!ack) return;
      input.value = "";
      if (picked.length) { for (const id of picked) { const i = live.ideas.get(id); if (i) i.cluster_id = ack.cluster.id; } ui.selected.clear(); }
      render();
    });
  } else if (form.hasAttribute("data-timer-form")) {
    const minutes = Number(form.querySelector("input").value);
    if (!(minutes >= 1 && minutes <= 120)) { form.querySelector("input").focus(); return; }
    act("timer:start", { seconds: Math.round(minutes * 60) });
  } else if (form.hasAttribute("data-display-form")) {
    const seconds = Number(form.elements.seconds.value);
    const top = Number(form.elements.top_n.value);
    if (!(seconds >= 5 && seconds <= 120)) { form.elements.seconds.focus(); return; }
    if (!(top >= 1 && top <= 30)) { form.elements.top_n.focus(); return; }
    const mode = form.elements.mode.value;
    act("display:set", { mode, seconds: Math.round(seconds), top_n: Math.round(top) }).then((ack) => {
      if (ack) announce(t("display_saved", { mode: form.elements.mode.selectedOptions[0].textContent }));
    });
  }
});
$("[data-filters]").addEventListener("submit", (event) => event.preventDefault());

installShortcuts({
  cards: () => [...root.querySelectorAll("[data-card]")],
  ideaOf: (card) => card && live.ideas.get(Number(card.dataset.card)),
  run(key, idea) {
    if (key === "/") return document.getElementById("filter-text").focus();
    if (key === "l") return toggleLock();
    if (key === "t") return document.getElementById("timer-minutes").focus();
    if (key === "u") return undoList.undoLast();
    if (!idea) return;
    if (key === "h") return idea.status === "hidden" ? ideaActions.restore(idea) : ideaActions.hide(idea);
    if (key === "a" && idea.status === "pending") return ideaActions.approve(idea);
    if (key === "e") return ideaActions.edit(idea);
    if (key === "s" && idea.status === "visible") return ideaActions.spotlight(idea);
    if (key === "x") return ideaActions.pick(idea);
  },
});
