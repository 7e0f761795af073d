// Keyboard shortcuts of the console. They never fire while the facilitator types in a
// field or holds a modifier key, so they do not get in the way of writing.
const TYPING = new Set(["INPUT", "TEXTAREA", "SELECT"]);
const KEYS = new Set(["/", "j", "k", "h", "a", "e", "s", "x", "l", "t", "u"]);

export function installShortcuts({ cards, ideaOf, run }) {
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    const target = event.target;
    if (target && (TYPING.has(target.tagName) || target.isContentEditable)) return;
    const key = (event.key || "").toLowerCase();
    if (!KEYS.has(key)) return;
    const list = cards();
    const current = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest("[data-card]") : null;
    if (key === "j" || key === "k") {
      if (!list.length) return;
      const index = current ? list.indexOf(current) : -1;
      const next = key === "j" ? Math.min(list.length - 1, index + 1) : Math.max(0, index - 1);
      list[next].focus();
      event.preventDefault();
      return;
    }
    event.preventDefault();
    run(key, ideaOf(current));
  });
}
