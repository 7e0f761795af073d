// "Letzte Aktionen": the facilitator's recent moderation steps, each with an undo button.
// An entry undoes through moderation:undo when the ack gave an action_id, otherwise by
// sending the inverse event (restore after hide, the old text after an edit ...).
import { h, t } from "./common.js";

const KEEP = 8;

export class UndoList {
  constructor(list, perform) {
    this.list = list;
    this.perform = perform;
    this.entries = [];
    this.counter = 0;
  }

  push(label, actionId, inverse) {
    if (!actionId && !inverse) return;
    this.counter += 1;
    this.entries.unshift({ key: this.counter, label, actionId, inverse });
    this.entries = this.entries.slice(0, KEEP);
    this.render();
  }

  async undo(entry) {
    const ok = await this.perform(entry);
    if (ok) {
      this.entries = this.entries.filter((e) => e !== entry);
      this.render();
    }
  }

  undoLast() { if (this.entries.length) this.undo(this.entries[0]); }

  render() {
    this.list.replaceChildren(...this.entries.map((entry) => h("li", {},
      h("span", { dir: "auto", text: entry.label }),
      h("button", { type: "button", class: "button", "data-key": "undo-" + entry.key,
        onclick: () => this.undo(entry), text: t("undo") }))));
  }
}
