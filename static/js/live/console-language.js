// Issue 14: correct the language an idea is written in, on the console's idea card (a paper
// card typed as German that is Turkish, a phone in German with an Arabic idea). The same
// correction as the helper page's "Sprache korrigieren", sent as `idea:set_language`.
import { h, readJSON, t } from "./common.js";
import { htmlLang } from "./languages.js";

const CONFIG = readJSON("live-languages");
// The picker's order (the JSON's keys arrive sorted).
const CODES = ["de", "en", "tr", "ar", "uk", "ru", "ls"].filter((code) => code === "de" || (CONFIG.own_names || {})[code]);
const nameOf = (code) => (CONFIG.names || {})[code] || (CONFIG.own_names || {})[code] || code;

// A small form on the card: "Geschrieben auf [select] [Sprache korrigieren]".
export function languageFix(idea, textId) {
  const id = idea.id;
  const current = CODES.includes(idea.language) ? idea.language : "de";
  const selectId = "language-" + id;
  const select = h("select", { id: selectId, name: "language", "data-key": selectId, "aria-describedby": textId },
    CODES.map((code) => h("option", { value: code, lang: htmlLang(code), text: nameOf(code) })));
  select.value = current;
  return h("form", { class: "language-fix", "data-language-fix": id },
    h("label", { for: selectId, text: t("written_in") + " " }), select,
    h("button", { type: "submit", class: "button", "data-key": "language-btn-" + id, "aria-describedby": textId, text: t("fix_language") }));
}

// Handles the cards' language forms. `ideaOf(id)` reads the console's current state (a
// snapshot replaces it); `act` is the console's action (ack, errors, announce).
export function installLanguageFix(root, ideaOf, act) {
  root.addEventListener("submit", (event) => {
    const form = event.target.closest("[data-language-fix]");
    if (!form) return;
    event.preventDefault();
    const idea = ideaOf(Number(form.dataset.languageFix));
    const language = form.elements.language.value;
    if (!idea || language === (idea.language || "de")) return;
    act("idea:set_language", { idea_id: idea.id, language },
      { label: t("language_fixed", { language: nameOf(language) }) });
  });
}
