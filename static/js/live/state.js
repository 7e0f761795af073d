// The live state of one session, kept from the `/live` events (docs/realtime.md): the
// workshop, ideas, clusters, participant counts and, on a phone, the resident's own dots.
// Phone, projector and console all hold their state here and only draw it their own way.
//
//   const live = new LiveState(socket);
//   live.subscribe((change) => ...);  // change.type: "snapshot" | "workshop" | "idea" |
//                                     // "cluster" | "tally" | "me"
//
// An idea taken off the wall stays in the map with status "hidden" (moderation) or
// "merged", so a view decides what it shows (the author still sees a note on a hidden
// idea; the console can restore it).
export class LiveState {
  constructor(socket) {
    this.workshop = null;
    this.ideas = new Map();
    this.clusters = new Map();
    this.participants = {};
    this.starting = [];
    this.me = { dots_left: 0, my_dots: {} };
    this.representation = null;
    this.listeners = [];
    if (socket) this.attach(socket);
  }

  subscribe(listener) { this.listeners.push(listener); return this; }

  emit(change) { for (const listener of this.listeners) listener(change); }

  attach(socket) {
    socket.on("session:snapshot", (snapshot) => this.applySnapshot(snapshot));
    socket.on("session:updated", (data) => this.applyWorkshop(data));
    socket.on("idea:created", (data) => this.upsertIdea(data && data.idea, "created"));
    socket.on("idea:updated", (data) => this.upsertIdea(data && data.idea, "updated"));
    socket.on("idea:removed", (data) => this.removeIdea(data || {}));
    socket.on("cluster:updated", (data) => {
      if (!data || !data.cluster) return;
      this.clusters.set(data.cluster.id, data.cluster);
      this.emit({ type: "cluster", cluster: data.cluster });
    });
    socket.on("cluster:removed", (data) => {
      const id = Number(data && data.cluster_id);
      this.clusters.delete(id);
      for (const idea of this.ideas.values()) if (idea.cluster_id === id) idea.cluster_id = null;
      this.emit({ type: "cluster", removed: id });
    });
    socket.on("tally:update", (data) => this.applyTally(data || {}));
    socket.on("idea:translated", (data) => this.applyTranslation(data || {}));
    socket.on("me:updated", (me) => { this.me = normaliseMe(me); this.emit({ type: "me" }); });
  }

  applySnapshot(snapshot) {
    this.ideas = new Map((snapshot.ideas || []).map((idea) => [idea.id, idea]));
    this.clusters = new Map((snapshot.clusters || []).map((c) => [c.id, c]));
    this.participants = snapshot.participants || {};
    this.starting = snapshot.starting_points || [];
    if (snapshot.me && "dots_left" in snapshot.me) this.me = normaliseMe(snapshot.me);
    this.representation = snapshot.representation || null;
    const before = this.workshop;
    this.workshop = snapshot.workshop || {};
    this.emit({ type: "snapshot", before, snapshot });
  }

  applyWorkshop(data) {
    if (data.starting_points) this.starting = data.starting_points;
    if (!data.workshop) { this.emit({ type: "workshop", before: this.workshop }); return; }
    const before = this.workshop;
    this.workshop = data.workshop;
    this.emit({ type: "workshop", before });
  }

  // An acknowledged write may carry the fresh idea, workshop or cluster: keep it.
  applyAck(ack) {
    if (!ack) return;
    if (ack.idea) { keepCount(ack.idea, this.ideas.get(ack.idea.id)); this.ideas.set(ack.idea.id, ack.idea); }
    if (ack.cluster) this.clusters.set(ack.cluster.id, ack.cluster);
    if (ack.workshop) { const before = this.workshop; this.workshop = ack.workshop; this.emit({ type: "workshop", before }); }
    if (ack.me) this.me = normaliseMe(ack.me);
  }

  upsertIdea(idea, how) {
    if (!idea) return;
    const before = this.ideas.get(idea.id);
    keepCount(idea, before);
    this.ideas.set(idea.id, idea);
    this.emit({ type: "idea", how, idea, before });
  }

  removeIdea(data) {
    const idea = this.ideas.get(Number(data.idea_id));
    if (!idea) return;
    idea.status = data.reason === "hidden" ? "hidden" : "merged";
    this.emit({ type: "idea", how: "removed", idea, reason: data.reason });
  }

  // An interpreter's translation (issue 14): each page picks its language (languages.js).
  applyTranslation(data) {
    const idea = this.ideas.get(Number(data.idea_id));
    if (!idea) return;
    idea.translations = Object.assign({}, idea.translations || {}, { [data.language]: data.text });
    this.emit({ type: "idea", how: "translated", idea });
  }

  applyTally(data) {
    const changed = [];
    for (const [id, count] of Object.entries(data.counts || {})) {
      const idea = this.ideas.get(Number(id));
      if (idea) { idea.dots = count; changed.push(idea); }
    }
    if (data.participants) this.participants = data.participants;
    this.emit({ type: "tally", changed });
  }

  // ---- questions every view asks ----
  phase() { return this.workshop ? this.workshop.phase : null; }

  flow() {
    const w = this.workshop || {};
    return Object.assign({ step: "collect", dotting_open: false, hide_counts: false, counts_hidden: false }, w.flow || {});
  }

  display() {
    const w = this.workshop || {};
    return Object.assign({ mode: "pages", seconds: 12, top_n: 10 }, w.display || {});
  }

  visibleIdeas(phase) {
    const wanted = phase === undefined ? this.phase() : phase;
    return [...this.ideas.values()].filter((i) => i.status === "visible" && (wanted === null || i.phase === wanted));
  }

  clustersOf(phase) {
    const wanted = phase === undefined ? this.phase() : phase;
    return [...this.clusters.values()].filter((c) => c.phase === wanted)
      .sort((a, b) => (a.position - b.position) || (a.id - b.id));
  }

  peopleOnSite() {
    const p = this.participants || {};
    return (p.onsite || 0) + (p.assisted || 0) + (p.kiosk || 0);
  }

  peopleOnline() { return (this.participants || {}).online || 0; }
}

// While the counts are hidden, what reaches a phone or a projector has `dots: null`
// (docs/realtime.md): keep the count known before (the console's, from its tally); a view
// shows "hidden" for a count that is not a number.
function keepCount(idea, before) {
  if (typeof idea.dots !== "number" && before && typeof before.dots === "number") idea.dots = before.dots;
}

export function hasCount(idea) { return Boolean(idea) && typeof idea.dots === "number"; }

export function normaliseMe(me) {
  return { dots_left: Number((me && me.dots_left) || 0), my_dots: Object.assign({}, (me && me.my_dots) || {}) };
}

// Most dotted first; ties: the older idea first, so a page does not reshuffle on every new card.
export function byDots(a, b) { return ((b.dots || 0) - (a.dots || 0)) || (a.id - b.id); }
