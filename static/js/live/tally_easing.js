// Smooth counters on the phone. Phones get `tally:update` at an interval set by the
// server's send budget (a quarter second in a hall, about a second with thousands of
// phones; docs/realtime.md), so a count may jump by several dots at once. Between two
// updates this moves each card's count one dot at a time towards the new value, spread
// over the time until the next update is expected. With "reduce motion" it jumps at once.
//
// Self-contained: the page hands over how to find its ideas and how to redraw.
//   const easing = new TallyEasing(() => state.ideas, render);
//   socket.on("tally:update", (data) => easing.apply(data.counts));

const MIN_WINDOW = 250;   // ms: never slower than the fastest phone interval
const MAX_WINDOW = 1500;  // ms: never drag a count out longer than this
const MIN_STEP = 60;      // ms between two redraws

export class TallyEasing {
  constructor(ideas, render, { reduceMotion } = {}) {
    this.ideas = ideas;
    this.render = render;
    this.targets = new WeakMap();  // idea object -> count it is moving to
    this.moving = new Set();
    this.timer = null;
    this.lastAt = 0;
    this.window = 500;
    this.reduceMotion = reduceMotion ?? (() => Boolean(
      window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches));
  }

  apply(counts) {
    const now = performance.now();
    if (this.lastAt) {
      // Expect the next update after about as long as this one took.
      const gap = Math.min(MAX_WINDOW, Math.max(MIN_WINDOW, now - this.lastAt));
      this.window = 0.7 * this.window + 0.3 * gap;
    }
    this.lastAt = now;
    const ideas = this.ideas();
    const instant = this.reduceMotion();
    for (const [id, count] of Object.entries(counts || {})) {
      const idea = ideas.get(Number(id));
      if (!idea) continue;
      if (instant || typeof idea.dots !== "number" || Math.abs(count - idea.dots) <= 1) {
        idea.dots = count;  // one dot (or no motion wanted): show it now
        this.targets.delete(idea);
        this.moving.delete(idea);
      } else {
        this.targets.set(idea, count);
        this.moving.add(idea);
      }
    }
    this.render();
    if (this.moving.size) this.schedule();
  }

  schedule() {
    if (this.timer) clearTimeout(this.timer);
    let widest = 1;
    for (const idea of this.moving) {
      widest = Math.max(widest, Math.abs((this.targets.get(idea) ?? idea.dots) - idea.dots));
    }
    this.timer = setTimeout(() => this.step(), Math.max(MIN_STEP, this.window / (widest + 1)));
  }

  step() {
    this.timer = null;
    const current = new Set(this.ideas().values());
    for (const idea of [...this.moving]) {
      const target = this.targets.get(idea);
      // Replaced by a snapshot or an idea event in the meantime: that value is the truth.
      if (!current.has(idea) || target === undefined || target === idea.dots) {
        this.moving.delete(idea);
        this.targets.delete(idea);
        continue;
      }
      idea.dots += target > idea.dots ? 1 : -1;
      if (idea.dots === target) {
        this.moving.delete(idea);
        this.targets.delete(idea);
      }
    }
    this.render();
    if (this.moving.size) this.schedule();
  }
}
