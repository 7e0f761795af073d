// Resident: as they type, show up to three ideas of this phase that say much the same
// ("Schon dabei? Geben Sie lieber einen Punkt"). Server-side, cross-lingual.
//
// Markup (templates/insights/_similar_hint.html):
//   <div data-insights-similar data-url="/j/CODE/similar" data-source="#idea-text" hidden>
//     <p>…</p><ul data-similar-items></ul></div>
// The box dispatches "insights:similar" (detail: {ideas}) on itself after each update,
// so a page can add its own "+ Punkt" buttons. The resident can always still submit.
import { el, getJSON, onReady } from "./common.js";

const DELAY_MS = 400;      // debounce: one request after the typing pauses
const MIN_LENGTH = 12;     // the server ignores shorter texts too

export function attachSimilarHints(box) {
  const source = document.querySelector(box.dataset.source || "textarea");
  const list = box.querySelector("[data-similar-items]");
  if (!source || !list) return null;
  let timer = null;
  let inflight = null;
  let lastText = "";

  function render(ideas) {
    list.replaceChildren(...ideas.map((idea) => el("li", {},
      el("a", { href: "#idea-" + idea.id, dir: "auto", text: idea.text, "data-idea": idea.id }))));
    box.hidden = ideas.length === 0;
    box.dispatchEvent(new CustomEvent("insights:similar", { detail: { ideas }, bubbles: true }));
  }

  async function lookup() {
    const text = source.value.trim();
    if (text === lastText) return;
    lastText = text;
    if (inflight) inflight.abort();
    if (text.length < MIN_LENGTH) { render([]); return; }
    inflight = new AbortController();
    const url = box.dataset.url + "?text=" + encodeURIComponent(text);
    try {
      const data = await getJSON(url, inflight.signal);
      if (source.value.trim() === text) render(data.ideas || []);
    } catch (error) {
      if (error.name !== "AbortError") render([]);  // a hint only: fail quietly
    }
  }

  source.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(lookup, DELAY_MS); });
  source.form?.addEventListener("submit", () => { lastText = ""; clearTimeout(timer); render([]); });
  return { lookup, clear: () => render([]) };
}

onReady("[data-insights-similar]", attachSimilarHints);
