// Facilitator console: likely duplicate pairs, best first; one click merges (the ideas
// feature's merge: dots move, undo works) or dismisses ("Kein Duplikat", remembered).
//
// Markup: templates/insights/_duplicates_panel.html (data-url, data-csrf, texts block).
import { announce, el, fill, getJSON, onReady, postJSON, textsOf } from "./common.js";
import { debounce, followLive } from "./follow.js";

export function attachDuplicatesPanel(root) {
  const texts = textsOf(root);
  const list = root.querySelector("[data-pairs]");
  const empty = root.querySelector("[data-empty]");
  const base = root.dataset.url;
  const csrf = root.dataset.csrf;

  const dotsText = (n) => (n === 1 ? texts.dot_one : fill(texts.dots, { n }));
  let shown = [];  // the pairs on screen; their dot counts follow the live tally

  function ideaBlock(idea) {
    return el("blockquote", { dir: "auto" }, el("p", { text: idea.text }),
      el("footer", { "data-insight-dots": idea.id, text: dotsText(idea.dots) }));
  }

  const pairKey = (pair) => pair.a.id + "-" + pair.b.id;

  function render(pairs) {
    // A refresh keeps the keyboard focus on the same button of the same pair.
    const active = list.contains(document.activeElement) ? document.activeElement : null;
    const focusKey = active && active.closest("[data-pair]")?.dataset.pair;
    const focusAction = active && active.dataset.action;
    shown = pairs;
    list.replaceChildren(...pairs.map((pair) => {
      const merge = el("button", { type: "button", class: "button primary", "data-action": "merge", text: texts.merge });
      const dismiss = el("button", { type: "button", class: "button", "data-action": "dismiss", text: texts.dismiss });
      const item = el("li", { class: "insight-pair", "data-pair": pairKey(pair) },
        el("p", { class: "score", text: fill(texts.score, { n: Math.round(pair.score * 100) }) }),
        ideaBlock(pair.a), ideaBlock(pair.b), el("div", { class: "actions" }, merge, dismiss));
      merge.addEventListener("click", () => {
        // Keep the idea with more dots now (the older one on a tie): fewer dots move.
        const keepA = pair.a.dots > pair.b.dots || (pair.a.dots === pair.b.dots && pair.a.id < pair.b.id);
        const [keep, drop] = keepA ? [pair.a, pair.b] : [pair.b, pair.a];
        act(item, base + "/merge", { keep_id: keep.id, merge_id: drop.id }, texts.merged);
      });
      dismiss.addEventListener("click", () => act(item, base + "/dismiss", { a: pair.a.id, b: pair.b.id }, texts.dismissed));
      return item;
    }));
    if (focusKey) list.querySelector(`[data-pair="${focusKey}"] [data-action="${focusAction}"]`)?.focus();
    if (empty) empty.hidden = pairs.length > 0;
  }

  function updateCounts(counts) {
    for (const pair of shown) {
      for (const idea of [pair.a, pair.b]) {
        const count = counts[idea.id] ?? counts[String(idea.id)];
        if (count === undefined || count === idea.dots) continue;
        idea.dots = Number(count);
        list.querySelectorAll(`[data-insight-dots="${idea.id}"]`).forEach((node) => { node.textContent = dotsText(idea.dots); });
      }
    }
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
  // Follow the hall: a new phase has other pairs, new or removed ideas change them, and the
  // counts shown are the live ones.
  const later = debounce(load, 1500);
  followLive({ phase: load, counts: updateCounts, ideas: later });
  return { load };
}

onReady("[data-insights-duplicates]", attachDuplicatesPanel);
