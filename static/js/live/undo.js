// "Letzte Aktionen": the session's recent moderation steps from `moderation:log`, each
// undoable one with a button that sends `moderation:undo` with its action id.
import { h, t } from "./common.js";

const KEEP = 8;

export class UndoList {
  constructor(list, { label, perform }) {
    this.list = list;
    this.label = label;
    this.perform = perform;
    this.entries = [];
  }

  set(actions) {
    this.entries = (actions || []).filter((a) => a && a.undoable).slice(0, KEEP);
    this.render();
  }

  async undo(entry) {
    if (await this.perform(entry)) {
      this.entries = this.entries.filter((e) => e !== entry);
      this.render();
    }
  }

  undoLast() { if (this.entries.length) this.undo(this.entries[0]); }

  render() {
    if (!this.entries.length) {
      this.list.replaceChildren(h("li", { class: "hint", text: t("no_actions") }));
      return;
    }
    this.list.replaceChildren(...this.entries.map((entry) => h("li", {},
      h("span", { dir: "auto", text: this.label(entry) }),
      h("button", { type: "button", class: "button", "data-key": "undo-" + entry.id,
        onclick: () => this.undo(entry), text: t("undo") }))));
  }
}
