// Projector (or any page): the session's most frequent meaningful words, refreshed live.
// Polls data-url every data-interval ms while visible (cheap: the server answers 304
// while nothing changed) and at once on a "insights:refresh" event on document, which a
// live page may dispatch on the socket's idea:created / idea:removed.
//
// Markup (templates/insights/_wordcloud.html):
//   <section data-insights-wordcloud data-url="/j/CODE/wordcloud" data-interval="5000">
//     <ul class="wordcloud" data-words></ul> <p data-empty hidden>…</p></section>
import { el, getJSON, onReady } from "./common.js";

export function attachWordCloud(root) {
  const list = root.querySelector("[data-words]");
  const empty = root.querySelector("[data-empty]");
  const interval = Number(root.dataset.interval || 5000);
  let version = null;
  let busy = false;

  function render(words) {
    // Alphabetical order keeps words in place as counts change; size shows frequency.
    const sorted = [...words].sort((a, b) => a.word.localeCompare(b.word));
    list.replaceChildren(...sorted.map((w) => el("li", { class: "w" + w.weight, dir: "auto" },
      el("span", { text: w.word }), el("span", { class: "visually-hidden", text: " (" + w.count + ")" }))));
    if (empty) empty.hidden = words.length > 0;
  }

  async function refresh() {
    if (busy || root.closest("[hidden]")) return;
    busy = true;
    try {
      const data = await getJSON(root.dataset.url);
      if (data.version !== version) { version = data.version; render(data.words || []); }
    } catch (error) { /* keep the last cloud on a network hiccup */ }
    finally { busy = false; }
  }

  document.addEventListener("insights:refresh", refresh);
  setInterval(refresh, interval);
  refresh();
  return { refresh };
}

onReady("[data-insights-wordcloud]", attachWordCloud);
