// Facilitator console: "Themen vorschlagen". Each suggestion shows its ideas (all ticked)
// and an editable name taken from the ideas' own words. Übernehmen creates the cluster
// through the ideas feature; Verwerfen only removes the card. Nothing is grouped without
// that click.
//
// Markup: templates/insights/_cluster_suggestions.html (data-url, data-csrf, texts block).
import { announce, el, fill, getJSON, onReady, postJSON, textsOf } from "./common.js";
import { followLive } from "./follow.js";

let counter = 0;

export function attachClusterSuggestions(root) {
  const texts = textsOf(root);
  const list = root.querySelector("[data-suggestions]");
  const empty = root.querySelector("[data-empty]");
  const base = root.dataset.url;

  function card(suggestion) {
    const id = "insight-cluster-" + (++counter);
    const name = el("input", { type: "text", id, maxlength: 120, value: suggestion.label, dir: "auto", required: true });
    const ideas = suggestion.ideas.map((idea) => {
      const box = el("input", { type: "checkbox", checked: true, value: idea.id, id: id + "-" + idea.id });
      return el("li", { "data-idea": idea.id }, box, el("label", { for: id + "-" + idea.id, dir: "auto", text: idea.text }));
    });
    const accept = el("button", { type: "submit", class: "button primary", text: texts.accept });
    const reject = el("button", { type: "button", class: "button", text: texts.reject });
    const form = el("form", { class: "insight-suggestion" },
      el("label", { for: id, text: texts.name }), name,
      el("ul", { class: "insight-ideas" }, ideas), el("div", { class: "actions" }, accept, reject));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const ids = [...form.querySelectorAll("input[type=checkbox]:checked")].map((b) => Number(b.value));
      if (!name.value.trim() || ids.length === 0) { announce(root, texts.need_name_and_ideas); return; }
      accept.disabled = true;
      try {
        await postJSON(base.replace(/\/suggest$/, "/accept"),
                       { name: name.value.trim(), idea_ids: ids, phase: suggestion.phase }, root.dataset.csrf);
        form.closest("li").remove();
        announce(root, fill(texts.accepted, { name: name.value.trim() }));
      } catch (error) {
        accept.disabled = false;
        announce(root, error.data?.message || texts.failed);
      }
    });
    reject.addEventListener("click", () => { form.closest("li").remove(); announce(root, texts.rejected); });
    return el("li", {}, form);
  }

  let asked = false;  // suggestions were asked for: a new phase gets its own at once

  async function suggest() {
    asked = true;
    try {
      const data = await getJSON(base);
      list.replaceChildren(...(data.suggestions || []).map(card));
      if (empty) empty.hidden = (data.suggestions || []).length > 0;
      const n = (data.suggestions || []).length;
      announce(root, n === 1 ? texts.found_1 : fill(texts.found, { n }));
    } catch (error) { announce(root, texts.failed); }
  }

  // An idea grouped, merged or hidden meanwhile leaves the suggestions it was in.
  function dropIdea(id) {
    list.querySelectorAll(`li[data-idea="${Number(id)}"]`).forEach((item) => {
      const card = item.closest("[data-suggestions] > li");
      item.remove();
      if (card && !card.querySelector("li[data-idea]")) card.remove();
    });
  }

  root.querySelector("[data-suggest]")?.addEventListener("click", suggest);
  followLive({
    phase: () => { if (asked) suggest(); else list.replaceChildren(); },
    ideas: (event, data) => {
      if (event === "idea:removed") dropIdea(data.idea_id);
      else if (event === "idea:updated" && data.idea && (data.idea.cluster_id || data.idea.status !== "visible")) dropIdea(data.idea.id);
    },
  });
  return { suggest };
}

onReady("[data-insights-clusters]", attachClusterSuggestions);
