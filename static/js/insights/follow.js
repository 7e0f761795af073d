// The insights panels follow the live session without a reload: they listen on the page's
// one socket (the console's, see ../live/common.js onLiveSocket) for events the console
// receives anyway. No own connection, no extra server event.
//
// followLive({ phase(newPhase), counts({id: dots}), ideas(event, data) }): each handler is
// optional. `phase` runs when the session's phase changes (not for the first snapshot),
// `counts` on every tally, `ideas` when ideas or groups are created, changed or removed.
import { onLiveSocket } from "../live/common.js";

export function followLive(handlers) {
  let phase = null;
  const seePhase = (workshop) => {
    if (!workshop || !workshop.phase) return;
    const changed = phase !== null && workshop.phase !== phase;
    phase = workshop.phase;
    if (changed && handlers.phase) handlers.phase(phase);
  };
  onLiveSocket((socket) => {
    socket.on("session:snapshot", (snapshot) => {
      seePhase(snapshot && snapshot.workshop);
      if (handlers.counts && snapshot && snapshot.ideas) {
        handlers.counts(Object.fromEntries(snapshot.ideas.map((idea) => [idea.id, idea.dots])));
      }
    });
    socket.on("session:updated", (data) => seePhase(data && data.workshop));
    socket.on("tally:update", (data) => { if (handlers.counts && data && data.counts) handlers.counts(data.counts); });
    for (const event of ["idea:created", "idea:updated", "idea:removed", "cluster:updated", "cluster:removed"]) {
      socket.on(event, (data) => { if (handlers.ideas) handlers.ideas(event, data || {}); });
    }
  });
}

// Run `fn` once, `ms` after the last call (many ideas arrive at once in a hall).
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}
