// The hall's shared tablet: after a period without any input the page returns to the
// start for the next person. A notice appears a little before; any touch or key resets
// the clock. The times and the notice text come from the server (data attributes).
const bar = document.querySelector("[data-kiosk]");

function startIdleWatch(section) {
  const idle = Number(section.dataset.idleSeconds || 180) * 1000;
  const warn = Math.min(idle, Number(section.dataset.warnSeconds || 30) * 1000);
  const notice = section.querySelector("[data-kiosk-warning]");
  const form = section.querySelector("form[data-kiosk-next]");
  let warnTimer = null;
  let resetTimer = null;

  function reset() {
    clearTimeout(warnTimer);
    clearTimeout(resetTimer);
    if (notice.textContent) notice.textContent = "";
    notice.classList.remove("is-shown");
    warnTimer = setTimeout(() => {
      notice.textContent = section.dataset.warningText || "";
      notice.classList.add("is-shown");
    }, idle - warn);
    resetTimer = setTimeout(() => {
      if (form) form.submit();
      else window.location.reload();
    }, idle);
  }

  for (const type of ["pointerdown", "keydown", "input", "touchstart", "wheel"]) {
    document.addEventListener(type, reset, { passive: true, capture: true });
  }
  reset();
}

if (bar) startIdleWatch(bar);
