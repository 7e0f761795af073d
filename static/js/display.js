// Display helpers on every page. Large-text, high-contrast mode: one tap, no reload, remembered
// in the `display` cookie (without JavaScript the button submits its form, POST /anzeige).
(function () {
  "use strict";
  var YEAR = 365 * 24 * 3600;

  function isLarge() {
    return document.body.classList.contains("large-text");
  }

  function sync() {
    var on = isLarge();
    document.querySelectorAll("[data-large-text]").forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
    document.querySelectorAll("[data-display-value]").forEach(function (input) {
      input.value = on ? "normal" : "large";
    });
  }

  function setLarge(on) {
    document.body.classList.toggle("large-text", on);
    document.cookie = on
      ? "display=large; path=/; max-age=" + YEAR + "; SameSite=Lax"
      : "display=; path=/; max-age=0; SameSite=Lax";
    sync();
    scrollableTables();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-large-text]");
    if (!button) return;
    event.preventDefault();
    setLarge(!isLarge());
  });

  // A table wider than a small phone scrolls inside its .table-wrap: keyboard users must be
  // able to focus that region to scroll it (WCAG 2.1.1), and hear what it is.
  function scrollableTables() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls && !wrap.hasAttribute("tabindex")) {
        var caption = wrap.querySelector("caption");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        if (caption) wrap.setAttribute("aria-label", caption.textContent.trim());
      } else if (!scrolls && wrap.getAttribute("tabindex") === "0" && wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  function ready() {
    sync();
    scrollableTables();
  }

  window.addEventListener("resize", scrollableTables);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
