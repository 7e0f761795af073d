// Issue 14: the console's translation queue. It listens on the console's socket, keeps the
// visible ideas and the session's languages, lists what still lacks a translation (German
// for other languages; the session's languages for German ideas) and saves with
// `idea:translate`. Mirrors participation/ideas/translations.py `queue`.
import { call, h, makeClientId, onLiveSocket, readJSON } from "./common.js";
import { applyTranslation, htmlLang } from "./languages.js";

const root = document.querySelector("[data-console-translations]");
const TEXTS = readJSON("queue-texts");
const NAMES = readJSON("live-languages").own_names || {};
const LIMIT = 40;
const state = { ideas: new Map(), languages: ["de"] };
const drafts = new Map();  // what an interpreter is typing survives re-renders

function wanted(idea) {
  const original = idea.language || "de";
  const have = idea.translations || {};
  const targets = original !== "de" ? ["de"] : state.languages.filter((c) => c !== "de" && c !== "ls");
  return targets.filter((c) => c !== original && !have[c]);
}

function keep(idea) {
  if (!idea) return;
  if (idea.status === "visible") state.ideas.set(idea.id, idea); else state.ideas.delete(idea.id);
}

function render() {
  const list = root.querySelector("[data-queue-list]");
  const focusId = document.activeElement && list.contains(document.activeElement) ? document.activeElement.id : null;
  const entries = [...state.ideas.values()].sort((a, b) => b.id - a.id)
    .map((idea) => ({ idea, wanted: wanted(idea) })).filter((e) => e.wanted.length).slice(0, LIMIT);
  list.replaceChildren(...entries.map(entry));
  root.querySelector("[data-queue-count]").textContent = String(entries.length);
  root.querySelector("[data-queue-empty]").hidden = entries.length > 0;
  if (focusId && document.getElementById(focusId)) document.getElementById(focusId).focus();
}

function entry({ idea, wanted: missing }) {
  const original = idea.language || "de";
  const id = "queue-" + idea.id;
  const draft = drafts.get(idea.id) || { language: missing[0], text: "" };
  const select = h("select", { id: id + "-language", name: "language" },
    Object.entries(NAMES).filter(([code]) => code !== original).map(([code, name]) =>
      h("option", { value: code, selected: code === draft.language,
        text: name + (missing.includes(code) ? " · " + TEXTS.missing : "") })));
  const text = h("textarea", { id: id + "-text", name: "text", rows: "2", maxlength: "280", dir: "auto" });
  text.value = draft.text;
  const remember = () => drafts.set(idea.id, { language: select.value, text: text.value });
  select.addEventListener("change", remember);
  text.addEventListener("input", remember);
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const form = h("form", { class: "queue-form", "data-queue-form": idea.id },
    h("div", { class: "field" }, h("label", { for: select.id, text: TEXTS.to }), select),
    h("div", { class: "field" }, h("label", { for: text.id, text: TEXTS.text }), text),
    error, h("button", { type: "submit", class: "button primary", text: TEXTS.save }));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!text.value.trim()) { error.textContent = TEXTS.empty; error.hidden = false; text.focus(); return; }
    save(idea.id, select.value, text.value, error);
  });
  return h("li", { class: "queue-entry", "data-queue-idea": idea.id },
    h("p", { class: "meta", text: TEXTS.written_in + " " + (NAMES[original] || original) }),
    h("p", { class: "idea-text", dir: "auto", lang: htmlLang(original), text: idea.text }), form);
}

let socket = null;
function save(ideaId, language, text, error) {
  call(socket, "idea:translate", { idea_id: ideaId, language, text, client_id: makeClientId() }).then((ack) => {
    if (!ack.ok) { error.textContent = ack.message || ""; error.hidden = false; return; }
    drafts.delete(ideaId);
    applyTranslation(state.ideas, ack.translation);
    const status = document.querySelector("[data-status]");
    if (status) status.textContent = TEXTS.saved;
    render();
  });
}

if (root) {
  onLiveSocket((live) => {
    socket = live;
    live.on("session:snapshot", (snapshot) => {
      state.ideas = new Map();
      (snapshot.ideas || []).forEach(keep);
      state.languages = (snapshot.workshop && snapshot.workshop.languages) || ["de"];
      render();
    });
    live.on("session:updated", (data) => {
      if (data.workshop && data.workshop.languages) { state.languages = data.workshop.languages; render(); }
    });
    live.on("idea:created", (data) => { keep(data.idea); render(); });
    live.on("idea:updated", (data) => { keep(data.idea); render(); });
    live.on("idea:removed", (data) => { state.ideas.delete(Number(data.idea_id)); render(); });
    live.on("idea:translated", (data) => { if (applyTranslation(state.ideas, data)) render(); });
  });
}
