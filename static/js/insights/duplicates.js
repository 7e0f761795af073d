// Facilitator console: likely duplicate pairs, best first; one click merges (the ideas
// feature's merge: dots move, undo works) or dismisses ("Kein Duplikat", remembered).
//
// Markup: templates/insights/_duplicates_panel.html (data-url, data-csrf, texts block).
import { announce, el, fill, getJSON, onReady, postJSON, textsOf } from "./common.js";

export function attachDuplicatesPanel(root) {
  const texts = textsOf(root);
  const list = root.querySelector("[data-pairs]");
  const empty = root.querySelector("[data-empty]");
  const base = root.dataset.url;
  const csrf = root.dataset.csrf;

  function ideaBlock(idea) {
    return el("blockquote", { dir: "auto" }, el("p", { text: idea.text }),
      el("footer", { text: idea.dots === 1 ? texts.dot_one : fill(texts.dots, { n: idea.dots }) }));
  }

  function render(pairs) {
    list.replaceChildren(...pairs.map((pair) => {
      // Keep the idea with more dots (the older one on a tie): fewer dots move.
      const keepA = pair.a.dots > pair.b.dots || (pair.a.dots === pair.b.dots && pair.a.id < pair.b.id);
      const keep = keepA ? pair.a : pair.b;
      const drop = keepA ? pair.b : pair.a;
      const merge = el("button", { type: "button", class: "button primary", text: texts.merge });
      const dismiss = el("button", { type: "button", class: "button", text: texts.dismiss });
      const item = el("li", { class: "insight-pair" },
        el("p", { class: "score", text: fill(texts.score, { n: Math.round(pair.score * 100) }) }),
        ideaBlock(pair.a), ideaBlock(pair.b), el("div", { class: "actions" }, merge, dismiss));
      merge.addEventListener("click", () => act(item, base + "/merge", { keep_id: keep.id, merge_id: drop.id }, texts.merged));
      dismiss.addEventListener("click", () => act(item, base + "/dismiss", { a: pair.a.id, b: pair.b.id }, texts.dismissed));
      return item;
    }));
    if (empty) empty.hidden = pairs.length > 0;
  }

  async function act(item, url, payload, done) {
    item.querySelectorAll("button").forEach((b) => { b.disabled = true; });
    try {
      await postJSON(url, payload, csrf);
      announce(root, done);
      await load();
    } catch (error) {
      item.querySelectorAll("button").forEach((b) => { b.disabled = false; });
      announce(root, error.data?.message || texts.failed);
    }
  }

  async function load() {
    try { render((await getJSON(base)).pairs || []); }
    catch (error) { announce(root, texts.failed); }
  }

  root.querySelector("[data-refresh]")?.addEventListener("click", load);
  load();
  return { load };
}

onReady("[data-insights-duplicates]", attachDuplicatesPanel);
