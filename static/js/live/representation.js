// "Who took part, next to who lives there", live: participants per age band against the
// population of the Kommunalprofil, from `session:snapshot` (field `representation`) and
// `representation:update` (docs/realtime.md). Every text comes translated from the server:
// band labels and sentences in the payload, the rest in data- attributes of the panel.
// User-independent numbers only; everything is set with textContent.
import { call, h, onLiveSocket } from "./common.js";

const panel = document.querySelector("[data-representation]");
const $ = (selector) => panel.querySelector(selector);
const fill = (text, vars) => Object.entries(vars).reduce((s, [k, v]) => s.split("{" + k + "}").join(String(v)), text || "");
let lastStatus = null;
let seen = false;

export function render(data) {
  if (!panel || !data || typeof data !== "object") return;
  seen = true;
  const onProjector = panel.dataset.audience === "projector";
  if (onProjector && !data.on_projector) { panel.hidden = true; return; }
  if (!Array.isArray(data.bands)) return;
  const people = data.participants || {};
  $("[data-rep-count]").textContent = fill(panel.dataset.textCount,
    { n: people.total || 0, m: people.with_age_band || 0 });
  const bars = $("[data-rep-bars]");
  // Shares from fewer than 5 answers are never shown (the summary says so in words).
  const showBars = data.has_population && !data.small_numbers;
  bars.replaceChildren(...(showBars ? data.bands : []).map(bandRow));
  bars.hidden = !showBars;
  // The status region changes only when the words change, so it is not re-announced.
  const under = Array.isArray(data.under_represented) ? data.under_represented : [];
  const status = under.length ? under.map((item) => item.sentence).join(" · ") : (data.summary || "");
  if (status !== lastStatus) {
    const region = $("[data-rep-status]");
    region.replaceChildren(...(under.length
      ? [h("ul", { class: "rep-under" }, under.map((item) => h("li", { text: item.sentence })))]
      : [h("p", { text: data.summary || "" })]));
    lastStatus = status;
  }
  panel.hidden = false;
}

function bandRow(band) {
  const part = Math.round(Number(band.participant_pct) || 0);
  const pop = Math.round(Number(band.population_pct) || 0);
  const bar = (cls, pct) => {
    const node = h("span", { class: "rep-bar " + cls });
    node.style.width = Math.min(100, Math.max(0, pct)) + "%";  // CSSOM: allowed by the CSP
    return node;
  };
  return h("li", { class: band.under_represented ? "rep-band rep-band-under" : "rep-band" },
    h("span", { class: "rep-label", text: band.label }),
    h("span", { class: "rep-track", "aria-hidden": "true" }, bar("rep-bar-part", part), bar("rep-bar-pop", pop)),
    h("span", { class: "rep-values", text: fill(panel.dataset.textPair, { part, pop }) }));
}

if (panel) {
  onLiveSocket((socket) => {
    socket.on("session:snapshot", (snapshot) => { if (snapshot && snapshot.representation) render(snapshot.representation); });
    socket.on("representation:update", render);
    // Attached after the first snapshot went by: ask once for the current picture.
    if (socket.connected && !seen) {
      call(socket, "session:sync", {}).then((ack) => {
        if (!seen && ack && ack.ok && ack.snapshot && ack.snapshot.representation) render(ack.snapshot.representation);
      });
    }
  });
}
