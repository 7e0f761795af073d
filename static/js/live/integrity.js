// The console's join figures (issue 13): joins per minute, joins without any other action,
// tickets issued and used, and the stuffing alert. Polled every few seconds from
// /w/<id>/integrity.json; every text comes translated from the server.
const box = document.querySelector("[data-integrity]");

function value(data, path) {
  return path.split(".").reduce((node, key) => (node && typeof node === "object" ? node[key] : undefined), data);
}

async function refresh() {
  try {
    const response = await fetch(box.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const data = await response.json();
    for (const node of box.querySelectorAll("[data-integrity-value]")) {
      const v = value(data, node.dataset.integrityValue);
      if (v !== undefined) node.textContent = String(v);
    }
    const alert = box.querySelector("[data-integrity-alert]");
    if (alert.textContent !== (data.alert_text || "")) alert.textContent = data.alert_text || "";
    alert.hidden = !data.alert;
  } catch (e) { /* offline for a moment: the next poll catches up */ }
}

if (box) setInterval(refresh, 5000);
