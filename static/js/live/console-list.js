// The console's list of ideas for a hall of 150: search, filters (phase, status, group,
// channel) and sort, drawn incrementally: a card is rebuilt only when what it shows has
// changed, and nodes are moved, not redrawn, so an update stays well under 100 ms and
// focus stays where it was.

export const DEFAULT_FILTERS = { q: "", phase: "current", status: "", group: "", channel: "", sort: "new" };

const SORTS = {
  new: (a, b) => String(b.created_at || "").localeCompare(String(a.created_at || "")) || (b.id - a.id),
  old: (a, b) => String(a.created_at || "").localeCompare(String(b.created_at || "")) || (a.id - b.id),
  dots: (a, b) => ((b.dots || 0) - (a.dots || 0)) || (b.id - a.id),
  text: (a, b) => a.text.localeCompare(b.text, document.documentElement.lang || "de") || (a.id - b.id),
};

// Lower case without accents, so "ärzte" finds "Ärztehaus" and "arzte" too.
export function fold(text) {
  return String(text || "").toLocaleLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

export function filterIdeas(ideas, filters, currentPhase) {
  const phase = filters.phase === "current" ? currentPhase : filters.phase;
  const words = fold(filters.q).split(/\s+/).filter(Boolean);
  const out = [];
  for (const idea of ideas) {
    if (idea.status === "merged") continue;
    if (phase !== "all" && idea.phase !== phase) continue;
    if (filters.status && idea.status !== filters.status) continue;
    if (filters.channel && idea.channel !== filters.channel) continue;
    if (filters.group === "none" && idea.cluster_id) continue;
    if (filters.group && filters.group !== "none" && String(idea.cluster_id) !== filters.group) continue;
    if (words.length) {
      const text = fold(idea.text);
      if (!words.every((w) => text.includes(w))) continue;
    }
    out.push(idea);
  }
  return out.sort(SORTS[filters.sort] || SORTS.new);
}

export class IncrementalList {
  // build(idea) -> node; signature(idea) -> string that changes whenever the card must be redrawn.
  constructor(list, { build, signature }) {
    this.list = list;
    this.build = build;
    this.signature = signature;
    this.cards = new Map();  // idea id -> { node, sig }
  }

  render(ideas) {
    const wanted = new Set();
    const nodes = ideas.map((idea) => {
      wanted.add(idea.id);
      const sig = this.signature(idea);
      let entry = this.cards.get(idea.id);
      if (!entry || entry.sig !== sig) {
        const node = this.build(idea);
        if (entry && entry.node.parentNode) {
          const hadFocus = entry.node.contains(document.activeElement);
          const key = hadFocus ? document.activeElement.dataset.key : null;
          entry.node.replaceWith(node);
          if (key) { const again = node.querySelector(`[data-key="${key}"]`) || node; again.focus(); }
        }
        entry = { node, sig };
        this.cards.set(idea.id, entry);
      }
      return entry.node;
    });
    for (const [id, entry] of this.cards) {
      if (!wanted.has(id)) { entry.node.remove(); this.cards.delete(id); }
    }
    // Put the nodes in order, touching only those out of place.
    let cursor = this.list.firstElementChild;
    for (const node of nodes) {
      if (node === cursor) { cursor = cursor.nextElementSibling; continue; }
      this.list.insertBefore(node, cursor);
    }
    while (cursor) { const next = cursor.nextElementSibling; cursor.remove(); cursor = next; }
  }

  node(id) { const entry = this.cards.get(id); return entry ? entry.node : null; }

  reset() { this.cards.clear(); this.list.replaceChildren(); }
}
