// The console's cards: one idea with its moderation buttons, and the wall's groups with
// their rename and delete tools. Pure builders: they read the state they are given.
import { h, phaseName, t, tn } from "./common.js";
import { staffVersion } from "./languages.js";
import { languageFix } from "./console-language.js";

export function short(text) { return text.length > 60 ? text.slice(0, 57) + "…" : text; }

export function ideaCard(idea, clusters, { workshop: w, ui }) {
  const id = idea.id;
  const card = h("li", { class: "mod-card" + (idea.status === "hidden" ? " is-hidden" : "") + (idea.status === "pending" ? " is-pending" : ""),
    tabindex: "-1", "data-card": id, "data-key": "card-" + id });
  card.append(h("div", { class: "meta" },
    h("span", { class: "badge" + (idea.status === "pending" ? " pending" : "") + (idea.status === "hidden" ? " hidden-idea" : ""), text: t("status_" + idea.status) }),
    h("span", { "data-dots-for": id, text: t("dots_short", { n: idea.dots || 0 }) }),
    idea.phase !== w.phase ? h("span", { class: "badge", text: phaseName(idea.phase) }) : null,
    idea.channel && idea.channel !== "onsite" ? h("span", { class: "badge", text: t("channel_" + idea.channel) }) : null,
    w.spotlight_idea_id === id ? h("span", { class: "badge mine", text: t("spotlight") }) : null));
  if (ui.editing === id) {
    const textId = "edit-text-" + id;
    const form = h("form", { class: "edit-form", "data-edit-form": id },
      h("label", { for: textId, text: t("edit_label") }),
      h("textarea", { id: textId, maxlength: "280", dir: "auto", "data-key": textId }),
      h("div", { class: "button-row" },
        h("button", { type: "submit", class: "button primary", text: t("save") }),
        h("button", { type: "button", class: "button", "data-cancel-edit": id, text: t("cancel") })));
    form.querySelector("textarea").value = ui.editDraft;
    card.append(form);
    return card;
  }
  const textId = "mod-text-" + id;
  // Issue 14: German (or the console's language) with the original marked, as the projector.
  const version = staffVersion(idea);
  card.append(h("p", { class: "idea-text", dir: "auto", id: textId, lang: version.lang, text: version.text }));
  if (version.mark) {
    card.append(h("p", { class: "original-mark", "data-original-mark": id }, h("span", { text: version.mark }),
      version.original ? h("span", { text: ": " }) : null,
      version.original ? h("span", { dir: "auto", lang: version.originalLang, "data-original-text": "", text: version.original }) : null));
  }
  const actions = h("div", { class: "actions" });
  const button = (action, label, extra) => h("button", Object.assign({ type: "button", class: "button", "data-act": action, "data-idea": id,
    "data-key": action + "-" + id, "aria-describedby": textId, text: label }, extra || {}));
  if (idea.status === "pending") actions.append(button("approve", t("approve"), { class: "button primary" }));
  actions.append(idea.status === "hidden" ? button("restore", t("restore")) : button("hide", t("hide")));
  actions.append(button("edit", t("edit")));
  if (idea.status === "visible" && idea.phase === w.phase) actions.append(button("spotlight", w.spotlight_idea_id === id ? t("spotlight_off") : t("spotlight")));
  const pickId = "pick-" + id;
  const pick = h("input", { type: "checkbox", id: pickId, "data-pick": id, "data-key": pickId, "aria-describedby": textId });
  pick.checked = ui.selected.has(id);
  actions.append(h("label", { class: "pick", for: pickId }, pick, t("pick")));
  const selectId = "cluster-" + id;
  const select = h("select", { id: selectId, "data-cluster-select": id, "data-key": selectId, "aria-describedby": textId },
    h("option", { value: "", text: t("no_cluster") }),
    clusters.map((c) => h("option", { value: c.id, text: c.name })));
  select.value = idea.cluster_id ? String(idea.cluster_id) : "";
  actions.append(h("span", {}, h("label", { for: selectId, text: t("cluster_label") + ": " }), select));
  // In the same row as the group: one row less per card on a full wall.
  actions.append(languageFix(idea, textId));
  card.append(actions);
  return card;
}

export function clusterBlocks(clusters, ideas, ui) {
  const blocks = clusters.map((cluster) => {
    const inputId = "rename-" + cluster.id;
    const members = ideas.filter((i) => i.cluster_id === cluster.id);
    const input = h("input", { id: inputId, maxlength: "120", "data-key": inputId, autocomplete: "off",
      "data-rename-input": cluster.id, dir: "auto" });
    input.value = ui.renameDrafts.has(cluster.id) ? ui.renameDrafts.get(cluster.id) : cluster.name;
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
  return blocks;
}


// An undo entry names what it undoes: the idea's text, or the group's name for group steps.
export function undoLabel(entry, ideas) {
  const label = entry.action === "bulk" && entry.bulk ? bulkLabel(entry) : stepLabel(entry, ideas);
  return entry.user ? label + " (" + entry.user + ")" : label;
}

function bulkLabel(entry) {
  const kind = entry.bulk.kind === "move" && !entry.subject ? "move_out" : entry.bulk.kind;
  return tn("act_bulk_" + kind, entry.bulk.count, { group: entry.subject || "" });
}

function stepLabel(entry, ideas) {
  const idea = entry.idea_id ? ideas.get(Number(entry.idea_id)) : null;
  const key = "act_" + entry.action;
  let text = idea ? short(idea.text) : "";
  if (entry.action.startsWith("cluster_") && entry.action !== "cluster_assign") text = entry.subject || "";
  let label = t(key, { text }) === key ? t("act_other", { text }) : t(key, { text });
  if (entry.action === "cluster_assign" && entry.subject) label = t("act_cluster_assign_to", { group: entry.subject, text });
  if (!text) label = label.replace(/[:\s]+$/, "");
  return label;
}

export function mergeOptions(ids, ideas, keep) {
  return ids.map((id) => {
    const radio = h("input", { type: "radio", name: "keep", value: id, "data-keep": id, "data-key": "keep-" + id });
    radio.checked = id === keep;
    return h("label", {}, radio, h("span", { dir: "auto", text: short(ideas.get(id).text) }));
  });
}
