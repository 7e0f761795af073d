// The facilitator's console: incoming ideas with moderation, the wall's clusters, the
// session controls. Every action is a socket event with an ack; errors show the ack's
// message; every moderation step lands in "Letzte Aktionen" with an undo button.
import { applyAccent, call, connect, formatSeconds, h, liveSettings, makeAnnouncer, makeClientId, phaseName, redrawForJoinCode, ServerClock, t } from "./common.js";
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

const state = {
  workshop: null, ideas: new Map(), clusters: new Map(), participants: {},
  selected: new Set(), editing: null, editDraft: "", keep: null,
  renameDrafts: new Map(),  // cluster id -> name being typed (kept across re-renders)
};

const socket = connect(settings);
socket.on("connect", () => { $("[data-net]").textContent = t("online"); });
socket.on("disconnect", () => { $("[data-net]").textContent = t("offline"); announce(t("offline")); });
socket.on("connect_error", (err) => {
  $("[data-net]").textContent = t("offline");
  if (err && err.data && err.data.message) showError(err.data.message);
  if (err && err.data && err.data.error && err.data.error !== "forbidden") setTimeout(() => socket.connect(), 5000);
});
socket.on("session:snapshot", (snapshot) => {
  state.ideas = new Map((snapshot.ideas || []).map((idea) => [idea.id, idea]));
  state.clusters = new Map((snapshot.clusters || []).map((c) => [c.id, c]));
  state.participants = snapshot.participants || {};
  setWorkshop(snapshot.workshop || {});
  render();
  refreshLog();
});
socket.on("session:updated", (data) => { if (data.workshop) setWorkshop(data.workshop); render(); });
socket.on("idea:created", (data) => { if (data.idea) { state.ideas.set(data.idea.id, data.idea); render(); } });
socket.on("idea:updated", (data) => { if (data.idea) { state.ideas.set(data.idea.id, data.idea); render(); refreshLog(800); } });
socket.on("idea:removed", (data) => {
  const idea = state.ideas.get(Number(data.idea_id));
  if (idea) {
    if (data.reason === "hidden") idea.status = "hidden";
    else { idea.status = "merged"; state.selected.delete(idea.id); }
  }
  render();
});
socket.on("cluster:updated", (data) => { if (data.cluster) { state.clusters.set(data.cluster.id, data.cluster); render(); } });
socket.on("cluster:removed", (data) => {
  const id = Number(data.cluster_id);
  state.clusters.delete(id);
  for (const idea of state.ideas.values()) if (idea.cluster_id === id) idea.cluster_id = null;
  render();
});
socket.on("tally:update", (data) => {
  // Counts change often: update the numbers in place, keep focus and open forms alone.
  for (const [id, count] of Object.entries(data.counts || {})) {
    const idea = state.ideas.get(Number(id));
    if (!idea) continue;
    idea.dots = count;
    root.querySelectorAll(`[data-dots-for="${idea.id}"]`).forEach((node) => { node.textContent = t("dots_short", { n: count }); });
  }
  if (data.participants) state.participants = data.participants;
  renderFigures();
});

function setWorkshop(workshop) {
  if (redrawForJoinCode(workshop)) return;
  state.workshop = workshop;
  clock.sync(workshop.server_time);
  tick();
}

// ---------- actions ----------
function showError(message) { $("[data-error]").textContent = message || ""; }

function applyAck(ack) {
  if (ack.idea) state.ideas.set(ack.idea.id, ack.idea);
  if (ack.workshop) setWorkshop(ack.workshop);
  if (ack.cluster) state.clusters.set(ack.cluster.id, ack.cluster);
}

async function act(event, payload, undo) {
  const ack = await call(socket, event, Object.assign({ client_id: makeClientId() }, payload));
  if (!ack.ok) {
    showError(ack.message || t("error_generic"));
    announce(ack.message || t("error_generic"));
    return null;
  }
  showError("");
  applyAck(ack);
  announce(undo ? undo.label : t("done"));
  render();
  if (undo) refreshLog();
  return ack;
}

// The undo list comes from the server's moderation log, so it survives a reload.
const undoList = new UndoList($("[data-undo-list]"), {
  label(entry) {
    const idea = entry.idea_id ? state.ideas.get(Number(entry.idea_id)) : null;
    const key = "act_" + entry.action;
    const text = idea ? short(idea.text) : "";
    let label = t(key, { text }) === key ? t("act_other", { text }) : t(key, { text });
    if (!text) label = label.replace(/[:\s]+$/, "");
    return entry.user ? label + " (" + entry.user + ")" : label;
  },
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

function short(text) { return text.length > 60 ? text.slice(0, 57) + "…" : text; }

const ideaActions = {
  hide: (idea) => act("idea:hide", { idea_id: idea.id }, { label: t("act_hide", { text: short(idea.text) }) }),
  restore: (idea) => act("idea:restore", { idea_id: idea.id }, { label: t("act_restore", { text: short(idea.text) }) }),
  approve: (idea) => act("idea:approve", { idea_id: idea.id }, { label: t("act_approve", { text: short(idea.text) }) }),
  spotlight: (idea) => act("spotlight:set", { idea_id: state.workshop && state.workshop.spotlight_idea_id === idea.id ? null : idea.id },
    { label: t("act_spotlight", { text: short(idea.text) }) }),
  edit: (idea) => { state.editing = idea.id; state.editDraft = idea.text; render(); focusKey("edit-text-" + idea.id); },
  pick: (idea) => { if (state.selected.has(idea.id)) state.selected.delete(idea.id); else state.selected.add(idea.id); render(); },
};

async function saveEdit(idea, text) {
  const ack = await act("idea:edit", { idea_id: idea.id, text }, { label: t("act_edit", { text: short(text) }) });
  if (ack) { state.editing = null; render(); focusKey("edit-" + idea.id); }
}

async function setCluster(idea, clusterId) {
  await act("idea:cluster", { idea_id: idea.id, cluster_id: clusterId }, { label: t("act_cluster_assign", { text: short(idea.text) }) });
}

async function merge() {
  const ids = [...state.selected].filter((id) => state.ideas.has(id));
  if (ids.length < 2) return;
  const keep = ids.includes(state.keep) ? state.keep : ids[0];
  const kept = state.ideas.get(keep);
  const ack = await act("idea:merge", { keep_id: keep, merge_ids: ids.filter((id) => id !== keep) },
    { label: t("act_merge", { text: short(kept.text) }) });
  if (ack) { state.selected.clear(); state.keep = null; render(); }
}

// ---------- rendering ----------
function currentIdeas() {
  const phase = state.workshop && state.workshop.phase;
  return [...state.ideas.values()].filter((i) => i.phase === phase && i.status !== "merged")
    .sort((a, b) => String(b.created_at || "").localeCompare(String(a.created_at || "")) || (b.id - a.id));
}

function currentClusters() {
  const phase = state.workshop && state.workshop.phase;
  return [...state.clusters.values()].filter((c) => c.phase === phase).sort((a, b) => (a.position - b.position) || (a.id - b.id));
}

function render() {
  if (!state.workshop) return;
  const focusedKey = document.activeElement && root.contains(document.activeElement) ? document.activeElement.dataset.key : null;
  renderControls();
  renderIncoming();
  renderMerge();
  renderClusters();
  renderFigures();
  if (focusedKey) focusKey(focusedKey);
}

function focusKey(key) {
  let node = root.querySelector(`[data-key="${key}"]`);
  // The button changed (hide became restore): keep the focus on the same idea's card.
  const idea = /-(\d+)$/.exec(key || "");
  if (!node && idea) node = root.querySelector(`[data-key="card-${idea[1]}"]`);
  if (node) node.focus();
}

function renderFigures() {
  const p = state.participants || {};
  $("[data-fig-onsite]").textContent = String((p.onsite || 0) + (p.assisted || 0) + (p.kiosk || 0));
  $("[data-fig-online]").textContent = String(p.online || 0);
  const ideas = currentIdeas().filter((i) => i.status === "visible" || i.status === "pending");
  $("[data-fig-ideas]").textContent = String(ideas.length);
  $("[data-fig-dots]").textContent = String(ideas.reduce((sum, i) => sum + (i.dots || 0), 0));
}

function renderControls() {
  const w = state.workshop;
  $("[data-session-status]").textContent = t("status_" + w.status);
  $("[data-open]").hidden = w.status === "open";
  $("[data-close]").hidden = w.status !== "open";
  root.querySelectorAll("[data-phase]").forEach((b) => b.setAttribute("aria-pressed", b.dataset.phase === w.phase ? "true" : "false"));
  $("[data-lock]").setAttribute("aria-pressed", w.submissions_locked ? "true" : "false");
  $("[data-lock-state]").textContent = w.submissions_locked ? t("lock_on") : t("lock_off");
  const spot = w.spotlight_idea_id ? state.ideas.get(Number(w.spotlight_idea_id)) : null;
  const current = $("[data-spotlight-current]");
  current.textContent = spot ? spot.text : t("spotlight_none");
  current.setAttribute("dir", "auto");
  $("[data-spotlight-off]").hidden = !spot;
}

function ideaCard(idea, clusters) {
  const w = state.workshop;
  const id = idea.id;
  const card = h("li", { class: "mod-card" + (idea.status === "hidden" ? " is-hidden" : "") + (idea.status === "pending" ? " is-pending" : ""),
    tabindex: "-1", "data-card": id, "data-key": "card-" + id });
  const statusText = t("status_" + idea.status);
  card.append(h("div", { class: "meta" },
    h("span", { class: "badge" + (idea.status === "pending" ? " pending" : "") + (idea.status === "hidden" ? " hidden-idea" : ""), text: statusText }),
    h("span", { "data-dots-for": id, text: t("dots_short", { n: idea.dots || 0 }) }),
    w.spotlight_idea_id === id ? h("span", { class: "badge mine", text: t("spotlight") }) : null));
  if (state.editing === id) {
    const textId = "edit-text-" + id;
    const form = h("form", { class: "edit-form", "data-edit-form": id },
      h("label", { for: textId, text: t("edit_label") }),
      h("textarea", { id: textId, maxlength: "280", dir: "auto", "data-key": textId }),
      h("div", { class: "button-row" },
        h("button", { type: "submit", class: "button primary", text: t("save") }),
        h("button", { type: "button", class: "button", "data-cancel-edit": id, text: t("cancel") })));
    form.querySelector("textarea").value = state.editDraft;
    card.append(form);
    return card;
  }
  const textId = "mod-text-" + id;
  card.append(h("p", { class: "idea-text", dir: "auto", id: textId, text: idea.text }));
  const actions = h("div", { class: "actions" });
  const button = (action, label, extra) => h("button", Object.assign({ type: "button", class: "button", "data-act": action, "data-idea": id,
    "data-key": action + "-" + id, "aria-describedby": textId, text: label }, extra || {}));
  if (idea.status === "pending") actions.append(button("approve", t("approve"), { class: "button primary" }));
  actions.append(idea.status === "hidden" ? button("restore", t("restore")) : button("hide", t("hide")));
  actions.append(button("edit", t("edit")));
  if (idea.status === "visible") actions.append(button("spotlight", w.spotlight_idea_id === id ? t("spotlight_off") : t("spotlight")));
  const pickId = "pick-" + id;
  const pick = h("input", { type: "checkbox", id: pickId, "data-pick": id, "data-key": pickId, "aria-describedby": textId });
  pick.checked = state.selected.has(id);
  actions.append(h("label", { class: "pick", for: pickId }, pick, t("pick")));
  const selectId = "cluster-" + id;
  const select = h("select", { id: selectId, "data-cluster-select": id, "data-key": selectId, "aria-describedby": textId },
    h("option", { value: "", text: t("no_cluster") }),
    clusters.map((c) => h("option", { value: c.id, text: c.name })));
  select.value = idea.cluster_id ? String(idea.cluster_id) : "";
  actions.append(h("span", {}, h("label", { for: selectId, text: t("cluster_label") + ": " }), select));
  card.append(actions);
  return card;
}

function renderIncoming() {
  const clusters = currentClusters();
  const ideas = currentIdeas();
  $("[data-incoming]").replaceChildren(...ideas.map((idea) => ideaCard(idea, clusters)));
  $("[data-incoming-empty]").hidden = ideas.length > 0;
}

function renderMerge() {
  const ids = [...state.selected].filter((id) => state.ideas.has(id) && state.ideas.get(id).status !== "merged");
  state.selected = new Set(ids);
  const enough = ids.length >= 2;
  $("[data-merge-hint]").hidden = enough;
  $("[data-merge-fieldset]").hidden = !enough;
  $("[data-merge-button]").hidden = !enough;
  if (!enough) return;
  if (!ids.includes(state.keep)) {
    state.keep = ids.slice().sort((a, b) => (state.ideas.get(b).dots - state.ideas.get(a).dots) || (a - b))[0];
  }
  $("[data-merge-options]").replaceChildren(...ids.map((id) => {
    const radio = h("input", { type: "radio", name: "keep", value: id, "data-keep": id, "data-key": "keep-" + id });
    radio.checked = id === state.keep;
    return h("label", {}, radio, h("span", { dir: "auto", text: short(state.ideas.get(id).text) }));
  }));
}

function renderClusters() {
  const clusters = currentClusters();
  const ideas = currentIdeas().filter((i) => i.status === "visible");
  const blocks = clusters.map((cluster) => {
    const inputId = "rename-" + cluster.id;
    const members = ideas.filter((i) => i.cluster_id === cluster.id);
    const input = h("input", { id: inputId, maxlength: "120", "data-key": inputId, autocomplete: "off",
      "data-rename-input": cluster.id, dir: "auto" });
    input.value = state.renameDrafts.has(cluster.id) ? state.renameDrafts.get(cluster.id) : cluster.name;
    return h("div", { class: "cluster-block" },
      h("h3", { dir: "auto", text: cluster.name + " (" + members.length + ")" }),
      members.length ? h("ul", {}, members.map((i) => h("li", { dir: "auto", text: short(i.text) })))
        : h("p", { class: "hint", text: t("cluster_empty") }),
      h("form", { class: "cluster-tools", "data-rename": cluster.id },
        h("label", { for: inputId, class: "visually-hidden", text: t("cluster_name") }), input,
        h("button", { type: "submit", class: "button", "data-key": "rename-btn-" + cluster.id, text: t("rename") }),
        h("button", { type: "button", class: "button danger", "data-delete-cluster": cluster.id, "data-key": "del-" + cluster.id, text: t("delete") })));
  });
  if (!blocks.length) blocks.push(h("p", { class: "hint", text: t("no_clusters") }));
  $("[data-clusters]").replaceChildren(...blocks);
}

function tick() {
  const box = $("[data-timer]");
  const w = state.workshop;
  const left = w && w.phase_deadline ? clock.secondsLeft(w.phase_deadline) : null;
  box.textContent = left === null ? t("timer_none") : formatSeconds(left);
}
setInterval(tick, 1000);

// ---------- events from the page ----------
root.addEventListener("click", (event) => {
  const target = event.target.closest("button");
  if (!target) return;
  const idea = state.ideas.get(Number(target.dataset.idea));
  if (target.dataset.act && idea && ideaActions[target.dataset.act]) { ideaActions[target.dataset.act](idea); return; }
  if (target.dataset.cancelEdit) { const id = Number(target.dataset.cancelEdit); state.editing = null; render(); focusKey("edit-" + id); return; }
  if (target.dataset.deleteCluster) {
    const cluster = state.clusters.get(Number(target.dataset.deleteCluster));
    if (!cluster) return;
    const members = [...state.ideas.values()].filter((i) => i.cluster_id === cluster.id).map((i) => i.id);
    act("cluster:delete", { cluster_id: cluster.id }, { label: t("act_cluster_delete", { text: cluster.name }) })
      .then((ack) => {
        if (!ack) return;
        state.clusters.delete(cluster.id);
        for (const id of members) { const i = state.ideas.get(id); if (i) i.cluster_id = null; }
        render();
      });
    return;
  }
  if (target.dataset.phase) { act("phase:set", { phase: target.dataset.phase }).then((ack) => { if (ack) announce(t("phase_set", { phase: phaseName(target.dataset.phase) })); }); return; }
  if (target.hasAttribute("data-open")) { act("session:open", {}); return; }
  if (target.hasAttribute("data-close")) { if (window.confirm(t("confirm_close"))) act("session:close", {}); return; }
  if (target.hasAttribute("data-lock")) { toggleLock(); return; }
  if (target.hasAttribute("data-timer-stop")) { act("timer:stop", {}); return; }
  if (target.hasAttribute("data-spotlight-off")) { act("spotlight:set", { idea_id: null }); return; }
  if (target.hasAttribute("data-merge-button")) { merge(); return; }
  if (target.hasAttribute("data-print")) { window.print(); }
});

function toggleLock() { act("submissions:lock", { locked: !(state.workshop && state.workshop.submissions_locked) }); }

root.addEventListener("change", (event) => {
  const target = event.target;
  if (target.dataset.pick) { ideaActions.pick(state.ideas.get(Number(target.dataset.pick))); }
  else if (target.dataset.keep) { state.keep = Number(target.dataset.keep); }
  else if (target.dataset.clusterSelect) {
    const idea = state.ideas.get(Number(target.dataset.clusterSelect));
    if (idea) setCluster(idea, target.value ? Number(target.value) : null);
  }
});

root.addEventListener("input", (event) => {
  if (event.target.id && event.target.id.startsWith("edit-text-")) state.editDraft = event.target.value;
  if (event.target.dataset.renameInput) state.renameDrafts.set(Number(event.target.dataset.renameInput), event.target.value);
});

root.addEventListener("submit", (event) => {
  event.preventDefault();
  const form = event.target;
  if (form.dataset.editForm) {
    const idea = state.ideas.get(Number(form.dataset.editForm));
    const text = form.querySelector("textarea").value.trim();
    if (idea && text) saveEdit(idea, text);
  } else if (form.dataset.rename) {
    const cluster = state.clusters.get(Number(form.dataset.rename));
    const name = form.querySelector("input").value.trim();
    if (cluster && name && name !== cluster.name) {
      act("cluster:rename", { cluster_id: cluster.id, name }, { label: t("act_cluster_rename", { text: name }) })
        .then((ack) => { if (ack) { state.renameDrafts.delete(cluster.id); render(); } });
    }
  } else if (form.hasAttribute("data-cluster-create")) {
    const input = form.querySelector("input");
    const name = input.value.trim();
    if (!name) { input.focus(); return; }
    const picked = [...state.selected];
    act("cluster:create", { name, phase: state.workshop.phase, idea_ids: picked }, { label: t("act_cluster_create", { text: name }) }).then((ack) => {
      if (!ack) return;
      input.value = "";
      if (picked.length) { for (const id of picked) { const i = state.ideas.get(id); if (i) i.cluster_id = ack.cluster.id; } state.selected.clear(); }
      render();
    });
  } else if (form.hasAttribute("data-timer-form")) {
    const minutes = Number(form.querySelector("input").value);
    if (!(minutes >= 1 && minutes <= 120)) { form.querySelector("input").focus(); return; }
    act("timer:start", { seconds: Math.round(minutes * 60) });
  }
});

installShortcuts({
  cards: () => [...root.querySelectorAll("[data-card]")],
  ideaOf: (card) => card && state.ideas.get(Number(card.dataset.card)),
  run(key, idea) {
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
