// The hall's shared tablet: after a period without any input the page returns to the
// start for the next person. A notice appears a little before; any touch or key resets
// the clock. The times and the notice text come from the server (data attributes).
// Before the page starts over, this person's traces leave the tablet's storage.
import { forgetEveryoneOnThisDevice } from "./live/outbox.js";

const bar = document.querySelector("[data-kiosk]");
const liveRoot = document.getElementById("live-root");

async function nextPerson(form) {
  if (liveRoot) await forgetEveryoneOnThisDevice(liveRoot.dataset.workshop);
  if (form) form.submit();
  else window.location.reload();
}

function guardNextForm(form) {
  if (!form) return;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    nextPerson(form);
  });
}

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
    resetTimer = setTimeout(() => nextPerson(form), idle);
  }

  for (const type of ["pointerdown", "keydown", "input", "touchstart", "wheel"]) {
    document.addEventListener(type, reset, { passive: true, capture: true });
  }
  reset();
}

if (bar) {
  guardNextForm(bar.querySelector("form[data-kiosk-next]"));
  startIdleWatch(bar);
}
