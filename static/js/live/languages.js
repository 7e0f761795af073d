// Issue 14: questions and other people's ideas in the reader's language.
// The server sends every language (workshop.question_languages, idea.translations); each
// page picks its own here. A missing question falls back to German, visibly; a translated
// idea keeps its original one tap away. User text is only ever set as textContent.
import { h, readJSON } from "./common.js";

const CONFIG = readJSON("live-languages");
export const LANGUAGE = CONFIG.language || "de";
const SOURCE = "de";

function say(key, vars) {
  let text = (CONFIG.texts || {})[key] || key;
  for (const [name, value] of Object.entries(vars || {})) text = text.split("{" + name + "}").join(String(value));
  return text;
}

// The HTML lang of a language code (Leichte Sprache is German).
export function htmlLang(code) { return code === "ls" ? "de" : (code || SOURCE); }

// {text, fallback}: the phase question in this page's language, else German (fallback true).
export function questionFor(w) {
  const own = ((w.question_languages || {})[LANGUAGE] || {})[w.phase];
  if (LANGUAGE === SOURCE || own) return { text: own || w.question || w.title || "", fallback: false };
  return { text: w.question || w.title || "", fallback: true };
}

// Show the question and, when it is the German stand-in, say so (live page); and the
// current phase explained in plain words.
export function renderQuestion(node, note, w) {
  document.querySelectorAll("[data-phase-explained]").forEach((p) => { p.hidden = p.dataset.phaseExplained !== w.phase; });
  const question = questionFor(w);
  node.textContent = question.text;
  node.setAttribute("lang", question.fallback ? SOURCE : htmlLang(LANGUAGE));
  if (note) note.hidden = !question.fallback;
}

function originalOf(idea) { return idea.language || SOURCE; }

// What a reader in `language` sees first: its translation, for Leichte Sprache the German
// one, else the original.
export function readerVersion(idea, language = LANGUAGE) {
  const original = originalOf(idea);
  const translations = idea.translations || {};
  let code = language;
  if (language === "ls" && !translations.ls) code = SOURCE;
  if (code !== original && translations[code]) return { text: translations[code], lang: code, translated: true };
  return { text: idea.text, lang: original, translated: false };
}

// An `idea:translated` event: store it on the idea. True when this page shows that language.
export function applyTranslation(ideas, data) {
  const idea = ideas.get(Number(data.idea_id));
  if (!idea) return false;
  idea.translations = Object.assign({}, idea.translations || {}, { [data.language]: data.text });
  return true;
}

// Ideas the reader switched to the original ("Original zeigen").
const showingOriginal = new Set();
let rerender = () => {};
export function onToggle(callback) { rerender = callback; }

// The idea's text for a resident's card, with the one-tap switch to the original.
export function readerText(idea, attrs) {
  const version = readerVersion(idea);
  const original = showingOriginal.has(idea.id);
  const text = h("p", Object.assign({ class: "idea-text", dir: "auto", lang: htmlLang(original ? originalOf(idea) : version.lang),
    text: original ? idea.text : version.text }, attrs || {}));
  if (!version.translated) return [text];
  const name = (CONFIG.names || {})[originalOf(idea)] || originalOf(idea);
  return [text, h("p", { class: "translation-note" },
    h("span", { text: say("translated_from", { language: name }) + " " }),
    h("button", { type: "button", class: "link-button", "data-original-toggle": idea.id,
      "aria-pressed": original ? "true" : "false", text: original ? say("show_translation") : say("show_original") }))];
}

document.addEventListener("click", (event) => {
  const button = event.target.closest && event.target.closest("button[data-original-toggle]");
  if (!button) return;
  const id = Number(button.dataset.originalToggle);
  if (showingOriginal.has(id)) showingOriginal.delete(id); else showingOriginal.add(id);
  rerender();
  const again = document.querySelector(`button[data-original-toggle="${id}"]`);
  if (again) again.focus();
});

// The projector and the hall read German: the German translation (or the original), and a
// mark naming the original language when it is not German.
export function wallVersion(idea) {
  const version = readerVersion(idea, SOURCE);
  const original = originalOf(idea);
  if (original === SOURCE || original === "ls") return { text: version.text, lang: SOURCE, mark: "" };
  const name = (CONFIG.names || {})[original] || original;
  const mark = say("original_in", { language: name }) + (version.translated ? "" : " · " + say("translation_pending"));
  return { text: version.text, lang: htmlLang(version.lang), mark };
}

// Staff pages (console): the reader's language where there is a translation, else German
// (translation or original); the original language named and its text kept beside it,
// since the facilitator moderates what was written.
export function staffVersion(idea) {
  const original = originalOf(idea);
  const own = readerVersion(idea, LANGUAGE);
  const version = own.translated || LANGUAGE === original ? own : readerVersion(idea, SOURCE);
  if (original === version.lang || (original === "ls" && version.lang === SOURCE)) return { text: version.text, lang: htmlLang(original), mark: "" };
  const name = (CONFIG.names || {})[original] || original;
  const mark = say("original_in", { language: name }) + (version.translated ? "" : " · " + say("translation_pending"));
  return { text: version.text, lang: htmlLang(version.lang), mark, original: version.translated ? idea.text : "", originalLang: htmlLang(original) };
}
