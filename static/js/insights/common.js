// Shared helpers of the insights modules: texts from the server, JSON requests, DOM.

export function textsOf(root) {
  const block = root.querySelector("script.insights-texts");
  try { return block ? JSON.parse(block.textContent) : {}; } catch (e) { return {}; }
}

export function fill(template, vars) {
  return String(template || "").replace(/\{(\w+)\}/g, (m, key) => (key in vars ? vars[key] : m));
}

export async function getJSON(url, signal) {
  const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin",
                                      cache: "no-cache", signal });
  const data = await response.json().catch(() => ({ ok: false }));
  if (!response.ok || data.ok === false) throw Object.assign(new Error(data.message || response.status), { data });
  return data;
}

export async function postJSON(url, payload, csrf) {
  const response = await fetch(url, {
    method: "POST", credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrf || "" },
    body: JSON.stringify(payload),
  });
  const data = await response.json().catch(() => ({ ok: false }));
  if (!response.ok || data.ok === false) throw Object.assign(new Error(data.message || response.status), { data });
  return data;
}

// el("li", {class: "x", dir: "auto"}, "text", child): user text always goes in as text.
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "text") node.textContent = value;
    else if (value === true) node.setAttribute(name, "");
    else node.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function announce(root, message) {
  const region = root.querySelector("[data-insights-status]");
  if (!region) return;
  region.textContent = "";
  setTimeout(() => { region.textContent = message || ""; }, 60);
}

export function onReady(selector, attach) {
  const run = () => document.querySelectorAll(selector).forEach((node) => {
    if (!node.dataset.insightsReady) { node.dataset.insightsReady = "1"; attach(node); }
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
}
