// Large-text, high-contrast mode: one tap, no reload, remembered in the `display` cookie.
// Without JavaScript the button submits its form (POST /anzeige) and the server sets the cookie.
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
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-large-text]");
    if (!button) return;
    event.preventDefault();
    setLarge(!isLarge());
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", sync);
  } else {
    sync();
  }
})();
