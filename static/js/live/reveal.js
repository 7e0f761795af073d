// The results reveal on the projector: per phase the ideas with the most dots, in order,
// with their dots, and who took part. Shown at the close or when the facilitator asks.
// It is fitted to the screen: smaller type first, then fewer ideas per phase, never cut.
import { h, phaseName, PHASES, t } from "./common.js";
import { byDots } from "./state.js";

const MOST = 5;

export function renderReveal(box, live, { closed }) {
  box.querySelector("[data-reveal-title]").textContent = closed ? t("results_closed") : t("results_top");
  const all = [...live.ideas.values()].filter((i) => i.status === "visible");
  const dots = all.reduce((sum, i) => sum + (i.dots || 0), 0);
  const onsite = live.peopleOnSite();
  const online = live.peopleOnline();
  box.querySelector("[data-reveal-people]").textContent = t("results_people",
    { total: onsite + online, onsite, online, ideas: all.length, dots });
  const phases = box.querySelector("[data-reveal-phases]");
  const draw = (n) => phases.replaceChildren(...PHASES.map((phase) => {
    const top = all.filter((i) => i.phase === phase).sort(byDots).slice(0, n);
    return h("section", { class: "reveal-phase", "data-reveal-phase": phase },
      h("h3", { text: phaseName(phase) }),
      top.length ? h("ol", {}, top.map((idea, index) => h("li", { "data-idea": idea.id },
        h("span", { class: "rank", text: String(index + 1) }),
        h("span", { class: "visually-hidden", text: t("rank", { n: index + 1 }) + ": " }),
        h("span", { class: "idea-text", dir: "auto", text: idea.text }),
        h("span", { class: "reveal-dots", text: dotsLabel(idea.dots) }))))
        : h("p", { class: "empty", text: t("results_empty") }));
  }));
  let n = MOST;
  let scale = 1;
  box.style.setProperty("--reveal-scale", "1");
  draw(n);
  while (overflows(box) && (scale > 0.6 || n > 1)) {
    if (scale > 0.6) scale = Math.round((scale - 0.08) * 100) / 100;
    else { n -= 1; draw(n); }
    box.style.setProperty("--reveal-scale", String(scale));
  }
}

function overflows(box) {
  if (box.scrollHeight > box.clientHeight + 1) return true;
  return [...box.querySelectorAll(".reveal-phase")].some((s) => s.scrollHeight > s.clientHeight + 1 || s.scrollWidth > s.clientWidth + 1);
}

function dotsLabel(n) {
  if (!n) return t("dots_0");
  return n === 1 ? t("dots_1") : t("dots_n", { n });
}
